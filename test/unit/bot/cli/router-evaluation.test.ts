import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SetEvaluation } from '../../../../bot/cli/eval-router.command';
import {
  evalRouter,
  evaluationDirectory,
  routerTargets,
  runRouterEvaluation,
  setPasses,
} from '../../../../bot/cli/eval-router.command';
import {
  contentSignature,
  evaluateRouting,
  findOverlap,
  parseLabelledSet,
} from '../../../../bot/cli/router-evaluation';

const projectRoot = join(__dirname, '..', '..', '..', '..');
/** The labelled lines of a set, counted without the parser under test: non-blank lines that are not `//` comments. */
const labelledLines = (path: string) =>
  readFileSync(join(projectRoot, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('//')).length;
const changeSkills = new Set(['compute.start', 'compute.stop', 'endpoint.scale', 'secret.rotate']);
/**
 * Lowest skill accuracy any labelled set in the repository may fall to: the 95 % target.
 * Every set here has been looked at and tuned on by now (96.5–99.4 % at the time of writing), so this
 * catches regressions; the honest unseen-phrasing figure is a new set's first score (docs/router.md).
 */
const blindSkillAccuracyFloor = 0.95;

describe('router evaluation (npm run eval:router)', () => {
  let sets: SetEvaluation[];
  beforeAll(async () => {
    sets = await runRouterEvaluation();
  });

  it('evaluates every labelled set in test/router-eval on its own, the dev set first', () => {
    const files = readdirSync(join(projectRoot, evaluationDirectory)).filter((f) => f.endsWith('.jsonl'));
    expect(sets.map((s) => s.path).sort()).toEqual(files.map((f) => `${evaluationDirectory}/${f}`).sort());
    expect(sets[0]).toMatchObject({ path: `${evaluationDirectory}/utterances.jsonl`, kind: 'dev' });
    expect(sets.slice(1).every((s) => s.kind === 'blind')).toBe(true);
    expect(sets.map((s) => s.all.total)).toEqual(sets.map((s) => labelledLines(s.path)));
  });

  it('meets the targets on the dev set, which repeats no training example', () => {
    const dev = sets[0];
    expect(dev.all.total).toBeGreaterThanOrEqual(150);
    expect(dev.overlaps).toEqual([]);
    expect(dev.all.skillMisses.filter((m) => m.dangerous)).toEqual([]);
    expect(dev.all.argumentMisses.filter((m) => m.dangerous)).toEqual([]);
    expect(dev.all.dangerousMisroutes).toBe(routerTargets.dangerousMisroutes);
    expect(dev.all.skillAccuracy).toBeGreaterThanOrEqual(routerTargets.skillAccuracy);
    expect(dev.all.argumentAccuracy).toBeGreaterThanOrEqual(routerTargets.argumentAccuracy);
  });

  it('keeps every blind set safe, its arguments on target and its skill accuracy above the regression floor', () => {
    // Figures only: the blind lines are not printed, so that nobody tunes to them. The 95 % skill
    // target is what eval:router reports per set; a blind set measures how the router generalises,
    // so the test holds it to a floor that catches regressions rather than to the target itself.
    const figures = sets
      .filter((s) => s.kind === 'blind')
      .map((s) => ({
        path: s.path,
        skillAccuracyMet: s.unseen.skillAccuracy >= blindSkillAccuracyFloor,
        argumentAccuracyMet: s.unseen.argumentAccuracy >= routerTargets.argumentAccuracy,
        dangerousMisroutes: s.unseen.dangerousMisroutes,
      }));
    expect(figures.length).toBeGreaterThan(0);
    expect(figures).toEqual(
      figures.map((f) => ({
        ...f,
        skillAccuracyMet: true,
        argumentAccuracyMet: true,
        dangerousMisroutes: 0,
      })),
    );
  });

  it('prints every set, and no blind line unless asked', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let code: number;
    try {
      code = await evalRouter([]);
    } finally {
      spy.mockRestore();
    }
    const out = written.join('');
    // Every set in the repository meets its targets and no probe acts: the command says so with 0.
    expect(code).toBe(0);
    for (const s of sets) {
      const kind = s.path.endsWith('/utterances.jsonl') ? 'dev' : 'blind';
      expect(out).toContain(`== ${s.path} (${kind} set): ${labelledLines(s.path)} lines, `);
    }
    expect(out.match(/skill accuracy/g)).toHaveLength(1 + 2 * (sets.length - 1));
    for (const s of sets.filter((b) => b.kind === 'blind')) {
      for (const c of parseLabelledSet(readFileSync(join(projectRoot, s.path), 'utf8'), s.path)) {
        if (c.text.length > 12) expect(out).not.toContain(JSON.stringify(c.text));
      }
    }
  });
});

