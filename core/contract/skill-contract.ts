import type { RoleId } from '../config/landing-zone.schema';
import type { ParamKind } from './param-kind';

/** Stable skill ids (DESIGN.md): they key the audit log, card data, LLM tools and the routing CLI. */
export const skillIds = [
  'help',
  'status.overview',
  'status.endpoint',
  'status.compute',
  'status.jobs',
  'status.quota',
  'status.alerts',
  'troubleshoot.ask',
  'compute.start',
  'compute.stop',
  'endpoint.scale',
  'secret.rotate',
  'incident.declare',
  'incident.list',
  'incident.ack',
  'incident.escalate',
  'incident.resolve',
  'incident.note',
  'incident.severity',
  'none',
] as const;
export type SkillId = (typeof skillIds)[number];

/** What a skill does to the world: reads, changes the landing zone, or changes an incident. */
export type SkillKind = 'read' | 'change' | 'incident' | 'none';

/** Change types of the written change policy. */
export type ChangeType = 'standard' | 'normal' | 'emergency';

/**
 * Wording of a message that takes it away from a skill the classifier chose: a how-to or why
 * question goes to the runbooks, quota wording to quota, a question about open incidents to the list.
 */
export type RoutingCue = 'how-to' | 'quota' | 'open-incidents';

/** A skill's parameters by name, each with its kind; the order is the order they are asked for. */
export type ParamSpecs = Record<string, ParamKind>;

/**
 * The skill contract: what core knows of a skill (routing, clarifying, strict commands, help, LLM
 * tools). `skills/` implements it with `run`; adding a skill is one declaration.
 */
export interface SkillContract<P extends ParamSpecs = ParamSpecs> {
  id: SkillId;
  title: string;
  /**
   * The strict command form (power-user path), e.g. `scale <endpoint> [deployment] [to] <instances>`;
   * empty when there is none. `<name>` is a required parameter and `[name]` an optional one; any
   * other word is said as written, `[word]` may be left out and `a|b` is either word. Help prints
   * it with each parameter's placeholder and without the optional words.
   */
  usage: string;
  /** One sentence for help and for the LLM tool description. */
  description: string;
  /** Varied phrasings; the offline router learns from them. At least 8. */
  examples: string[];
  /** Typed parameters: each kind finds, resolves, asks for and describes its value. */
  params: P;
  kind: SkillKind;
  /** For `change` skills: the change type before any facts are known (the policy may raise it). */
  changeType?: ChangeType;
  /** Roles allowed to ask for it. */
  roles: readonly RoleId[];
  /** For `change` skills: the read skill that answers when the change is asked about rather than asked for. */
  readAlternative?: SkillId;
  /** Wording that takes a message away from this skill when the classifier chose it. */
  givesWayTo?: readonly RoutingCue[];
  /**
   * Words a message must say for the router to propose this skill at all: the skill's subject in so
   * many words (a note says "note" or "timeline"), so that the classifier cannot carry an unrelated
   * request ("pass that to finance") onto it.
   */
  mentionedBy?: RegExp;
  /**
   * How a message asks for this change or incident action. The change gate guards every skill that
   * declares it: nothing else in core names the skill's words.
   */
  request?: RequestWords;
}

/** The words of a change or incident action that the change gate reads as asking for it. */
export interface RequestWords {
  /**
   * Verb phrases in the base (imperative) form, comma-separated, "*" marking where a separable
   * verb's object goes ("turn * off"). Phrases that open with need, want, require or like count
   * only after "we" or "I" ("we need the gpu cluster started").
   */
  verbs: string;
  /**
   * Of `verbs`, the first words too broad to count alone ("take", "close", "get … on"),
   * comma-separated: for an incident action, they ask for it only when they act on the incident, a
   * tier or a pronoun.
   */
  broad?: string;
  /** The request in the passive voice or as a need; the first group that matched is what it is done to. */
  passive?: RegExp;
  /** An incident action said in its word alone, as a clause of its own ("acknowledged", "incident resolved"). */
  done?: RegExp;
  /** A change said without a verb: what may follow the named resource ("gpu cluster off", "cpu-cluster-01 up"). */
  terse?: RegExp;
  /** Words, space-separated, the request may put between its verb and the resource ("add two more instances to fraud"). */
  fillers?: string;
  /** Words, space-separated, that may stand around a noun form of the request ("kick off the quarterly key rotation"). */
  nominal?: string;
  /**
   * For a change whose verbs are everyday words ("give", "set", "make"): the words, space-separated,
   * one of them must be followed by to ask for it ("add capacity", "two more instances"; a number
   * counts too), and the verbs that need none ("scale", "resize").
   */
  marks?: { words: string; strong: string };
  /** For an incident action: what its verbs act on; without it only its `done` and `passive` forms ask for it. */
  targets?: IncidentTargets;
  /**
   * For an incident action whose "to" says where the incident goes ("escalate INC-0042 to L3"): that
   * "to" must name a tier. Without it, a "to" after a named incident belongs to the reason or the
   * resolution ("resolve INC-0001 rolled back to the previous model").
   */
  destination?: boolean;
}

/** What an incident action may act on, each a space-separated word list. */
export interface IncidentTargets {
  /** What a broad verb must act on to be about the incident ("take this one", "get L3 on it"). */
  objects: string;
  /** Who an incident can be escalated or handed to. */
  tiers: string;
  /** Other words that may follow the verb in its clause: courtesy, time, state ("resolved", "now"). */
  words: string;
  /** Things about an incident that are not the incident ("close the postmortem doc"). */
  artifacts: string;
}

/** Whether a string is one of the ids the contract allows (the production list unless another is given). */
export function isSkillId(id: string, allowed: readonly string[] = skillIds): id is SkillId {
  return allowed.includes(id);
}
