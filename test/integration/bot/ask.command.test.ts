import { opsbot } from '../../helpers/opsbot-cli';

describe('opsbot ask (a real process, the shipped runbooks)', () => {
  it('answers one question as one JSON line, best citation first, with the steps', async () => {
    const { code, stdout } = await opsbot(['ask', 'my training job died with QuotaExceeded']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]);
    expect(record).toMatchObject({ question: 'my training job died with QuotaExceeded', answered: true });
    expect(record.citations[0]).toEqual({
      page: 'knowledge/quota-exceeded.md',
      heading: 'Check and raise the compute quota',
      score: expect.any(Number),
    });
    expect(record.steps[0]).toContain('az ml compute list-usage');
  });

  it('answers each stdin line in order, and "don\'t know" without citations; nothing else on stdout', async () => {
    const input = [
      'the endpoint returns 503',
      'which pizza topping goes with pineapple',
      'who do I call after L2?',
    ];
    const { code, stdout, stderr } = await opsbot(['ask', '--stdin', '--timing'], `${input.join('\n')}\n`);
    expect(code).toBe(0);
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.question)).toEqual(input);
    expect(records.map((r) => r.answered)).toEqual([true, false, true]);
    expect(records[1]).toEqual({ question: input[1], answered: false, citations: [], steps: [] });
    expect(records[0].citations[0].page).toBe('knowledge/endpoint-503.md');
    expect(records[2].citations[0].page).toBe('knowledge/severity-and-escalation.md');
    expect(stderr).toMatch(/answered 3 questions in \d+ ms after start-up/);
  });

  it('refuses a question together with --stdin', async () => {
    const { code, stderr } = await opsbot(['ask', '--stdin', 'hello']);
    expect(code).toBe(2);
    expect(stderr).toContain('give either a question or --stdin, not both');
  });
});
