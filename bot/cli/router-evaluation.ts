import { stemEnglish } from '../../adapters/nlu/nlpjs-intent-model';
import type { RouteRecord } from '../../core/routing/route-record';

/** One labelled utterance of the router evaluation set. */
export interface LabelledUtterance {
  text: string;
  skill: string;
  /** Expected structured arguments; free-text ones (question, summary, reason, resolution) are not compared. */
  args: Record<string, unknown>;
}

/** Precision and recall of one skill. */
export interface SkillScore {
  skill: string;
  support: number;
  precision: number;
  recall: number;
}

/** One utterance the router got wrong, for the report. */
export interface RoutingMiss {
  text: string;
  expected: { skill: string; args: Record<string, unknown> };
  actual: { skill: string; args: Record<string, unknown>; confidence: number };
  dangerous: boolean;
}

/** The figures of one evaluation run. */
export interface RouterEvaluation {
  total: number;
  skillAccuracy: number;
  /** Over utterances routed to the right skill: all structured arguments exactly as labelled, none extra. */
  argumentAccuracy: number;
  /**
   * A state change nobody asked for: a read-only, incident or out-of-scope request routed to a
   * change skill, a change request routed to another change skill (start for stop), or the right
   * change skill on another resource than the one named (rotate aoai-api-key when X was asked).
   */
  dangerousMisroutes: number;
  /** Of the dangerous ones: a change request routed to a different change skill (e.g. start for stop). */
  wrongChangeSkill: number;
  /** Of the dangerous ones: the right change skill proposed on another resource than the labelled one. */
  wrongResource: number;
  perSkill: SkillScore[];
  skillMisses: RoutingMiss[];
  argumentMisses: RoutingMiss[];
}

/** Arguments whose values are compared; free text is checked for presence only by the skill's schema. */
export const structuredArgs = [
  'endpoint',
  'deployment',
  'cluster',
  'instances',
  'hours',
  'severity',
  'incident',
  'secret',
];

/** Arguments that name what a change acts on; a different value there is a change on the wrong thing. */
export const resourceArgs = ['endpoint', 'deployment', 'cluster', 'secret'];

/**
 * Scores routed records against their labels. `changeSkills` are the catalog's state-changing ids.
 * A change skill that names a resource the label does not (or names none where the label does not
 * either) is on the wrong resource; one that leaves the resource out is not, the bot asks for it.
 */
export function evaluateRouting(
  cases: LabelledUtterance[],
  routed: RouteRecord[],
  changeSkills: ReadonlySet<string>,
): RouterEvaluation {
  if (cases.length !== routed.length)
    throw new Error(`evaluateRouting: ${cases.length} labels but ${routed.length} results`);
  const skills = [...new Set([...cases.map((c) => c.skill), ...routed.map((r) => r.skill)])].sort();
  const skillMisses: RoutingMiss[] = [];
  const argumentMisses: RoutingMiss[] = [];
  let correct = 0;
  let argsCorrect = 0;
  let dangerous = 0;
  let wrongChange = 0;
  let wrongResource = 0;
  cases.forEach((label, i) => {
    const got = routed[i];
    const miss = (isDangerous: boolean): RoutingMiss => ({
      text: label.text,
      expected: { skill: label.skill, args: label.args },
      actual: { skill: got.skill, args: got.args, confidence: got.confidence },
      dangerous: isDangerous,
    });
    if (got.skill !== label.skill) {
      const isDangerous = changeSkills.has(got.skill);
      if (isDangerous) dangerous += 1;
      if (isDangerous && changeSkills.has(label.skill)) wrongChange += 1;
      skillMisses.push(miss(isDangerous));
      return;
    }
    correct += 1;
    const same = structuredArgs.every((key) => label.args[key] === got.args[key]);
    if (same) {
      argsCorrect += 1;
      return;
    }
    const onWrongResource =
      changeSkills.has(got.skill) &&
      resourceArgs.some((key) => got.args[key] !== undefined && got.args[key] !== label.args[key]);
    if (onWrongResource) {
      dangerous += 1;
      wrongResource += 1;
    }
    argumentMisses.push(miss(onWrongResource));
  });
  const perSkill = skills.map((skill) => {
    const truePositives = cases.filter((c, i) => c.skill === skill && routed[i].skill === skill).length;
    const predicted = routed.filter((r) => r.skill === skill).length;
    const support = cases.filter((c) => c.skill === skill).length;
    return {
      skill,
      support,
      precision: predicted ? truePositives / predicted : support ? 0 : 1,
      recall: support ? truePositives / support : 1,
    };
  });
  return {
    total: cases.length,
    skillAccuracy: cases.length ? correct / cases.length : 0,
    argumentAccuracy: correct ? argsCorrect / correct : 0,
    dangerousMisroutes: dangerous,
    wrongChangeSkill: wrongChange,
    wrongResource,
    perSkill,
    skillMisses,
    argumentMisses,
  };
}

