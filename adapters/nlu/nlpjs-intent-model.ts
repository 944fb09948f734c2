import { containerBootstrap } from '@nlpjs/core';
import { LangEn, StemmerEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import type { IntentModel, IntentModelTrainer, IntentScore, TrainingDocument } from '../../core/ports';

/**
 * The parts of a trained NLP.js English model that the classifier reads (NLP.js 4, `NeuralNlu`):
 * the same preparation NLP.js applies (normalise, tokenise, stem), the feature lookup and the
 * network. They are not public API, so `NlpjsIntentModel.train` checks them and fails loudly when
 * an upgrade moves them.
 */
interface NeuralDomain {
  settings: Record<string, unknown>;
  prepare(text: string, settings: Record<string, unknown>): Promise<Record<string, number>>;
  textToFeatures(input: { tokens: Record<string, number>; settings: Record<string, unknown> }): {
    tokens: Record<string, number>;
  };
  neuralNetwork?: { run(features: Record<string, number>): Record<string, number> | undefined };
  /** Per intent, the features its training sentences have: an intent none of whose features occur gets no score. */
  intentFeatures?: Record<string, Record<string, unknown>>;
}

interface NlpInternals {
  nluManager?: {
    domainManagers?: Record<string, { settings: Record<string, unknown>; domains?: Record<string, unknown> }>;
  };
}

/**
 * How much a clause's evidence counts against the whole message's: a little less, so that a
 * short message read whole keeps its answer and a long one is decided by its strongest clause.
 */
const clauseWeight = 0.8;
/** The word-count model's share of the final scores (measured on the evaluation sets: 0.5–0.7 best). */
const bayesShare = 0.5;
/** Add-k smoothing of word counts. */
const smoothing = 0.1;
/** How sharply the word-count model's length-normalised log-likelihoods separate intents. */
const sharpness = 4;

/**
 * The offline router's intent model: an NLP.js neural model trained from the skills'
 * examples, read whole and clause by clause so that a sentence of context ("data scientist here,
 * my job failed again") cannot drown the request that follows it, averaged with a naive Bayes
 * model over the same NLP.js stems, which degrades gently where the network's negative weights
 * cancel every intent out. Words neither has seen are left out rather than counted for "None".
 */
export class NlpjsIntentModel implements IntentModel {
  private constructor(
    private readonly domain: NeuralDomain,
    private readonly settings: Record<string, unknown>,
    private readonly bayes: NaiveBayes,
  ) {}

  /** Trains a model on the documents (NLP.js log off) and returns the classifier. */
  static async train(documents: readonly TrainingDocument[]): Promise<NlpjsIntentModel> {
    const container = await containerBootstrap();
    container.use(LangEn);
    const nlp = new Nlp({
      languages: ['en'],
      container,
      nlu: { log: false, useNoneFeature: false },
      autoSave: false,
      autoLoad: false,
      calculateSentiment: false,
      forceNER: false,
    });
    for (const d of documents) nlp.addDocument('en', d.text, d.intent);
    await nlp.train();
    const manager = (nlp as unknown as NlpInternals).nluManager?.domainManagers?.en;
    const domain = manager?.domains?.master_domain as NeuralDomain | undefined;
    if (
      !manager ||
      !domain?.neuralNetwork ||
      !domain.intentFeatures ||
      typeof domain.prepare !== 'function' ||
      typeof domain.textToFeatures !== 'function'
    ) {
      throw new Error(
        'Offline router: the NLP.js model does not have the layout this classifier reads (NLP.js 4 NeuralNlu); check the @nlpjs versions.',
      );
    }
    const settings = { ...domain.settings, ...manager.settings };
    const probe = documents[0];
    if (probe && typeof domain.neuralNetwork.run !== 'function')
      throw new Error('Offline router: the NLP.js network has no run(); check the @nlpjs versions.');
    const prepared: { tokens: string[]; intent: string }[] = [];
    for (const d of documents)
      prepared.push({ tokens: Object.keys(await domain.prepare(d.text, settings)), intent: d.intent });
    const classifier = new NlpjsIntentModel(domain, settings, new NaiveBayes(prepared));
    // A model whose internals changed shape would read no evidence at all: check one training sentence.
    if (probe && (await classifier.activations(probe.text)).size === 0)
      throw new Error(
        'Offline router: the NLP.js network gives no evidence for its own training sentence; check the @nlpjs versions.',
      );
    return classifier;
  }

  /** Evidence per intent for one text: the network's activations before NLP.js normalises them (0 = none). */
  async activations(text: string): Promise<Map<string, number>> {
    return this.evidence(await this.domain.prepare(text, this.settings));
  }

  private evidence(tokens: Record<string, number>): Map<string, number> {
    const features = this.domain.textToFeatures({ tokens, settings: this.settings }).tokens;
    const present = Object.keys(features);
    const raw = present.length ? this.domain.neuralNetwork?.run(features) : undefined;
    const own = this.domain.intentFeatures ?? {};
    return new Map(
      Object.entries(raw ?? {}).filter(([intent, v]) => v > 0 && present.some((f) => own[intent]?.[f])),
    );
  }

  /**
   * Scores a message: the network reads it whole and clause by clause, and per intent the strongest
   * evidence counts (normalised as NLP.js does: squares summing to 1); the word-count model reads it
   * whole. The two are averaged; best first. `None` with score 1 when neither knows a word of it.
   */
  async classify(whole: string, clauses: readonly string[] = []): Promise<IntentScore[]> {
    const stems = await this.domain.prepare(whole, this.settings);
    const pooled = this.evidence(stems);
    for (const clause of clauses) {
      for (const [intent, value] of await this.activations(clause)) {
        const weighted = value * clauseWeight;
        if (weighted > (pooled.get(intent) ?? 0)) pooled.set(intent, weighted);
      }
    }
    let squares = 0;
    for (const v of pooled.values()) squares += v * v;
    const counted = this.bayes.scores(Object.keys(stems));
    // Either reading alone when the other has nothing to say.
    const neuralShare = squares === 0 ? 0 : counted.size === 0 ? 1 : 1 - bayesShare;
    const mixed = new Map<string, number>();
    for (const [intent, v] of pooled) mixed.set(intent, (neuralShare * v * v) / (squares || 1));
    for (const [intent, p] of counted) mixed.set(intent, (mixed.get(intent) ?? 0) + (1 - neuralShare) * p);
    const scores = [...mixed]
      .filter(([, score]) => score >= 0.001)
      .map(([intent, score]) => ({ intent, score }))
      .sort((x, y) => y.score - x.score);
    return scores.length ? scores : [{ intent: 'None', score: 1 }];
  }
}

/**
 * A multinomial naive Bayes model over the same stems: every known word adds a little evidence, so a
 * message padded with context ("quick health check of the whole LZ before I go back to sleep")
 * still leans to the topic its words share, where the network can be pushed below zero everywhere.
 */
class NaiveBayes {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly known = new Set<string>();

  constructor(documents: readonly { tokens: readonly string[]; intent: string }[]) {
    for (const d of documents) {
      const counts = this.counts.get(d.intent) ?? new Map<string, number>();
      for (const t of d.tokens) {
        counts.set(t, (counts.get(t) ?? 0) + 1);
        this.known.add(t);
      }
      this.counts.set(d.intent, counts);
      this.totals.set(d.intent, (this.totals.get(d.intent) ?? 0) + d.tokens.length);
    }
  }

  /**
   * Posterior-like scores summing to 1 over the known words of a message (empty when none is
   * known). Log-likelihoods are divided by the square root of the word count and sharpened, so a
   * long message does not make the model absolutely sure.
   */
  scores(tokens: readonly string[]): Map<string, number> {
    const words = tokens.filter((t) => this.known.has(t));
    const result = new Map<string, number>();
    if (words.length === 0) return result;
    const logs: [string, number][] = [];
    for (const [intent, counts] of this.counts) {
      const denominator = (this.totals.get(intent) ?? 0) + smoothing * this.known.size;
      let sum = 0;
      for (const w of words) sum += Math.log(((counts.get(w) ?? 0) + smoothing) / denominator);
      logs.push([intent, (sum / Math.sqrt(words.length)) * sharpness]);
    }
    const max = Math.max(...logs.map(([, v]) => v));
    let total = 0;
    for (const [, v] of logs) total += Math.exp(v - max);
    for (const [intent, v] of logs) result.set(intent, Math.exp(v - max) / total);
    return result;
  }
}

const stemmer = new StemmerEn();

/** The offline router's language library: NLP.js models and the NLP.js English stemmer. */
export const nlpjsIntentModels: IntentModelTrainer = {
  train: (documents) => NlpjsIntentModel.train(documents),
  stem: stemEnglish,
};

/** The NLP.js English stem of one lower-case word (the stemmer the intent model reads with). */
export function stemEnglish(word: string): string {
  return stemmer.stemWord(word);
}
