/** One training sentence and the intent it belongs to. */
export interface TrainingDocument {
  text: string;
  intent: string;
}

/** An intent and how strongly a message points to it; scores of one message sum to 1. */
export interface IntentScore {
  intent: string;
  score: number;
}

/** A trained intent model: what the offline router asks of it for every message. */
export interface IntentModel {
  /**
   * Scores a message read whole and, when given, clause by clause (a clause's evidence may decide
   * where the whole is drowned by context). Best first; `None` with score 1 when the model knows
   * no word of it.
   */
  classify(whole: string, clauses?: readonly string[]): Promise<IntentScore[]>;
}

/**
 * The language library behind the offline router (NLP.js in `adapters/nlu/`): it trains an intent
 * model on the skills' examples and stems English words the way the model does, so that the
 * router's spelling corrector compares words as the model will read them. Core holds no NLP
 * library; the composition root injects this.
 */
export interface IntentModelTrainer {
  /** Trains a model on the documents; fails loudly when the library does not work as expected. */
  train(documents: readonly TrainingDocument[]): Promise<IntentModel>;
  /** The stem of one lower-case English word. */
  stem(word: string): string;
}
