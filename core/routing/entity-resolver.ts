import type { LandingZoneConfig } from '../config/landing-zone.schema';
import type { ResourceKind } from '../config/resource-names';
import { listResourceNames } from '../config/resource-names';
import { editDistance } from './edit-distance';

/** A resource a message names, with where it was found and how far the spelling was from the config. */
export interface ResourceMention {
  kind: ResourceKind;
  /** Name as in the config. */
  canonical: string;
  /** Token span in the normalised message. */
  start: number;
  end: number;
  /** Edit distance between what was typed and the nearest name or alias; 0 is exact. */
  distance: number;
}

interface Candidate {
  kind: ResourceKind;
  canonical: string;
  tokens: string[];
  joined: string;
  /** A VM size word ("a100", "nc", "d16s"): matched exactly, never by edit distance. */
  weak?: true;
}

/** Parts of a VM size that name no particular machine. */
const genericSizeWords = /^(standard|basic|v\d+|family|promo)$/;

/**
 * The words of each compute's VM size that no other compute shares, as exact-only aliases:
 * Standard_NC24ads_A100_v4 gives "nc24ads", "nc" (its series letters) and "a100".
 */
export function vmSizeAliases(config: LandingZoneConfig): { canonical: string; words: string[] }[] {
  const wordsOf = (vmSize: string) => {
    const words = new Set<string>();
    for (const part of tokenize(vmSize)) {
      if (genericSizeWords.test(part)) continue;
      words.add(part);
      const series = /^([a-z]{2,})\d/.exec(part);
      if (series) words.add(series[1]);
    }
    return words;
  };
  const all = config.computes.map((c) => ({ canonical: c.name, words: wordsOf(c.vmSize) }));
  return all.map(({ canonical, words }) => ({
    canonical,
    words: [...words].filter(
      (w) => w.length >= 2 && !all.some((o) => o.canonical !== canonical && o.words.has(w)),
    ),
  }));
}

/** Splits a message into lower-case word tokens; hyphens and underscores separate words, as in names. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[_\-/]/g, ' ')
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Edit distance allowed for a name of this length: short names must be exact. */
function tolerance(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** Words that are never part of a resource name even when they look like one ("stop" vs "storage"). */
const stopTokens = new Set([
  'the',
  'a',
  'an',
  'to',
  'of',
  'on',
  'in',
  'for',
  'and',
  'is',
  'it',
  'me',
  'my',
  'up',
  'down',
]);

/**
 * Finds the landing-zone resources a message names, by canonical name or alias, tolerating typos
 * ("gpu clstr", "fraud detecton") with an edit distance on token n-grams that grows with the name's
 * length. Built once from the config; lookups are pure.
 */
export class EntityResolver {
  private readonly candidates: Candidate[];
  private readonly maxTokens: number;

  constructor(private readonly config: LandingZoneConfig) {
    this.candidates = listResourceNames(config).flatMap((r) =>
      r.names.map((name) => {
        const tokens = tokenize(name).filter((t, i, all) => !(t === 'the' && i === 0 && all.length > 1));
        return { kind: r.kind, canonical: r.canonical, tokens, joined: tokens.join('') };
      }),
    );
    const named = new Set(this.candidates.map((c) => c.joined));
    for (const { canonical, words } of vmSizeAliases(config)) {
      for (const word of words.filter((w) => !named.has(w)))
        this.candidates.push({ kind: 'compute', canonical, tokens: [word], joined: word, weak: true });
    }
    this.maxTokens = Math.max(...this.candidates.map((c) => c.tokens.length)) + 1;
  }

  /** Every resource named in the tokens, longest and closest match first, without overlapping spans. */
  findResources(tokens: string[]): ResourceMention[] {
    const found: (ResourceMention & { length: number })[] = [];
    for (let start = 0; start < tokens.length; start += 1) {
      if (stopTokens.has(tokens[start])) continue;
      for (let size = 1; size <= this.maxTokens && start + size <= tokens.length; size += 1) {
        const window = tokens.slice(start, start + size);
        if (stopTokens.has(window[window.length - 1])) continue;
        const joined = window.join('');
        for (const candidate of this.candidates) {
          const distance = this.match(window, joined, candidate);
          if (distance === undefined) continue;
          found.push({
            kind: candidate.kind,
            canonical: candidate.canonical,
            start,
            end: start + size,
            distance,
            length: joined.length,
          });
        }
      }
    }
    found.sort((a, b) => b.length - b.distance * 3 - (a.length - a.distance * 3) || a.distance - b.distance);
    const taken: ResourceMention[] = [];
    for (const m of found) {
      if (taken.some((t) => m.start < t.end && t.start < m.end)) continue;
      taken.push({ kind: m.kind, canonical: m.canonical, start: m.start, end: m.end, distance: m.distance });
    }
    return taken.sort((a, b) => a.start - b.start);
  }

  /** The first resource of one kind named in a free-text answer, e.g. "the fraud one" → fraud-detection. */
  resolve(kind: ResourceKind, text: string): string | undefined {
    return this.findResources(tokenize(text)).find((m) => m.kind === kind)?.canonical;
  }

  /** A deployment of the endpoint named in the tokens (`blue`, `green`), exact or one typo away. */
  findDeployment(tokens: string[], endpoint: string | undefined): string | undefined {
    const endpoints = endpoint
      ? this.config.endpoints.filter((e) => e.name === endpoint)
      : this.config.endpoints;
    for (const e of endpoints) {
      for (const d of e.deployments) {
        const name = d.name.toLowerCase();
        if (tokens.some((t) => t === name || (name.length >= 4 && editDistance(t, name, 1) <= 1)))
          return d.name;
      }
    }
    return undefined;
  }

  private match(window: string[], joined: string, candidate: Candidate): number | undefined {
    if (joined === candidate.joined) return 0;
    if (candidate.weak) return undefined;
    const allowed = tolerance(candidate.joined.length);
    if (allowed === 0 || window[0][0] !== candidate.joined[0]) return undefined;
    if (window.length === candidate.tokens.length) {
      const shortWordDiffers = candidate.tokens.some(
        (t, i) => (t.length <= 4 || /\d/.test(t)) && window[i] !== t,
      );
      if (shortWordDiffers) return undefined;
    }
    const d = editDistance(joined, candidate.joined, allowed);
    return d <= allowed ? d : undefined;
  }
}
