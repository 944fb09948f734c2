/** The small part of the NLP.js API the offline router uses (the packages ship no type declarations). */
declare module '@nlpjs/core' {
  export interface NlpjsContainer {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(
    settings?: Record<string, unknown>,
    mustLoadEnv?: boolean,
  ): Promise<NlpjsContainer>;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
  export class StemmerEn {
    stemWord(word: string): string;
  }
}

declare module '@nlpjs/nlp' {
  import type { NlpjsContainer } from '@nlpjs/core';

  export interface NlpjsClassification {
    intent: string;
    score: number;
  }
  export interface NlpjsSettings {
    languages: string[];
    container: NlpjsContainer;
    nlu?: Record<string, unknown>;
    autoSave?: boolean;
    autoLoad?: boolean;
    calculateSentiment?: boolean;
    forceNER?: boolean;
  }
  export class Nlp {
    constructor(settings: NlpjsSettings);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    classify(locale: string, utterance: string): Promise<{ classifications: NlpjsClassification[] }>;
  }
}
