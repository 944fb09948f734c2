import { parseSections, slugOf, splitFrontMatter } from '../../../../core/knowledge/runbook-markdown';

describe('splitFrontMatter', () => {
  it('separates the YAML between the first two --- lines from the body', () => {
    const split = splitFrontMatter('---\ntitle: A\n---\n# A\n\n## One\ntext\n');
    expect(split).toEqual({ frontMatter: 'title: A', body: '# A\n\n## One\ntext\n' });
  });

  it('accepts CRLF line ends and a byte-order mark', () => {
    expect(splitFrontMatter('\uFEFF---\r\ntitle: A\r\n---\r\nbody')).toEqual({
      frontMatter: 'title: A',
      body: 'body',
    });
  });

  it('says when the front matter is missing or not closed', () => {
    expect(splitFrontMatter('# Just a title\n')).toEqual({ problem: expect.stringMatching(/no front matter/) });
    expect(splitFrontMatter('---\ntitle: A\n')).toEqual({ problem: expect.stringMatching(/not closed/) });
  });
});

describe('parseSections', () => {
  const body = [
    '# Page title',
    '',
    '## Fix it',
    '',
    'Some context first.',
    '',
    '1. Look at the thing.',
    '2. Run this:',
    '',
    '   ```bash',
    '   az thing show \\',
    '     --name x',
    '   ```',
    '',
    '3. Check the result',
    '   on two lines.',
    '',
    '### Contacts',
    '',
    '| Team | Mail | Hours |',
    '|------|------|-------|',
    '| L1 | l1@example.com | 24/7 |',
    '| L3 | l3@example.com | |',
    '',
    '## Empty heading',
    '',
    '## Fix it',
    '- a bullet',
  ].join('\n');

  const sections = parseSections('page', 'Page title', body);

  it('makes one section per ## and ### heading, skips empty ones and keeps ids unique', () => {
    expect(sections.map((s) => [s.id, s.heading])).toEqual([
      ['page#fix-it', 'Fix it'],
      ['page#contacts', 'Contacts'],
      ['page#fix-it-2', 'Fix it'],
    ]);
  });

  it('turns list items into steps, joins continuation lines and attaches the fenced command to its item', () => {
    expect(sections[0].steps).toEqual([
      { text: 'Look at the thing.' },
      { text: 'Run this:', code: 'az thing show \\\n  --name x' },
      { text: 'Check the result on two lines.' },
    ]);
    expect(sections[0].text).toBe('Some context first.');
  });

  it('turns table rows into steps that name their columns, leaving out empty cells', () => {
    expect(sections[1].steps.map((s) => s.text)).toEqual([
      '**L1** — mail: l1@example.com; hours: 24/7',
      '**L3** — mail: l3@example.com',
    ]);
  });

  it('keeps text before the first heading as a section named after the page', () => {
    expect(parseSections('p', 'Title', 'Intro line.\n\n## Next\n- x')[0]).toMatchObject({
      id: 'p#title',
      heading: 'Title',
      text: 'Intro line.',
    });
  });

  it('does not read a heading inside a code block', () => {
    const parsed = parseSections('p', 'T', '## A\n```\n## not a heading\n```\n');
    expect(parsed).toHaveLength(1);
    expect(parsed[0].steps[0].code).toBe('## not a heading');
  });
});

describe('slugOf', () => {
  it('lower-cases and joins words with hyphens', () => {
    expect(slugOf('Morning checks (8:00 AM)')).toBe('morning-checks-8-00-am');
    expect(slugOf('!!!')).toBe('section');
  });
});
