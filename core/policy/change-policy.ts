import type { LandingZoneConfig, RoleId } from '../config/landing-zone.schema';

/** The skills that change the landing zone. */
export type ChangeSkillId = 'compute.start' | 'compute.stop' | 'endpoint.scale' | 'secret.rotate';
export type PolicyVerdict = 'allow' | 'confirm' | 'approve' | 'schedule' | 'deny';
export type PolicyChangeType = 'standard' | 'normal' | 'emergency';
export type Environment = 'production' | 'development';

/** One approval the change needs: a distinct person holding any of these roles. */
export interface ApprovalSlot {
  anyOf: RoleId[];
  label: string;
}

/** What the choke point read from the landing zone before asking. */
export interface ChangeFacts {
  skill: ChangeSkillId;
  resource: string;
  inConfig: boolean;
  environment: Environment;
  deployment?: string;
  deploymentExists?: boolean;
  currentInstances?: number;
  targetInstances?: number;
  autoscale?: { minInstances: number; maxInstances: number };
  quotaMaxInstances?: number;
  runningJobs?: number;
}

/** A question to the policy: this change, by this person, at this instant. */
export interface PolicyRequest {
  facts: ChangeFacts;
  requester: { aadObjectId: string; roles: RoleId[] };
  emergency?: { reason: string };
  at: Date;
}

/** One rule's finding, in one sentence, for the card and the audit log. */
export interface RuleFinding {
  rule: string;
  verdict: PolicyVerdict;
  reason: string;
}

/** What the policy decided about a change, explained in one sentence. */
export interface PolicyDecision {
  verdict: PolicyVerdict;
  changeType: PolicyChangeType;
  environment: Environment;
  reason: string;
  approvals: ApprovalSlot[];
  notBefore?: Date;
  windowEnd?: Date;
  rules: RuleFinding[];
}

/** A policy rule decides one aspect of a change; the engine combines them (most restrictive wins). */
export interface PolicyRule {
  id: string;
  evaluate(request: PolicyRequest, config: LandingZoneConfig): RuleFinding | undefined;
}

/** A recorded approval of a proposal. */
export interface GivenApproval {
  actorId: string;
  roles: RoleId[];
  slot: number;
  at: Date;
}

export type ApproverCheck = { ok: true; slot: number } | { ok: false; reason: string };
