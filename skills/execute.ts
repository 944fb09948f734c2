import type { ChangeActor, ChangeRequest, ChangeStore } from '../core/changes/change-request';
import type { LandingZoneConfig } from '../core/config/landing-zone.schema';
import type { Logger } from '../core/logger';
import { checkApprover } from '../core/policy/change-policy';
import type { AuditLog, Clock, LandingZone } from '../core/ports';
import type { JobStore } from '../core/scheduling/job-store';
import { changeJobKey, changeJobKinds } from './change/change-jobs';
import { expireChange, recheckPolicy, startRun, systemActor } from './change/change-runs';
import type { SkillCatalog } from './catalog';
import type { Caller } from './skill';

/** The verbs of a change request's card buttons. */
export const changeVerbs = [
  'proposal.confirm',
  'proposal.approve',
  'proposal.reject',
  'proposal.cancel',
] as const;
export type ChangeVerb = (typeof changeVerbs)[number];

/** What `execute()` needs; built once by the composition root. */
export interface ExecuteDeps {
  changes: ChangeStore;
  jobs: JobStore;
  /** The only holder of the change operations. */
  landingZone: LandingZone;
  config: LandingZoneConfig;
  catalog: SkillCatalog;
  clock: Clock;
  audit: AuditLog;
  logger: Logger;
  /** Told whenever a change moves (approval, progress, result), to update every copy of its card. */
  onChanged?: (change: ChangeRequest) => Promise<void>;
  /** How long a change operation's wait is bounded before it reports "in progress". */
  waitBudgetInMs?: number;
}

/** A button press: the verb, the ids from the card's data, the person from the invoke. */
export interface ChangeAction {
  verb: string;
  changeId: unknown;
  version: unknown;
  actor: Caller;
  conversationId: string;
  correlationId: string;
}

/** What a press did: the change as it is now (when there is one), and a sentence for the person who pressed. */
export interface ChangeActionResult {
  change?: ChangeRequest;
  notice?: { tone: 'info' | 'warning'; text: string };
  /** The change was won by this press and is running; `done` settles when it has finished. */
  running?: { done: Promise<ChangeRequest | undefined> };
}

/**
 * The second half of the choke point. A card button reaches this and nothing else: the verb and the
 * change id and version from the card, the actor from the invoke. It re-checks the actor's role, the
 * expiry, the policy (window, blackout) against fresh facts, and moves the change with one
 * compare-and-set; only the caller that won that update runs the change. Every step is audited.
 */
