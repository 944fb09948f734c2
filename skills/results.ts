import type { ChangePlan, ChangeRequest } from '../core/changes/change-request';
import type { ChangeFacts, PolicyDecision } from '../core/policy/change-policy';
import type { CheckStatus } from '../core/baselines';
import type { WrittenAnswer } from '../core/knowledge/answer-writer';
import type { RunbookStep } from '../core/knowledge/knowledge-base';
import type { IncidentListResult, IncidentResult, MonitorAlertResult } from './incident/incident-results';
import type { SkillId } from './skill';
import type { StatusResult } from './status/status-results';

/**
 * What skills return: neutral results (facts, levels, next steps). `bot/cards/` renders each `view`.
 * Status views are declared beside their skills and joined here.
 */
export type SkillResult = (
  | MessageResult
  | HelpResult
  | NotEnabledResult
  | StatusResult
  | ClarifyResult
  | ChangeRequestResult
  | ChangePreviewResult
  | ChangeListResult
  | RunbookAnswerResult
  | IncidentResult
  | IncidentListResult
  | MonitorAlertResult
) & {
  /** One line on how the request was read, e.g. that the offline router answered because Azure OpenAI did not. */
  routingNote?: string;
};

/** A change request: the proposal card, and every later state of it. Nothing has changed when it is first shown. */
export interface ChangeRequestResult {
  view: 'change-request';
  change: ChangeRequest;
  /** Just proposed: the card is also posted for the approvers. */
  fresh?: boolean;
  /** A line for the person who pressed a button, e.g. why their press was refused. */
  notice?: { tone: 'info' | 'warning'; text: string };
}

/** A dry run: what the policy would decide and what the change would do; nothing was created. */
export interface ChangePreviewResult {
  view: 'change-preview';
  skill: SkillId;
  title: string;
  facts: ChangeFacts;
  plan: ChangePlan;
  decision: PolicyDecision;
}

/** A list of change requests (recent, pending, waiting for the caller's approval). */
export interface ChangeListResult {
  view: 'change-list';
  title: string;
  /** Said when the list is empty. */
  empty: string;
  changes: ChangeRequest[];
}

/** A plain answer with optional suggested follow-ups. */
export interface MessageResult {
  view: 'message';
  /** How the card frames it; `info` when absent. */
  tone?: 'info' | 'warning' | 'error';
  title?: string;
  text: string;
  /** Follow-up commands offered as buttons: label → command text. */
  /** Buttons that send a strict command; `confirms` marks the one that confirms what the card previews. */
  suggestions?: { label: string; command: string; confirms?: boolean }[];
}

/** The skills one caller may use. */
export interface HelpResult {
  view: 'help';
  callerName: string;
  roles: string[];
  skills: {
    id: SkillId;
    title: string;
    description: string;
    example: string;
    command: string;
    kind: string;
  }[];
}

/** A recognised skill that is not enabled yet: said honestly, with the arguments understood. */
export interface NotEnabledResult {
  view: 'not-enabled';
  skill: SkillId;
  title: string;
  args: Record<string, unknown>;
}

/**
 * A question back to the user before anything runs: a missing argument ("Which endpoint?") or
 * which skill was meant ("Did you mean …?"). Each choice's command is the text a button sends back.
 */
export interface ClarifyResult {
  view: 'clarify';
  reason: 'argument' | 'skill';
  title: string;
  question: string;
  /** A line under the question, e.g. the accepted range. */
  hint?: string;
  choices: { label: string; command: string }[];
}

/** One runbook section as an answer shows it: where it comes from and what to do. */
export interface RunbookSectionView {
  title: string;
  heading: string;
  /** `knowledge/<file>.md`. */
  file: string;
  /** Page and heading, e.g. "knowledge/quota-exceeded.md › Check and raise the compute quota". */
  citation: string;
  steps: RunbookStep[];
  text: string;
  /** Relevance, 0–1. */
  score: number;
  /** The command that opens this section as an answer of its own. */
  command: string;
}

/** The result of one read-only check a runbook names, run while answering. */
export interface RunbookCheckResult {
  skill: SkillId;
  title: string;
  status: CheckStatus;
  /** The figure that decides the status, e.g. "standardNCADSA100v4Family: 96 of 96 cores (100%)". */
  summary: string;
  /** The strict command that shows the full result. */
  command: string;
}

/**
 * An answer from the runbooks: the best section with its citation, two related sections and the
 * results of the checks the page names; or, below the relevance threshold, "I don't know" with
 * the ways to get a person (declare an incident, page L2) and no section presented as the answer.
 */
export interface RunbookAnswerResult {
  view: 'runbook-answer';
  question: string;
  answered: boolean;
  /** Present when answered. */
  answer?: RunbookSectionView;
  /** When answered: related reading. When not: the nearest sections, "maybe related". */
  related: RunbookSectionView[];
  /** Not answered although a section is about the question: what it asks that the runbooks do not say ("the name"). */
  unanswered?: string;
  checks: RunbookCheckResult[];
  /** True when the checks ran against the simulator; the card says so. */
  simulated: boolean;
  suggestions: { label: string; command: string }[];
  /**
   * When an answer writer is configured and the question was answered: the text it wrote from the
   * cited sections, or why there is none (the steps then answer alone).
   */
  written?: WrittenAnswer;
}

export type { IncidentListResult, IncidentResult, StatusResult };
