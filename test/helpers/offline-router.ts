import { nlpjsIntentModels } from '../../adapters/nlu/nlpjs-intent-model';
import {
  createOfflineRouter as createRouter,
  type OfflineRouter,
  type OfflineRouterOptions,
} from '../../core/routing/offline-router';

export type { OfflineRouter } from '../../core/routing/offline-router';

/** The offline router as the bot builds it: trained with the NLP.js intent model of `adapters/nlu`. */
export function createOfflineRouter(
  options: Omit<OfflineRouterOptions, 'intentModels'>,
): Promise<OfflineRouter> {
  return createRouter({ ...options, intentModels: nlpjsIntentModels });
}
