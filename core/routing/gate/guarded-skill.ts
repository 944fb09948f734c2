import type { ResourceKind } from '../../config/resource-names';
import type { RequestWords, SkillContract } from '../../contract/skill-contract';
import type { VerbPattern } from './clauses';

/*
 * A skill the change gate guards: its declared request words, read once into patterns.
 */

/** A skill the gate guards, with its request words read into patterns. */
export interface Guarded {
  request: RequestWords;
  /** The kind of resource a change acts on; none for an incident action (it defaults to the conversation's incident). */
  kind?: ResourceKind;
  incident: boolean;
  /** The change sets a count ("scale fraud to 5"): a count is its object, not a time or a share. */
  counts: boolean;
  /** Its verb patterns by the first word as typed (whole, or short of its last letter). */
  patterns: Map<string, VerbPattern[]>;
  /** The first four letters of its verbs ("not stopping" denies "shut it"). */
  stems: ReadonlySet<string>;
  /** Its verbs that count only with an incident object. */
  broad: ReadonlySet<string>;
  /** Words the request may put between its verb and the resource. */
  fillers?: ReadonlySet<string>;
  /** Words that may stand around a noun form of the request. */
  nominal: ReadonlySet<string>;
  /** The words an everyday verb of the request needs after it, and the verbs that need none. */
  marks?: { words: ReadonlySet<string>; strong: ReadonlySet<string> };
  /** What an incident action acts on. */
  targets?: TargetSets;
  /** Its "to" says where the incident goes, and must name a tier. */
  destination: boolean;
}

/** An incident action's targets as sets; `all` is every word that may follow its verb. */
export interface TargetSets {
  objects: ReadonlySet<string>;
  tiers: ReadonlySet<string>;
  all: ReadonlySet<string>;
  artifacts: ReadonlySet<string>;
}

const words = (list = ''): Set<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Reads a skill's request words into the verb patterns the gate matches. */
export function guard(skill: SkillContract, request: RequestWords): Guarded {
  const patterns = new Map<string, VerbPattern[]>();
  for (const phrase of request.verbs.split(',')) {
    const [head, tail = ''] = phrase.trim().replace(/\s+/g, ' ').split(' * ');
    const pattern = { head: head.split(' '), tail: tail ? tail.split(' ') : [] };
    const first = pattern.head[0];
    for (const key of first.length >= 5 ? [first, first.slice(0, -1)] : [first])
      patterns.set(key, [...(patterns.get(key) ?? []), pattern]);
  }
  const params = Object.values(skill.params).map((p) => p.behaviour);
  return {
    request,
    kind: params.find((p) => p.resourceKind)?.resourceKind,
    incident: skill.kind === 'incident',
    counts: params.some((p) => p.kind === 'count'),
    patterns,
    stems: new Set([...patterns.keys()].filter((w) => w.length >= 4).map((w) => w.slice(0, 4))),
    broad: new Set((request.broad ?? '').split(',').map((w) => w.trim())),
    fillers: request.fillers === undefined ? undefined : words(request.fillers),
    nominal: words(request.nominal),
    marks: request.marks && { words: words(request.marks.words), strong: words(request.marks.strong) },
    destination: request.destination === true,
    targets: request.targets && {
      objects: words(request.targets.objects),
      tiers: words(request.targets.tiers),
      all: words(`${request.targets.objects} ${request.targets.tiers} ${request.targets.words}`),
      artifacts: words(request.targets.artifacts),
    },
  };
}