export async function execute(
  action: ChangeAction,
  deps: ExecuteDeps,
  retriesLeft = 3,
): Promise<ChangeActionResult> {
  const audit = (change: ChangeRequest | undefined, decision: string, outcome: string, detail?: string) =>
    deps.audit.append({
      at: deps.clock.now(),
      correlationId: action.correlationId,
      actorId: action.actor.aadObjectId,
      actorName: action.actor.name,
      conversationId: action.conversationId,
      skill: change?.skill ?? 'none',
      args: change ? { changeId: change.id, ...change.args } : {},
      decision,
      outcome,
      detail: detail ?? `verb=${String(action.verb).slice(0, 40)}`,
    });
  const refuse = async (change: ChangeRequest | undefined, why: string, text: string) => {
    await audit(change, `refused:${why}`, 'refused', text);
    return { ...(change ? { change } : {}), notice: { tone: 'warning' as const, text } };
  };

  if (!(changeVerbs as readonly string[]).includes(action.verb)) {
    return refuse(undefined, 'unknown-verb', 'That button is not one I know, so nothing was done.');
  }
  const verb = action.verb as ChangeVerb;
  if (typeof action.changeId !== 'string' || !Number.isInteger(action.version)) {
    return refuse(undefined, 'malformed', 'That button carries no valid change id, so nothing was done.');
  }
  let change = await deps.changes.get(action.changeId);
  if (!change)
    return refuse(undefined, 'unknown-change', `There is no change request ${action.changeId.slice(0, 20)}.`);

  const now = deps.clock.now();
  if (change.state === 'pending' && now >= change.expiresAt) {
    change = (await expireChange(change, deps)) ?? (await deps.changes.get(change.id))!;
  }
  if (change.state !== 'pending' && !(verb === 'proposal.cancel' && change.state === 'scheduled')) {
    return refuse(change, 'not-open', `${change.id} is ${describeState(change)}; nothing was done.`);
  }
  // Another approval is the only thing that moves a pending change without closing it, so an approval
  // pressed on a card one approval behind still means the same change; everything else needs the
  // current version.
  const approvalBehind =
    action.verb === 'proposal.approve' &&
    typeof action.version === 'number' &&
    action.version < change.version &&
    change.approvals.length > 0;
  if (action.version !== change.version && !approvalBehind) {
    return refuse(
      change,
      'stale',
      `${change.id} has moved on since that card was shown (it is at step ${change.version}, the card at ${String(action.version)}). Here it is as it is now; nothing was done.`,
    );
  }
  const actor: ChangeActor = { aadObjectId: action.actor.aadObjectId, name: action.actor.name };
  const isRequester = actor.aadObjectId.toLowerCase() === change.requester.aadObjectId.toLowerCase();
  const skill = deps.catalog.get(change.skill)!;

  if (verb === 'proposal.cancel') {
    if (!isRequester)
      return refuse(
        change,
        'not-requester',
        `Only ${change.requester.name}, who asked for ${change.id}, can cancel it.`,
      );
    const cancelled = await deps.changes.update(
      change.id,
      change.version,
      { state: 'cancelled', closure: { by: actor, at: now, reason: 'Cancelled by the requester.' } },
      now,
    );
    if (!cancelled) return lost(change.id, deps, refuse);
    await deps.jobs.cancel(changeJobKey(change.id, 'expire'), now);
    await deps.jobs.cancel(changeJobKey(change.id, 'run'), now);
    await audit(cancelled, 'cancelled', 'ok');
    await deps.onChanged?.(cancelled);
    return {
      change: cancelled,
      notice: { tone: 'info', text: `${change.id} is cancelled; nothing was changed.` },
    };
  }

  if (verb === 'proposal.confirm') {
    if (change.decision.verdict !== 'confirm') {
      return refuse(
        change,
        'needs-approval',
        `${change.id} needs approval (${slotLabels(change)}), not the requester's confirmation.`,
      );
    }
    if (!isRequester)
      return refuse(
        change,
        'not-requester',
        `Only ${change.requester.name}, who asked for ${change.id}, can confirm it.`,
      );
    if (!skill.roles.some((role) => action.actor.roles.includes(role))) {
      return refuse(
        change,
        'role',
        `${skill.title} needs one of these roles: ${skill.roles.join(', ')}; you no longer have one.`,
      );
    }
    const recheck = await recheckPolicy(change, deps);
    if (recheck.verdict !== 'confirm') {
      return refuse(
        change,
        'policy-changed',
        `The landing zone has changed since ${change.id} was proposed: ${recheck.reason} Ask again to get a new proposal.`,
      );
    }
    const running = await deps.changes.update(change.id, change.version, { state: 'running' }, now);
    if (!running) return lost(change.id, deps, refuse);
    await deps.jobs.cancel(changeJobKey(change.id, 'expire'), now);
    await audit(running, 'confirmed', 'running');
    return startRun(running, deps, action.correlationId);
  }

  // approve or reject
  const check = checkApprover({
    decision: change.decision,
    requesterId: change.requester.aadObjectId,
    given: change.approvals,
    actor: { aadObjectId: actor.aadObjectId, roles: action.actor.roles },
  });
  if (change.decision.approvals.length === 0) {
    return refuse(
      change,
      'no-approval',
      `${change.id} needs no approval: ${change.requester.name} confirms it.`,
    );
  }
  if (!check.ok) return refuse(change, 'approver', `${check.reason} Nothing was done.`);

  if (verb === 'proposal.reject') {
    const rejected = await deps.changes.update(
      change.id,
      change.version,
      { state: 'rejected', closure: { by: actor, at: now, reason: `Rejected by ${actor.name}.` } },
      now,
    );
    if (!rejected) return lost(change.id, deps, refuse);
    await deps.jobs.cancel(changeJobKey(change.id, 'expire'), now);
    await audit(rejected, 'rejected', 'ok');
    await deps.onChanged?.(rejected);
    return {
      change: rejected,
      notice: { tone: 'info', text: `You rejected ${change.id}; nothing was changed.` },
    };
  }

  // Two approvers at the same instant: the loser of the compare-and-set tries again on the new version.
  const retry = () =>
    retriesLeft > 0
      ? execute({ ...action, version: change.version }, deps, retriesLeft - 1)
      : lost(change.id, deps, refuse);
  const approvals = [
    ...change.approvals,
    { actorId: actor.aadObjectId, name: actor.name, roles: action.actor.roles, slot: check.slot, at: now },
  ];
  const complete = approvals.length >= change.decision.approvals.length;
  if (!complete) {
    const approved = await deps.changes.update(change.id, change.version, { approvals }, now);
    if (!approved) return retry();
    await audit(
      approved,
      'approved',
      'pending-approval',
      `slot=${change.decision.approvals[check.slot]?.label}`,
    );
    await deps.onChanged?.(approved);
    return {
      change: approved,
      notice: {
        tone: 'info',
        text: `Your approval of ${change.id} is recorded; it still needs ${remainingLabels(approved)}.`,
      },
    };
  }
  const recheck = await recheckPolicy(change, deps);
  if (recheck.verdict === 'deny') {
    const failed = await deps.changes.update(
      change.id,
      change.version,
      { approvals, state: 'failed', closure: { by: systemActor, at: now, reason: recheck.reason } },
      now,
    );
    if (!failed) return lost(change.id, deps, refuse);
    await audit(failed, 'refused:policy-changed', 'refused', recheck.reason);
    await deps.onChanged?.(failed);
    return { change: failed, notice: { tone: 'warning', text: `${recheck.reason} Nothing was changed.` } };
  }
  if (recheck.verdict === 'schedule' && recheck.notBefore) {
    const scheduled = await deps.changes.update(
      change.id,
      change.version,
      { approvals, state: 'scheduled', runAt: recheck.notBefore },
      now,
    );
    if (!scheduled) return retry();
    await deps.jobs.cancel(changeJobKey(change.id, 'expire'), now);
    await deps.jobs.schedule(
      {
        kind: changeJobKinds.run,
        key: changeJobKey(change.id, 'run'),
        dueAt: recheck.notBefore,
        payload: { changeId: change.id },
      },
      now,
    );
    await audit(scheduled, 'approved', 'scheduled', `runs at ${recheck.notBefore.toISOString()}`);
    await deps.onChanged?.(scheduled);
    return {
      change: scheduled,
      notice: {
        tone: 'info',
        text: `${change.id} is fully approved and scheduled for ${recheck.notBefore.toISOString()}.`,
      },
    };
  }
  const running = await deps.changes.update(change.id, change.version, { approvals, state: 'running' }, now);
  if (!running) return retry();
  await deps.jobs.cancel(changeJobKey(change.id, 'expire'), now);
  await audit(running, 'approved', 'running');
  return startRun(running, deps, action.correlationId);
}

async function lost(
  id: string,
  deps: ExecuteDeps,
  refuse: (change: ChangeRequest | undefined, why: string, text: string) => Promise<ChangeActionResult>,
): Promise<ChangeActionResult> {
  const now = await deps.changes.get(id);
  return refuse(
    now,
    'lost-race',
    `Someone else acted on ${id} at the same moment; it is ${now ? describeState(now) : 'gone'}. Nothing was done by your press.`,
  );
}

function describeState(change: ChangeRequest): string {
  switch (change.state) {
    case 'pending':
      return 'waiting for a decision';
    case 'scheduled':
      return `approved and scheduled for ${change.runAt?.toISOString() ?? 'its window'}`;
    case 'running':
      return 'already running';
    case 'succeeded':
      return 'already done';
    case 'failed':
      return 'finished with a failure';
    case 'rejected':
      return 'rejected';
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
  }
}

function slotLabels(change: ChangeRequest): string {
  return change.decision.approvals.map((slot) => slot.label).join(' and ');
}

function remainingLabels(change: ChangeRequest): string {
  const filled = new Set(change.approvals.map((a) => a.slot));
  return change.decision.approvals
    .filter((_, i) => !filled.has(i))
    .map((slot) => slot.label)
    .join(' and ');
}