/** Lower-case words only, so that punctuation or spacing does not hide a shared sentence. */
export function normaliseSentence(text: string): string {
  return text
    .toLowerCase()
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Words that carry no request: greetings, pleasantries, the bot's name and common function words.
 * Question words, negations, numbers and the particles that turn a verb around (up, down, on,
 * off) are kept.
 */
const fillerWords = new Set(
  `
  hi hello hey hiya howdy yo greetings morning afternoon evening good there team all folks
  please pls plz kindly thanks thank thx cheers ty
  opsbot bot
  a an the this that these those it its s i me my we us our you your u ur they them their
  is are was were be been being am do does did done have has had having
  can could would will shall should may might must
  of in at to for from with about as into by via per
  and or but so then than just also quick quickly now right really
  some any`
    .trim()
    .split(/\s+/),
);

/**
 * What a sentence asks, without its wording: the set of its content words, stemmed, sorted. Two
 * sentences with the same signature say the same thing ("please stop the gpu clusters" and "stop
 * gpu cluster").
 */
export function contentSignature(text: string): string {
  const words = normaliseSentence(text)
    .split(' ')
    .filter((w) => w && !fillerWords.has(w))
    .map((w) => stemEnglish(w));
  return [...new Set(words)].sort().join(' ');
}

/** A labelled line that repeats a training example, exactly (after normalising) or nearly (same content words). */
export interface Overlap {
  /** Position of the line among the parsed cases. */
  index: number;
  text: string;
  example: string;
  kind: 'exact' | 'near';
}

/** Labelled lines that also appear among the training examples, exactly or as a near-duplicate. */
export function findOverlap(cases: LabelledUtterance[], examples: readonly string[]): Overlap[] {
  const exact = new Map(examples.map((e) => [normaliseSentence(e), e]));
  const near = new Map<string, string>();
  for (const e of examples) {
    const signature = contentSignature(e);
    if (signature && !near.has(signature)) near.set(signature, e);
  }
  const found: Overlap[] = [];
  cases.forEach((c, index) => {
    const same = exact.get(normaliseSentence(c.text));
    if (same !== undefined) {
      found.push({ index, text: c.text, example: same, kind: 'exact' });
      return;
    }
    const signature = contentSignature(c.text);
    const similar = signature ? near.get(signature) : undefined;
    if (similar !== undefined) found.push({ index, text: c.text, example: similar, kind: 'near' });
  });
  return found;
}

/** Parses the JSON-lines evaluation set; errors name the line. */
export function parseLabelledSet(content: string, shownPath: string): LabelledUtterance[] {
  return content
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line && !line.startsWith('//'))
    .map(({ line, number }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${shownPath}:${number}: not valid JSON`);
      }
      const v = value as Partial<LabelledUtterance>;
      if (typeof v.text !== 'string' || typeof v.skill !== 'string') {
        throw new Error(`${shownPath}:${number}: expected {"text": string, "skill": string, "args": {...}}`);
      }
      return { text: v.text, skill: v.skill, args: v.args ?? {} };
    });
}
