import type { LandingZoneConfig, RoleId } from '../config/landing-zone.schema';
import { explainDecision } from './decision-reason';
import { classifyChange } from './change-type';
import { policyRules } from './policy-rules';

export { checkApprover } from './approver-check';
export { nextAllowedWindow } from './change-window';

/** The change skills the policy decides on. */
export type ChangeSkillId = 'compute.start' | 'compute.stop' | 'endpoint.scale' | 'secret.rotate';
/** What may happen next, from least to most restrictive. */
export type PolicyVerdict = 'allow' | 'confirm' | 'approve' | 'schedule' | 'deny';
/** The handover's change types. */
export type PolicyChangeType = 'standard' | 'normal' | 'emergency';
/** Where a change lands. */
export type Environment = 'production' | 'development';

/** One approval the change needs: a distinct person holding any of these roles. */
export interface ApprovalSlot {
  anyOf: RoleId[];
  /** "CAB", "IT Director", "Team lead", "Emergency approver". */
  label: string;
}

/** What the choke point read from the landing zone before asking. */
export interface ChangeFacts {
  skill: ChangeSkillId;
  /** The name as the request gave it, resolved to config when known. */
  resource: string;
  /** False → hard limit. */
  inConfig: boolean;
  environment: Environment;
  /** endpoint.scale: the deployment to scale. */
  deployment?: string;
  /** endpoint.scale: false → hard limit. */
  deploymentExists?: boolean;
  currentInstances?: number;
  targetInstances?: number;
  autoscale?: { minInstances: number; maxInstances: number };
  /** Most instances the VM family's free quota allows for this deployment (current + free cores / cores per VM). */
  quotaMaxInstances?: number;
  /** compute.stop / compute.start: jobs running on the compute; unknown counts as some. */
  runningJobs?: number;
}

/** A question to the change policy: may this person make this change at this instant? */
export interface PolicyRequest {
  facts: ChangeFacts;
  requester: { aadObjectId: string; roles: RoleId[] };
  /** Set when the requester marked the change as an emergency ("emergency: <reason>"). */
  emergency?: { reason: string };
  at: Date;
}

/** One rule's finding, in one sentence, for the card and the audit log. */
export interface RuleFinding {
  rule: string;
  verdict: PolicyVerdict;
  reason: string;
  /** The approvals this rule asks for. */
  approvals?: ApprovalSlot[];
  /** The earliest start this rule allows (for `schedule`). */
  notBefore?: Date;
  /** When the window the change may run in closes. */
  windowEnd?: Date;
}

/** The policy's answer to a request, explained for the card and the audit log. */
export interface PolicyDecision {
  verdict: PolicyVerdict;
  changeType: PolicyChangeType;
  environment: Environment;
  /** One sentence that explains the whole decision (goes on the card). */
  reason: string;
  /** Empty for allow/confirm/deny. */
  approvals: ApprovalSlot[];
  /** For `schedule`: the earliest allowed start (next production-window start not in a blackout). */
  notBefore?: Date;
  /** When the allowed window the change may run in closes (inside the window now, or of notBefore's window). */
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

/** Whether a person may approve now, and the slot the approval fills. */
export type ApproverCheck = { ok: true; slot: number } | { ok: false; reason: string };

const rank: Record<PolicyVerdict, number> = { allow: 0, confirm: 1, approve: 2, schedule: 3, deny: 4 };

/**
 * Decides a change: every rule looks at one aspect, the most restrictive finding sets the verdict,
 * and the decision carries the approvals, the window and one sentence that explains it all. A hard
 * limit (deny) leaves only the denying findings: no approval or window matters then.
 */
export function decideChange(
  request: PolicyRequest,
  config: LandingZoneConfig,
  rules: readonly PolicyRule[] = policyRules,
): PolicyDecision {
  const all = rules.flatMap((rule) => rule.evaluate(request, config) ?? []);
  const denials = all.filter((f) => f.verdict === 'deny');
  const findings = denials.length ? denials : all;
  const verdict = findings.reduce<PolicyVerdict>(
    (v, f) => (rank[f.verdict] > rank[v] ? f.verdict : v),
    'allow',
  );
  const classification = classifyChange(request);
  const approvals = verdict === 'deny' ? [] : findings.flatMap((f) => f.approvals ?? []);
  const timed =
    verdict === 'deny' ? undefined : (findings.find((f) => f.notBefore) ?? findings.find((f) => f.windowEnd));
  const decision: PolicyDecision = {
    verdict,
    changeType: classification.type,
    environment: request.facts.environment,
    reason: '',
    approvals,
    ...(verdict === 'schedule' && timed?.notBefore ? { notBefore: timed.notBefore } : {}),
    ...(timed?.windowEnd ? { windowEnd: timed.windowEnd } : {}),
    rules: findings,
  };
  decision.reason = explainDecision(decision, classification, request, config);
  return decision;
}