describe('runRouterEvaluation on other sets', () => {
  it('fails a dev set that repeats a training example, and scores blind sets without their overlaps', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'opsbot-eval-'));
    try {
      const line = (text: string, skill: string, args: Record<string, unknown> = {}) =>
        JSON.stringify({ text, skill, args });
      writeFileSync(
        join(directory, 'utterances.jsonl'),
        [
          line('hey, can you please stop the GPU clusters?', 'compute.stop', { cluster: 'gpu-cluster-01' }),
        ].join('\n'),
      );
      writeFileSync(
        join(directory, 'blind-holdout-x.jsonl'),
        [
          line('Stop GPU cluster!', 'compute.stop', { cluster: 'gpu-cluster-01' }),
          line('what is the fraud endpoint latency doing this morning', 'status.endpoint', {
            endpoint: 'fraud-detection',
          }),
          line('is the fraud endpoint healthy', 'none'),
        ].join('\n'),
      );
      writeFileSync(join(directory, 'notes.txt'), 'not a set');
      const [dev, blind] = await runRouterEvaluation({ directory });
      expect(dev.kind).toBe('dev');
      expect(dev.overlaps).toHaveLength(1);
      expect(dev.overlaps[0]).toMatchObject({ kind: 'near' });
      expect(setPasses(dev)).toBe(false);
      expect(blind).toMatchObject({ kind: 'blind', path: join(directory, 'blind-holdout-x.jsonl') });
      expect(blind.overlaps.map((o) => o.index)).toEqual([0]);
      expect(blind.all.total).toBe(3);
      expect(blind.unseen.total).toBe(2);
      expect(blind.unseen.skillMisses.map((m) => m.text)).toEqual(['is the fraud endpoint healthy']);
      expect(blind.unseen.skillAccuracy).toBe(0.5);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('evaluateRouting', () => {
  it('counts a read-only request routed to a change skill as dangerous', () => {
    const e = evaluateRouting(
      [
        { text: 'how is the gpu cluster', skill: 'status.compute', args: { cluster: 'gpu-cluster-01' } },
        {
          text: 'scale fraud to 4',
          skill: 'endpoint.scale',
          args: { endpoint: 'fraud-detection', instances: 4 },
        },
      ],
      [
        { text: 'how is the gpu cluster', skill: 'compute.stop', args: {}, confidence: 0.7 },
        {
          text: 'scale fraud to 4',
          skill: 'endpoint.scale',
          args: { endpoint: 'fraud-detection', instances: 5 },
          confidence: 0.9,
        },
      ],
      changeSkills,
    );
    expect(e.dangerousMisroutes).toBe(1);
    expect(e.skillAccuracy).toBe(0.5);
    expect(e.argumentAccuracy).toBe(0);
  });

  it('counts a change on another resource, or the opposite change, as dangerous; a missing resource is not', () => {
    const e = evaluateRouting(
      [
        { text: 'rotate the storage key', skill: 'secret.rotate', args: { secret: 'storage-key' } },
        {
          text: 'scale green to 4',
          skill: 'endpoint.scale',
          args: { endpoint: 'fraud-detection', deployment: 'green', instances: 4 },
        },
        { text: 'start the gpu cluster', skill: 'compute.start', args: { cluster: 'gpu-cluster-01' } },
        { text: 'stop a cluster', skill: 'compute.stop', args: {} },
        { text: 'rotate the key', skill: 'secret.rotate', args: { secret: 'aoai-api-key' } },
      ],
      [
        {
          text: 'rotate the storage key',
          skill: 'secret.rotate',
          args: { secret: 'aoai-api-key' },
          confidence: 0.9,
        },
        {
          text: 'scale green to 4',
          skill: 'endpoint.scale',
          args: { endpoint: 'fraud-detection', deployment: 'blue', instances: 4 },
          confidence: 0.9,
        },
        {
          text: 'start the gpu cluster',
          skill: 'compute.stop',
          args: { cluster: 'gpu-cluster-01' },
          confidence: 0.6,
        },
        {
          text: 'stop a cluster',
          skill: 'compute.stop',
          args: { cluster: 'cpu-cluster-01' },
          confidence: 0.6,
        },
        { text: 'rotate the key', skill: 'secret.rotate', args: {}, confidence: 0.8 },
      ],
      changeSkills,
    );
    expect(e.dangerousMisroutes).toBe(4);
    expect(e.wrongResource).toBe(3);
    expect(e.wrongChangeSkill).toBe(1);
    expect(e.argumentMisses.map((m) => [m.text, m.dangerous])).toEqual([
      ['rotate the storage key', true],
      ['scale green to 4', true],
      ['stop a cluster', true],
      ['rotate the key', false],
    ]);
    expect(e.skillMisses.map((m) => [m.text, m.dangerous])).toEqual([['start the gpu cluster', true]]);
  });
});

describe('findOverlap', () => {
  it('finds a labelled sentence that is also a training example, whatever its punctuation', () => {
    expect(
      findOverlap([{ text: 'Delete the GPU cluster!', skill: 'none', args: {} }], ['delete the gpu cluster']),
    ).toEqual([
      { index: 0, text: 'Delete the GPU cluster!', example: 'delete the gpu cluster', kind: 'exact' },
    ]);
  });

  it('finds near-duplicates: greetings, polite and function words, word order and endings aside', () => {
    const cases = [
      { text: 'hi opsbot, could you please stop the GPU clusters?', skill: 'compute.stop', args: {} },
      { text: 'acknowledging INC-0042', skill: 'incident.ack', args: {} },
      { text: 'start the gpu cluster', skill: 'compute.start', args: {} },
      { text: 'why is the gpu cluster stopped', skill: 'troubleshoot.ask', args: {} },
      { text: "don't stop the gpu cluster", skill: 'none', args: {} },
    ];
    const found = findOverlap(cases, ['stop gpu cluster', 'acknowledge INC-0042']);
    expect(found.map((o) => [o.index, o.kind, o.example])).toEqual([
      [0, 'near', 'stop gpu cluster'],
      [1, 'near', 'acknowledge INC-0042'],
    ]);
    expect(contentSignature('Please, the clusters of GPU: STOP')).toBe(contentSignature('stop gpu cluster'));
  });
});
