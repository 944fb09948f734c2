import { cardCommands, cardText, validateCard } from '../../../helpers/validate-card';

const valid = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'P95 412 ms', color: 'Warning', wrap: true }],
  actions: [
    {
      type: 'Action.Submit',
      title: 'Alerts',
      data: { opsbot: { command: 'alerts' } },
    },
  ],
  msteams: { width: 'Full' },
};

describe('validateCard (the helper every card test relies on)', () => {
  it('accepts a valid card', () => {
    expect(validateCard(valid)).toEqual([]);
    expect(cardText(valid)).toBe('P95 412 ms');
    expect(cardCommands(valid)).toEqual([{ title: 'Alerts', command: 'alerts' }]);
  });

  it('reports an invalid colour, an unknown element, a misspelt property, an empty text and a bad version', () => {
    const problems = validateCard({
      type: 'AdaptiveCard',
      version: '1.7',
      body: [
        { type: 'TextBlock', text: 'x', color: 'Green' },
        { type: 'Badge', text: 'y' },
        { type: 'TextBlock', text: 'z', colour: 'Good' },
        { type: 'TextBlock', text: ' ' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'parse: Invalid value "Green" for property "color".',
        expect.stringContaining('Unknown element type "Badge"'),
        'unknown property: .body[].colour',
        'content: a TextBlock has no text',
        expect.stringContaining('The specified card version (1.7) is not supported'),
      ]),
    );
  });
});
