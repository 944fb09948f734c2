import { renderCardAsText } from '../../../../bot/dev/card-text';

describe('renderCardAsText', () => {
  it('drops terminal control sequences that card text could carry', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'INC-0042 \u001b[2J\u001b]0;pwned\u0007fraud endpoint down' }],
      actions: [{ type: 'Action.Submit', title: 'Ack\u001b[31m', data: {} }],
    };
    const text = renderCardAsText(card).lines.join('\n');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('INC-0042');
    expect(text).toContain('fraud endpoint down');
  });

  const card = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Endpoint **fraud-detection**', size: 'Large', weight: 'Bolder' },
      {
        type: 'FactSet',
        facts: [
          { title: 'P95 latency', value: '63 ms' },
          { title: 'Availability', value: '99.96%' },
        ],
      },
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', items: [{ type: 'TextBlock', text: 'blue' }] },
          { type: 'Column', items: [{ type: 'TextBlock', text: '3 instances' }] },
        ],
      },
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            items: [
              { type: 'TextBlock', text: 'left 1' },
              { type: 'TextBlock', text: 'left 2' },
            ],
          },
          { type: 'Column', items: [{ type: 'TextBlock', text: 'right' }] },
        ],
      },
      { type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text: 'Simulated data' }] },
      { type: 'TextBlock', text: 'hidden', isVisible: false },
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.OpenUrl', title: 'Runbook', url: 'https://example.com' }],
      },
    ],
    actions: [
      { type: 'Action.Submit', title: 'Scale', data: { opsbot: { command: 'scale fraud-detection 5' } } },
      { type: 'Action.Submit', title: 'Off', isEnabled: false },
    ],
  };

  it('prints text, aligned facts, columns side by side, containers and numbered buttons', () => {
    const { lines, buttons } = renderCardAsText(card, 4);
    expect(lines).toEqual([
      'Endpoint fraud-detection',
      '========================',
      'P95 latency:  63 ms',
      'Availability: 99.96%',
      'blue  3 instances',
      'left 1  right',
      'left 2',
      '! Simulated data',
      '[#4] Runbook',
      '',
      '[#5] Scale',
    ]);
    expect(buttons.map((b) => b.title)).toEqual(['Runbook', 'Scale']);
    expect(buttons[1].action).toMatchObject({ data: { opsbot: { command: 'scale fraud-detection 5' } } });
  });

  it('stacks columns that would not fit the width', () => {
    const wide = {
      body: [
        {
          type: 'ColumnSet',
          columns: [
            {
              items: [
                { type: 'TextBlock', text: 'a'.repeat(30) },
                { type: 'TextBlock', text: 'x' },
              ],
            },
            { items: [{ type: 'TextBlock', text: 'b'.repeat(30) }] },
          ],
        },
      ],
    };
    expect(renderCardAsText(wide, 1, 40).lines).toEqual(['a'.repeat(30), 'x', 'b'.repeat(30)]);
  });
});
