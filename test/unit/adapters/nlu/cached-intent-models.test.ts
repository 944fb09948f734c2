import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedIntentModels } from '../../../../adapters/nlu/cached-intent-models';
import { NlpjsIntentModel } from '../../../../adapters/nlu/nlpjs-intent-model';
import type { Logger } from '../../../../core/logger';
import type { TrainingDocument } from '../../../../core/ports';

const documents: TrainingDocument[] = [
  ...['scale the fraud endpoint to 6', 'set fraud to four instances', 'bump fraud up to 8 replicas'].map(
    (text) => ({
      text,
      intent: 'endpoint.scale',
    }),
  ),
  ...['is the gpu cluster running', 'how is the cpu cluster doing', 'nodes on the gpu cluster'].map(
    (text) => ({
      text,
      intent: 'status.compute',
    }),
  ),
  ...['what alerts are firing', 'any alerts right now', 'show me the alerts'].map((text) => ({
    text,
    intent: 'status.alerts',
  })),
];

function recordingLogger() {
  const warnings: string[] = [];
  const logger = {
    child: () => logger,
    warn: (_: unknown, message: string) => warnings.push(message),
    debug: () => undefined,
  } as unknown as Logger;
  return { logger, warnings };
}

let directory: string;
beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'opsbot-router-cache-'))));
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
});
const cacheFiles = () => readdirSync(directory).filter((f) => f.endsWith('.json'));

describe('the router model cache', () => {
  it('trains once, then reads the model from disk; the model read scores like the trained one', async () => {
    const training = jest.spyOn(NlpjsIntentModel, 'trainExportable');
    const { logger } = recordingLogger();
    const trained = await cachedIntentModels({ directory, logger }).train(documents);
    expect(cacheFiles()).toHaveLength(1);
    const read = await cachedIntentModels({ directory, logger }).train(documents);
    expect(training).toHaveBeenCalledTimes(1);
    for (const text of ['scale fraud to 5 please', 'gpu cluster status', 'alerts?'])
      expect(await read.classify(text)).toEqual(await trained.classify(text));
  });

  it('trains again for other examples and keeps only the new file', async () => {
    const training = jest.spyOn(NlpjsIntentModel, 'trainExportable');
    const { logger } = recordingLogger();
    await cachedIntentModels({ directory, logger }).train(documents);
    const first = cacheFiles();
    await cachedIntentModels({ directory, logger }).train([
      ...documents,
      { text: 'list the alerts', intent: 'status.alerts' },
    ]);
    expect(training).toHaveBeenCalledTimes(2);
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()).not.toEqual(first);
  });

  it('never trusts a damaged file: cut short, edited model, or probes that no longer score the same → trains again', async () => {
    const { logger, warnings } = recordingLogger();
    await cachedIntentModels({ directory, logger }).train(documents);
    const file = join(directory, cacheFiles()[0]);
    const good = readFileSync(file, 'utf8');
    const training = jest.spyOn(NlpjsIntentModel, 'trainExportable');

    writeFileSync(file, good.slice(0, good.length / 2));
    await cachedIntentModels({ directory, logger }).train(documents);
    const edited = JSON.parse(good) as { model: { prepared: { intent: string }[] } };
    edited.model.prepared[0].intent = 'status.alerts';
    writeFileSync(file, JSON.stringify(edited));
    await cachedIntentModels({ directory, logger }).train(documents);
    const probes = JSON.parse(good) as { probes: { scores: { score: number }[] }[] };
    probes.probes[0].scores[0].score /= 2;
    writeFileSync(file, JSON.stringify(probes));
    await cachedIntentModels({ directory, logger }).train(documents);

    expect(training).toHaveBeenCalledTimes(3);
    expect(warnings).toEqual(Array(3).fill('the cached router model is not usable; training it again'));
    // Each time the damaged file was replaced by a good one.
    expect(JSON.parse(readFileSync(file, 'utf8')).checksum).toBe(JSON.parse(good).checksum);
  });

  it('starts on the trained model when the cache cannot be written', async () => {
    const { logger, warnings } = recordingLogger();
    // A folder inside a plain file cannot be made, whoever runs the test.
    writeFileSync(join(directory, 'not-a-folder'), '');
    const model = await cachedIntentModels({
      directory: join(directory, 'not-a-folder', 'cache'),
      logger,
    }).train(documents);
    expect((await model.classify('any alerts firing'))[0].intent).toBe('status.alerts');
    expect(warnings).toEqual(['could not write the router model cache; starting without it']);
  });
});
