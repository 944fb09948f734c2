import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalRouter, probeDirectory, runProbeEvaluation } from '../../../../bot/cli/eval-router.command';
import { evaluateProbes, parseProbeSet } from '../../../../bot/cli/probe-evaluation';

const projectRoot = join(__dirname, '..', '..', '..', '..');
const acting = new Set(['compute.stop', 'incident.ack']);

describe('parseProbeSet', () => {
  it('reads the three tags and names the line of anything else', () => {
    const probes = parseProbeSet('S\tdon’t stop it\n\nA=compute.stop\tstop it\n?\tmaybe stop it\n', 'p.tsv');
    expect(probes).toEqual([
      { tag: 'S', text: 'don’t stop it', where: 'p.tsv:1' },
      { tag: 'A', text: 'stop it', skill: 'compute.stop', where: 'p.tsv:3' },
      { tag: '?', text: 'maybe stop it', where: 'p.tsv:4' },
    ]);
    expect(() => parseProbeSet('S\tok\nX stop it\n', 'p.tsv')).toThrow('p.tsv:2: expected');
  });
});

describe('evaluateProbes', () => {
  it('counts an S line on an acting skill as dangerous and an A= line elsewhere as refused', () => {
    const probes = parseProbeSet(
      ['S\ta', 'S\tb', 'S\tc', 'A=compute.stop\td', 'A=incident.ack\te', '?\tf'].join('\n'),
      'p.tsv',
    );
    const got = ['compute.stop', 'none', 'incident.declare', 'compute.stop', 'none', 'compute.stop'];
    const e = evaluateProbes(
      probes,
      got.map((skill, i) => ({ text: probes[i].text, skill, args: {}, confidence: 1 })),
      acting,
    );
    expect(e.dangerous.map((d) => [d.probe.where, d.got])).toEqual([['p.tsv:1', 'compute.stop']]);
    expect(e.declared.map((d) => d.probe.where)).toEqual(['p.tsv:3']);
    expect(e.refused.map((d) => [d.probe.where, d.got])).toEqual([['p.tsv:5', 'none']]);
    expect([e.total, e.safeLines, e.requestLines, e.recall]).toEqual([6, 3, 2, 0.5]);
  });
});

describe('eval-router over probe sets', () => {
  it('scores every adversarial-probes*.tsv of the repository, each line once', async () => {
    const files = readdirSync(join(projectRoot, probeDirectory)).filter((f) =>
      /^adversarial-probes.*\.tsv$/.test(f),
    );
    expect(files.length).toBeGreaterThanOrEqual(3);
    const sets = await runProbeEvaluation();
    expect(sets.map((s) => s.path).sort()).toEqual(files.map((f) => `${probeDirectory}/${f}`).sort());
    for (const s of sets) {
      const lines = readFileSync(join(projectRoot, s.path), 'utf8').split('\n').filter(Boolean);
      expect(s.probes.total).toBe(lines.length);
      expect(s.probes.safeLines).toBe(lines.filter((l) => l.startsWith('S\t')).length);
    }
  });

  it('prints the line of a probe that acted and fails', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'opsbot-probes-'));
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      writeFileSync(
        join(directory, 'utterances.jsonl'),
        JSON.stringify({
          text: 'what is the fraud endpoint latency doing this morning',
          skill: 'status.endpoint',
          args: { endpoint: 'fraud-detection' },
        }),
      );
      writeFileSync(
        join(directory, 'adversarial-probes-x.tsv'),
        ['?\tmaybe', 'S\tstop gpu-cluster-01 right now', 'A=compute.stop\tshut down gpu-cluster-01'].join(
          '\n',
        ),
      );
      const code = await evalRouter(['--dir', directory]);
      const out = written.join('');
      expect(code).toBe(1);
      expect(out).toContain(
        `${join(directory, 'adversarial-probes-x.tsv')}:2 "stop gpu-cluster-01 right now" → compute.stop`,
      );
      expect(out).toContain('A= recall                           100.0 % (1 of 1)');
    } finally {
      spy.mockRestore();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
