import type {
  ChangeFacts,
  ChangeSkillId,
  GivenApproval,
  PolicyChangeType,
  PolicyDecision,
} from '../policy/change-policy';

/**
 * Where a change request is in its life. `pending` waits for the requester's confirmation or for
 * approvals; `scheduled` is approved and waits for its window; `running` has been won by exactly one
 * caller; the rest are final.
 */
export type ChangeState =
  | 'pending'
  | 'scheduled'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'cancelled'
  | 'expired';

export const finalChangeStates: readonly ChangeState[] = [
  'succeeded',
  'failed',
  'rejected',
  'cancelled',
  'expired',
];

/** The person behind a step of a change request. */
export interface ChangeActor {
  aadObjectId: string;
  name: string;
}

/** An approval as recorded on the change: who, in which slot, when. */
export interface ChangeApproval extends GivenApproval {
  name: string;
}

/**
 * What the change will do, worked out from the facts when it was proposed: the handover's
 * change-request fields (summary, impact, risk, rollback, testing) and the before → after.
 */
export interface ChangePlan {
  summary: string;
  before: string;
  after: string;
  impact: string;
  risk: 'low' | 'medium' | 'high';
  rollback: string;
  testing: string;
  /** Steps shown on the card while it runs (key rotation has four). */
  steps: string[];
  /** Shown beside the decision, e.g. that autoscale will move the count again. */
  warnings: string[];
}

/** One step of a running change, as the card shows it. */
export interface ChangeStepProgress {
  step: string;
  state: 'done' | 'failed' | 'running';
  detail?: string;
}

/** How a change ended, or how far it has got. */
export interface ChangeOutcome {
  status: 'succeeded' | 'failed' | 'in-progress';
  summary: string;
  operationId?: string;
  steps: ChangeStepProgress[];
  finishedAt?: Date;
}

/** Who said no, or why it ended without running. */
export interface ChangeClosure {
  by: ChangeActor | { aadObjectId: 'system'; name: 'opsbot' };
  at: Date;
  reason: string;
}

/** A change request (`CHG-00012`): the proposal, the policy's decision and everything that followed. */
export interface ChangeRequest {
  id: string;
  skill: ChangeSkillId;
  /** Validated arguments, resolved to config names; the only arguments `execute` ever uses. */
  args: Record<string, unknown>;
  requester: ChangeActor;
  /** Where it was asked for. */
  conversationId: string;
  facts: ChangeFacts;
  decision: PolicyDecision;
  changeType: PolicyChangeType;
  plan: ChangePlan;
  emergencyReason?: string;
  state: ChangeState;
  /** Bumped by every update; the compare-and-set token card buttons carry. */
  version: number;
  approvals: ChangeApproval[];
  createdAt: Date;
  expiresAt: Date;
  /** When a scheduled change runs. */
  runAt?: Date;
  outcome?: ChangeOutcome;
  closure?: ChangeClosure;
  /** Emergency changes are listed for the CAB afterwards. */
  cabReview: boolean;
  updatedAt: Date;
}

/** A change request before the store gives it an id. */
export type NewChangeRequest = Omit<ChangeRequest, 'id' | 'version' | 'updatedAt'>;

/** The fields an update may change. */
export type ChangePatch = Partial<
  Pick<ChangeRequest, 'state' | 'approvals' | 'runAt' | 'outcome' | 'closure' | 'expiresAt'>
>;

/** A posted copy of a change's card, updated in place whenever the change moves. */
export interface ChangeCardCopy {
  changeId: string;
  conversationId: string;
  activityId: string;
  /** The person the copy was personalised for (a personal chat), or absent for a shared copy. */
  viewerId?: string;
  /** The transport's serialised conversation reference, needed to update it proactively. */
  reference: Record<string, unknown>;
}

/** Filter for listing change requests, newest first. */
export interface ChangeQuery {
  states?: ChangeState[];
  requesterId?: string;
  limit?: number;
}

/**
 * The change requests of the landing zone, shared by every bot instance. `update` is a
 * compare-and-set on `version`: of two callers holding the same version, exactly one wins.
 */
export interface ChangeStore {
  create(change: NewChangeRequest, now: Date): Promise<ChangeRequest>;
  get(id: string): Promise<ChangeRequest | undefined>;
  list(query?: ChangeQuery): Promise<ChangeRequest[]>;
  /** Applies `patch` if the stored version is still `expectedVersion`; the updated change, or undefined when it lost. */
  update(
    id: string,
    expectedVersion: number,
    patch: ChangePatch,
    now: Date,
  ): Promise<ChangeRequest | undefined>;
  addCardCopy(copy: ChangeCardCopy): Promise<void>;
  listCardCopies(changeId: string): Promise<ChangeCardCopy[]>;
}

/** `CHG-00012` for number 12. */
export function formatChangeId(number: number): string {
  return `CHG-${String(number).padStart(5, '0')}`;
}

/** The number of a well-formed change id (`chg-12` and `CHG-00012` both give 12), or undefined. */
export function parseChangeId(text: string): number | undefined {
  const match = /^chg-?0*(\d{1,9})$/i.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  return number > 0 ? number : undefined;
}
