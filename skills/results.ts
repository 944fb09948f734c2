import type { ChangePlan, ChangeRequest } from '../core/changes/change-request';
import type { ChangeFacts, PolicyDecision } from '../core/policy/change-policy';
import type { IncidentListResult, IncidentResult, MonitorAlertResult } from './incident/incident-results';
import type { SkillId } from './skill';
import type { StatusResult } from './status/status-results';

/**
 * What skills return: neutral results (facts, levels, next steps). `bot/cards/` renders each `view`.
 * Status views are declared beside their skills and joined here.
 */
export type SkillResult =
  | MessageResult
  | HelpResult
  | NotEnabledResult
  | StatusResult
  | ClarifyResult
  | ChangeRequestResult
  | ChangePreviewResult
  | ChangeListResult
  | IncidentResult
  | IncidentListResult
  | MonitorAlertResult;

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
  suggestions?: { label: string; command: string }[];
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

export type { IncidentListResult, IncidentResult, StatusResult };
