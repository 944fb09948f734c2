import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { IntentModel, IntentModelTrainer, TrainingDocument } from '../../core/ports';
import { NlpjsIntentModel, nlpjsIntentModels, type NlpjsExport } from './nlpjs-intent-model';

/** Bumped whenever the cached layout or what it depends on changes. */
const cacheFormat = 1;

/** The libraries a cached model was trained with: another version retrains. */
const libraries = ['@nlpjs/core', '@nlpjs/nlp', '@nlpjs/lang-en-min', '@nlpjs/neural', '@nlpjs/nlu'];

/** Sentences whose scores are stored with a cached model and must come out the same when it is read back. */
const probeCount = 12;

/** One cache file. */
interface CachedModel {
  format: number;
  key: string;
  /** SHA-256 of `model` as JSON text: a file changed or cut short is not used. */
  checksum: string;
  model: NlpjsExport;
  probes: { text: string; scores: { intent: string; score: number }[] }[];
}

/** Options of `cachedIntentModels`. */
export interface IntentModelCacheOptions {
  /** Folder of the cache files (created when missing). */
  directory: string;
  logger: Logger;
}

/**
 * The offline router's intent models with the trained model kept on disk, so that a start with the
 * same examples and library versions reads the model (~0.15 s) instead of training it (~0.6–1.5 s).
 * The file is named by a hash of the training documents, the NLP.js versions and the cache format;
 * it is used only when its checksum holds and the model it holds scores its stored probe sentences
 * exactly as when it was saved. Anything else — missing, stale, corrupt, unreadable — trains afresh
 * and writes a new file (atomically: a temporary file renamed over the old one). A cache that cannot
 * be written is logged and the bot runs on the trained model.
 */
export function cachedIntentModels(options: IntentModelCacheOptions): IntentModelTrainer {
  const logger = options.logger.child({ component: 'router-cache' });
  return {
    stem: nlpjsIntentModels.stem,
    train: async (documents): Promise<IntentModel> => {
      const key = cacheKey(documents);
      const file = join(options.directory, `intent-model-${key.slice(0, 24)}.json`);
      const cached = await readCached(file, key).catch((error: unknown) => {
        logger.warn({ err: error, file }, 'the cached router model is not usable; training it again');
        return undefined;
      });
      if (cached) {
        logger.debug({ file }, 'router model read from the cache');
        return cached;
      }
      const { model, exported } = await NlpjsIntentModel.trainExportable(documents);
      try {
        writeCached(options.directory, file, {
          format: cacheFormat,
          key,
          checksum: sha256(JSON.stringify(exported)),
          model: exported,
          probes: await probesOf(model, documents),
        });
      } catch (error) {
        logger.warn({ err: error, file }, 'could not write the router model cache; starting without it');
      }
      return model;
    },
  };
}

/** The hash that names a cache file: training documents, library versions, cache format. */
export function cacheKey(documents: readonly TrainingDocument[]): string {
  const versions = libraries.map((name) => `${name}@${libraryVersion(name)}`);
  return sha256(JSON.stringify({ format: cacheFormat, versions, documents }));
}

async function readCached(file: string, key: string): Promise<IntentModel | undefined> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const cached = JSON.parse(text) as Partial<CachedModel>;
  if (cached.format !== cacheFormat || cached.key !== key || !cached.model || !Array.isArray(cached.probes))
    throw new Error('the file is for other training documents, library versions or cache format');
  if (sha256(JSON.stringify(cached.model)) !== cached.checksum)
    throw new Error('its checksum does not match');
  const model = await NlpjsIntentModel.fromExport(cached.model);
  for (const probe of cached.probes) {
    const scores = (await model.classify(probe.text)).slice(0, 3);
    if (JSON.stringify(scores) !== JSON.stringify(probe.scores))
      throw new Error(`the model read back scores "${probe.text}" differently than when it was saved`);
  }
  return model;
}

function writeCached(directory: string, file: string, cached: CachedModel): void {
  mkdirSync(directory, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(cached));
  renameSync(temporary, file);
  // Models of other examples or versions are of no further use.
  for (const name of readdirSync(directory))
    if (/^intent-model-[0-9a-f]+\.json$/.test(name) && join(directory, name) !== file)
      rmSync(join(directory, name), { force: true });
}

async function probesOf(model: IntentModel, documents: readonly TrainingDocument[]) {
  const step = Math.max(1, Math.floor(documents.length / probeCount));
  const probes: CachedModel['probes'] = [];
  for (let i = 0; i < documents.length && probes.length < probeCount; i += step) {
    const text = documents[i].text;
    probes.push({ text, scores: (await model.classify(text)).slice(0, 3) });
  }
  return probes;
}

function libraryVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
