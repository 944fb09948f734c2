import type { ChangeRequest, ChangeStore } from '../../core/changes/change-request';
import { decideChange, type ChangeSkillId } from '../../core/policy/change-policy';
import type { JobStore } from '../../core/scheduling/job-store';
import type { ChangeListResult, ChangePreviewResult, ChangeRequestResult, MessageResult } from '../results';
import type { SkillContext, SkillDeclaration } from '../skill';
import { readChangeFacts } from './change-facts';
import { changeJobKinds, changeJobKey } from './change-jobs';
import { planChange, prewarmMinimum } from './change-plans';

/** How a change request was asked for, beyond its arguments. */
export interface ChangeModifiers {
  /** Show the decision and the change, create nothing. */
  dryRun?: boolean;
  /** The requester marked it an emergency, with this reason. */
  emergency?: { reason: string };
}

/** What proposing a change ended in, with the audit words for it. */
export interface ProposeOutcome {
  result: ChangeRequestResult | ChangePreviewResult | MessageResult;
  decision: string;
  outcome: string;
  detail?: string;
}

/**
 * The change half of the choke point: read the facts, plan the change, ask the policy, and — unless
 * it is a dry run or denied — store a pending change request and schedule its expiry. Nothing on the
 * landing zone changes here; the request waits for a button on its card.
 */
export async function proposeChange(
  skill: SkillDeclaration,
  args: Record<string, unknown>,
  modifiers: ChangeModifiers,
  ctx: SkillContext & { changes: ChangeStore; jobs: JobStore },
): Promise<ProposeOutcome> {
  const skillId = skill.id as ChangeSkillId;
  const reading = await readChangeFacts(skillId, args, ctx.config, ctx.landingZone);
  const now = ctx.clock.now();
  const plan = planChange(reading, ctx.config);
  const decision = decideChange(
    {
      facts: reading.facts,
      requester: { aadObjectId: ctx.caller.aadObjectId, roles: ctx.caller.roles },
      ...(modifiers.emergency ? { emergency: modifiers.emergency } : {}),
      at: now,
    },
    ctx.config,
  );
  if ('nothing' in plan) {
    return {
      result: {
        view: 'message',
        tone: 'info',
        title: `${skill.title}: nothing to change`,
        text: `${plan.reason} Nothing was changed.`,
      },
      decision: 'nothing-to-change',
      outcome: 'ok',
      detail: plan.reason,
    };
  }
  if (modifiers.dryRun) {
    return {
      result: {
        view: 'change-preview',
        skill: skill.id,
        title: skill.title,
        facts: reading.facts,
        plan,
        decision,
      },
      decision: 'dry-run',
      outcome: `would-${decision.verdict}`,
      detail: decision.reason,
    };
  }
  if (decision.verdict === 'deny') {
    return {
      result: {
        view: 'message',
        tone: 'warning',
        title: `${skill.title}: not allowed by the change policy`,
        text: `${decision.reason} Nothing was changed, and no approval can lift this limit.`,
      },
      decision: 'denied:policy',
      outcome: 'refused',
      detail: decision.reason,
    };
  }

  const storedArgs = { ...reading.args };
  if (reading.compute?.kind === 'amlcompute') {
    storedArgs.minNodes = skillId === 'compute.start' ? prewarmMinimum(reading, ctx.config) : 0;
    storedArgs.maxNodes = reading.compute.maxNodes;
  }
  const expiryMinutes = ctx.config.changePolicy.approvalExpiryMinutes;
  const change = await ctx.changes.create(
    {
      skill: skillId,
      args: storedArgs,
      requester: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name },
      conversationId: ctx.conversationId,
      facts: reading.facts,
      decision,
      changeType: decision.changeType,
      plan,
      ...(modifiers.emergency ? { emergencyReason: modifiers.emergency.reason } : {}),
      state: 'pending',
      approvals: [],
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiryMinutes * 60_000),
      cabReview: decision.changeType === 'emergency',
    },
    now,
  );
  await ctx.jobs.schedule(
    {
      kind: changeJobKinds.expire,
      key: changeJobKey(change.id, 'expire'),
      dueAt: change.expiresAt,
      payload: { changeId: change.id },
    },
    now,
  );
  return {
    result: { view: 'change-request', change, fresh: true },
    decision: 'proposed',
    outcome: decision.verdict === 'confirm' ? 'pending-confirmation' : 'pending-approval',
    detail: `${change.id}: ${decision.reason}`,
  };
}

/** `changes`: the recent change requests; `pending`: those still open; `mine`: waiting for the caller's approval. */
export async function listChanges(
  which: 'recent' | 'pending' | 'mine',
  ctx: SkillContext & { changes: ChangeStore },
  mayApprove: (change: ChangeRequest) => boolean,
): Promise<ChangeListResult> {
  if (which === 'recent') {
    return {
      view: 'change-list',
      title: 'Recent change requests',
      empty: 'No change requests yet.',
      changes: await ctx.changes.list({ limit: 15 }),
    };
  }
  const open = await ctx.changes.list({ states: ['pending', 'scheduled'], limit: 50 });
  if (which === 'pending') {
    return {
      view: 'change-list',
      title: 'Open change requests',
      empty: 'No change request is open.',
      changes: open,
    };
  }
  return {
    view: 'change-list',
    title: 'Waiting for your approval',
    empty: 'Nothing is waiting for your approval.',
    changes: open.filter((change) => change.state === 'pending' && mayApprove(change)),
  };
}
