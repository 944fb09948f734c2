import type { RouteRecord } from './route-record';

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
  /** A read-only, incident or out-of-scope request routed to a state-changing skill. */
  dangerousMisroutes: number;
  /** A change request routed to a different change skill (e.g. start for stop). */
  wrongChangeSkill: number;
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

/** Scores routed records against their labels. `changeSkills` are the catalog's state-changing ids. */
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
  cases.forEach((label, i) => {
    const got = routed[i];
    const miss = (isDangerous: boolean): RoutingMiss => ({
      text: label.text,
      expected: { skill: label.skill, args: label.args },
      actual: { skill: got.skill, args: got.args, confidence: got.confidence },
      dangerous: isDangerous,
    });
    if (got.skill !== label.skill) {
      const isDangerous = changeSkills.has(got.skill) && !changeSkills.has(label.skill);
      if (isDangerous) dangerous += 1;
      else if (changeSkills.has(got.skill)) wrongChange += 1;
      skillMisses.push(miss(isDangerous));
      return;
    }
    correct += 1;
    const same = structuredArgs.every((key) => label.args[key] === got.args[key]);
    if (same) argsCorrect += 1;
    else argumentMisses.push(miss(false));
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

/** Evaluation sentences that also appear among the training examples (must be none). */
export function findOverlap(cases: LabelledUtterance[], examples: readonly string[]): string[] {
  const trained = new Set(examples.map(normaliseSentence));
  return cases.map((c) => c.text).filter((text) => trained.has(normaliseSentence(text)));
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
