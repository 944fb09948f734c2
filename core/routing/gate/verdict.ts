import type { ResourceMention } from '../entity-resolver';

/*
 * The change gate's input and verdict.
 */

/** Why the change gate turned a change skill down. */
export type ChangeRefusal =
  /** No verb of the skill is used as a request ("the gpu cluster stopped", "stop paging me"). */
  | 'not-requested'
  /** The verb is asked about, not asked for ("stop the gpu cluster?", "should we stop …"). */
  | 'question'
  /** The message says not to do it ("I don't want you to stop …", "just asking"). */
  | 'negated'
  /** The action hangs on a condition or is for later ("before you stop …", "remind me to rotate …"). */
  | 'conditional'
  /** Somebody else's words ("I was told to stop …", "diego said: rotate the key"). */
  | 'reported'
  /** A command-line flag ("--dry-run") the bot does not have. */
  | 'flag'
  /** Nothing of the skill's kind is named ("stop it" with no cluster anywhere). */
  | 'no-resource'
  /** The verb acts on another resource or on a part the skill does not change (traffic, min instances). */
  | 'wrong-resource'
  /** The message also asks for something outside the catalog. */
  | 'out-of-scope';

/** The gate's answer for one change skill. */
export interface ChangeGateVerdict {
  allowed: boolean;
  refusal?: ChangeRefusal;
  /** How the resource was given when allowed: by name, or only by kind ("the cluster": the dialog asks which). */
  resource?: 'named' | 'generic';
}

/** What the gate reads of a message: the router's normalised text and the resources found in it. */
export interface ChangeGateInput {
  /** Normalised, spelling-corrected, lower-case message; `mentions` index `tokenize(lower)`. */
  lower: string;
  mentions: readonly ResourceMention[];
  /** The message only asks or says not to act (a how/why/what-if question, "just asking", "don't …"). */
  asksOnly: boolean;
  /** The message names a change the catalog does not have (restart, traffic, thresholds, …). */
  unsupportedChange: boolean;
  /**
   * The message carries somebody else's text rather than a request: a quote, code, struck-through
   * or pasted log line, a numbered plan (set from the raw message, before markup is stripped).
   */
  quoted?: boolean;
  /** The message as typed, lower case, before spelling correction: the labels and take-backs are read on both. */
  typed?: string;
}
