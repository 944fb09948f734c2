import { NlpjsIntentModel as IntentClassifier } from '../../../../adapters/nlu/nlpjs-intent-model';
import type { TrainingDocument } from '../../../../core/ports';

/** A tiny catalog: enough for the network and the word counts to tell four topics apart. */
const documents: TrainingDocument[] = [
  { text: 'show the failed training jobs', intent: 'jobs' },
  { text: 'which jobs failed overnight', intent: 'jobs' },
  { text: 'list training runs from last night', intent: 'jobs' },
  { text: 'did any job fail', intent: 'jobs' },
  { text: 'scale the endpoint to five instances', intent: 'scale' },
  { text: 'bump the endpoint instances', intent: 'scale' },
  { text: 'set the deployment to three instances', intent: 'scale' },
  { text: 'add more instances to the endpoint', intent: 'scale' },
  { text: 'rotate the api key', intent: 'rotate' },
  { text: 'regenerate the key', intent: 'rotate' },
  { text: 'time to roll the secret key', intent: 'rotate' },
  { text: 'hello there', intent: 'greet' },
  { text: 'good morning', intent: 'greet' },
  { text: 'hi bot', intent: 'greet' },
];

let classifier: IntentClassifier;

beforeAll(async () => {
  classifier = await IntentClassifier.train(documents);
});

const scoreOf = (scores: { intent: string; score: number }[], intent: string) =>
  scores.find((s) => s.intent === intent)?.score ?? 0;

describe('IntentClassifier', () => {
  it('gives a short request its intent', async () => {
    const [top] = await classifier.classify('scale the endpoint');
    expect(top.intent).toBe('scale');
    expect(top.score).toBeGreaterThan(0.8);
  });

  it.each([
    ['data scientist here, my job failed overnight, rotate the api key', 'rotate'],
    ['the key is in the vault, show the failed training jobs', 'jobs'],
    ['sorry to bother you on a friday after a long week, regenerate the key', 'rotate'],
    ['the endpoint is slow and the jobs failed, bump the endpoint instances', 'scale'],
  ])('reads "%s" by its request, not by the context around it', async (text, intent) => {
    const clauses = text.split(', ');
    const [top] = await classifier.classify(text, clauses);
    expect(top.intent).toBe(intent);
  });

  it('lets a clause read alone lend its stronger evidence to the whole message', async () => {
    const context = 'the deployment has three instances and the training job failed';
    const request = 'rotate the api key';
    const whole = `${context}, ${request}`;
    const wholeEvidence = (await classifier.activations(whole)).get('rotate') ?? 0;
    const clauseEvidence = (await classifier.activations(request)).get('rotate') ?? 0;
    expect(clauseEvidence).toBeGreaterThan(wholeEvidence);

    const readWhole = await classifier.classify(whole);
    const pooled = await classifier.classify(whole, [context, request]);
    expect(pooled[0].intent).toBe('rotate');
    expect(scoreOf(pooled, 'rotate')).toBeGreaterThan(scoreOf(readWhole, 'rotate') + 0.03);
  });

  it('gives evidence only to intents whose own words occur', async () => {
    const evidence = await classifier.activations('rotate the api key');
    expect([...evidence.keys()]).toEqual(['rotate']);
    expect(evidence.get('rotate')).toBeGreaterThan(0);
  });

  it.each(['zzz qqq blorp', '', 'xylophone quartz'])(
    'answers None with certainty when no word of "%s" is known',
    async (text) => {
      await expect(classifier.classify(text)).resolves.toEqual([{ intent: 'None', score: 1 }]);
      await expect(classifier.classify(text, [text, text])).resolves.toEqual([{ intent: 'None', score: 1 }]);
      expect((await classifier.activations(text)).size).toBe(0);
    },
  );

  it.each([
    ['endpoint instances and the key and the failed jobs hello', []],
    [
      'hello there, my training runs failed, scale the endpoint',
      ['hello there', 'my training runs failed', 'scale the endpoint'],
    ],
    ['good morning, rotate the api key', ['good morning', 'rotate the api key']],
    ['the key is in the vault, scale the endpoint', ['the key is in the vault', 'scale the endpoint']],
  ] as const)('scores "%s" best first, summing to 1', async (text, clauses) => {
    const scores = await classifier.classify(text, clauses);
    expect(scores.length).toBeGreaterThan(1);
    const total = scores.reduce((sum, s) => sum + s.score, 0);
    expect(total).toBeCloseTo(1, 2);
    for (let i = 1; i < scores.length; i += 1)
      expect(scores[i - 1].score).toBeGreaterThanOrEqual(scores[i].score);
    for (const s of scores) expect(documents.some((d) => d.intent === s.intent)).toBe(true);
  });
});
