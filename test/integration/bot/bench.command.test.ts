import { opsbot } from '../../helpers/opsbot-cli';

// The bench is measured by people, never timed here: this checks that it runs every kind of turn
// of the realistic mix against both bots and reports them, with no error and no lost reply.
describe('opsbot bench', () => {
  it('runs the realistic mix against opsbot and the echo bot and reports each kind of turn', async () => {
    const { code, stdout, stderr } = await opsbot([
      'bench',
      '--conversations',
      '2',
      '--rounds',
      '1',
      '--json',
    ]);
    expect({
      code,
      stderr: stderr.replace(/^.*DeprecationWarning.*\n|^\(Use `node --trace.*\n/gm, ''),
    }).toEqual({
      code: 0,
      stderr: '',
    });
    const report = JSON.parse(stdout) as {
      mode: string;
      echo: { turns: number; lostReplies: number };
      opsbot: { turns: number; errors: number; lostReplies: number };
      byKind: Record<string, { turns: number; errors: number; lostReplies: number }>;
      changeResult: { count: number };
      changeNoOps: number;
      throughputRatio: number;
      p95Ratio: number;
      errorSamples: string[];
    };
    expect(report.mode).toBe('mix');
    // 2 conversations × 10 turns: each cycle of the script has 3 plain, 2 strict, 1 of each other kind.
    expect(report.opsbot.turns).toBe(20 - report.changeNoOps);
    expect(report.echo.turns).toBe(20);
    const confirms = 2 - report.changeNoOps;
    expect(Object.fromEntries(Object.entries(report.byKind).map(([k, v]) => [k, v.turns]))).toEqual({
      'plain-status': 6,
      'strict-command': 4,
      'clarify-question': 2,
      'clarify-answer': 2,
      'change-request': 2,
      ...(confirms > 0 ? { 'change-confirm': confirms } : {}),
      'incident-list': 2,
    });
    expect(report.errorSamples).toEqual([]);
    expect(report.opsbot).toMatchObject({ errors: 0, lostReplies: 0 });
    expect(report.echo.lostReplies).toBe(0);
    expect(report.changeResult.count).toBe(confirms);
    expect(report.throughputRatio).toBeGreaterThan(0);
    expect(report.p95Ratio).toBeGreaterThan(0);
  });

  it('runs each bot in a child process of its own and reports their own CPU time and RSS', async () => {
    const { code, stdout } = await opsbot([
      'bench',
      '--conversations',
      '2',
      '--rounds',
      '1',
      '--bot-process',
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      botProcess: string;
      echo: { turns: number; lostReplies: number };
      opsbot: { turns: number; errors: number; lostReplies: number };
      changeNoOps: number;
      cpuMsPerTurn: { opsbot: number; echo: number };
      rssMb: number;
      maxRssMb: number;
      generatorRssMb: number;
    };
    expect(report.botProcess).toBe('child');
    expect(report.opsbot).toMatchObject({ turns: 20 - report.changeNoOps, errors: 0, lostReplies: 0 });
    expect(report.echo).toMatchObject({ turns: 20, lostReplies: 0 });
    expect(report.cpuMsPerTurn.opsbot).toBeGreaterThan(0);
    expect(report.cpuMsPerTurn.echo).toBeGreaterThan(0);
    // The bot's own process: more than an empty Node, and its peak at least its end figure.
    expect(report.rssMb).toBeGreaterThan(40);
    expect(report.maxRssMb).toBeGreaterThanOrEqual(report.rssMb);
    expect(report.generatorRssMb).toBeGreaterThan(0);
  });

  it('refuses a count that is not a whole number', async () => {
    const { code, stderr } = await opsbot(['bench', '--conversations', 'many']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('--conversations must be a whole number of at least 1, got "many".');
  });
});
