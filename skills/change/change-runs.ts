import type { ChangeRequest, ChangeStore } from '../../core/changes/change-request';
import { decideChange } from '../../core/policy/change-policy';
import { lookUpPerson } from '../../core/policy/roster';
import type { ChangeActionResult, ExecuteDeps } from '../execute';
import { applyChange } from './apply-change';
import { readChangeFacts } from './change-facts';
import { changeJobKey, changeJobKinds, runWatchInMs } from './change-jobs';

/*
 * What opsbot does to a change by itself, after a person's press: the run it carries out, a
 * scheduled run when its window opens, the expiry of an undecided request, and the end of a run
 * an instance stopped in the middle of. Each step is one compare-and-set and is audited as opsbot.
 */

/** Runs a scheduled change when its job comes due: re-checks the policy and facts first; reschedules if the window is shut. */
export async function runScheduledChange(
  changeId: string,
  deps: ExecuteDeps,
  correlationId: string,
): Promise<void> {
  const change = await deps.changes.get(changeId);
  if (!change || change.state !== 'scheduled') return;
  const now = deps.clock.now();
  const recheck = await recheckPolicy(change, deps);
  const audit = (c: ChangeRequest, decision: string, outcome: string, detail?: string) =>
    auditSystem(deps, c, { correlationId, decision, outcome, ...(detail ? { detail } : {}) });
  if (recheck.verdict === 'deny') {
    const failed = await deps.changes.update(
      change.id,
      change.version,
      { state: 'failed', closure: { by: systemActor, at: now, reason: recheck.reason } },
      now,
    );
    if (failed) {
      await audit(failed, 'refused:policy-changed', 'refused', recheck.reason);
      await deps.onChanged?.(failed);
    }
    return;
  }
  if (recheck.verdict === 'schedule' && recheck.notBefore && recheck.notBefore > now) {
    const moved = await deps.changes.update(change.id, change.version, { runAt: recheck.notBefore }, now);
    if (moved) {
      await deps.jobs.schedule(
        {
          kind: changeJobKinds.run,
          key: `${changeJobKey(change.id, 'run')}:${recheck.notBefore.toISOString()}`,
          dueAt: recheck.notBefore,
          payload: { changeId: change.id },
        },
        now,
      );
      await audit(moved, 'rescheduled', 'scheduled', recheck.reason);
      await deps.onChanged?.(moved);
    }
    return;
  }
  const running = await deps.changes.update(change.id, change.version, { state: 'running' }, now);
  if (!running) return;
  await audit(running, 'scheduled-run', 'running');
  const started = startRun(running, deps, correlationId);
  await started.running?.done;
}

/** Moves a pending change whose approval time has passed to `expired` (compare-and-set); undefined when another caller moved it first. */
export async function expireChange(
  change: ChangeRequest,
  deps: ExecuteDeps,
): Promise<ChangeRequest | undefined> {
  const now = deps.clock.now();
  if (change.state !== 'pending' || now < change.expiresAt) return undefined;
  const expired = await deps.changes.update(
    change.id,
    change.version,
    {
      state: 'expired',
      closure: {
        by: systemActor,
        at: now,
        reason: `Not decided within ${deps.config.changePolicy.approvalExpiryMinutes} minutes.`,
      },
    },
    now,
  );
  if (!expired) return undefined;
  await auditSystem(deps, change, {
    correlationId: `expire:${change.id}`,
    decision: 'expired',
    outcome: 'ok',
  });
  await deps.onChanged?.(expired);
  return expired;
}

export const systemActor = { aadObjectId: 'system' as const, name: 'opsbot' as const };

/** An audit event of a step opsbot took by itself (a job, a run it carried out). */
function auditSystem(
  deps: ExecuteDeps,
  change: ChangeRequest,
  event: { correlationId: string; decision: string; outcome: string; detail?: string },
): Promise<void> {
  return deps.audit.append({
    at: deps.clock.now(),
    actorId: 'system',
    actorName: 'opsbot',
    conversationId: change.conversationId,
    skill: change.skill,
    args: { changeId: change.id, ...change.args },
    ...event,
  });
}

/**
 * Ends a change that is still `running` long after it started: the instance running it stopped part
 * way. It is marked failed with the steps it had done, so nobody takes it for done or still going.
 */
export async function markInterrupted(changeId: string, deps: ExecuteDeps): Promise<void> {
  const change = await deps.changes.get(changeId);
  if (!change || change.state !== 'running') return;
  const now = deps.clock.now();
  const failed = await deps.changes.update(
    change.id,
    change.version,
    {
      state: 'failed',
      outcome: {
        status: 'failed',
        summary:
          'The run was interrupted: the opsbot instance running it stopped before it finished. Check the resource before asking again; the steps shown as done were done.',
        steps: change.outcome?.steps ?? [],
        finishedAt: now,
      },
    },
    now,
  );
  if (!failed) return;
  await auditSystem(deps, change, {
    correlationId: `interrupted:${change.id}`,
    decision: 'interrupted',
    outcome: 'failed',
  });
  await deps.onChanged?.(failed);
}

/** The policy asked again, now, with facts read again. */
export async function recheckPolicy(change: ChangeRequest, deps: ExecuteDeps) {
  const reading = await readChangeFacts(change.skill, change.args, deps.config, deps.landingZone);
  const { roles } = lookUpPerson(deps.config, change.requester.aadObjectId, change.requester.name);
  return decideChange(
    {
      facts: reading.facts,
      requester: { aadObjectId: change.requester.aadObjectId, roles },
      ...(change.emergencyReason ? { emergency: { reason: change.emergencyReason } } : {}),
      at: deps.clock.now(),
    },
    deps.config,
  );
}

/** Runs the change won by this caller, reporting each step; settles `done` with the final state. */
export function startRun(
  change: ChangeRequest,
  deps: ExecuteDeps,
  correlationId: string,
): ChangeActionResult {
  let current = change;
  const save = async (patch: Parameters<ChangeStore['update']>[2]) => {
    const next = await deps.changes.update(current.id, current.version, patch, deps.clock.now());
    if (next) {
      current = next;
      await deps
        .onChanged?.(current)
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, changeId: current.id }, 'could not update the change cards'),
        );
    }
  };
  const done = (async () => {
    try {
      await deps.jobs.schedule(
        {
          kind: changeJobKinds.interrupted,
          key: changeJobKey(change.id, 'interrupted'),
          dueAt: new Date(deps.clock.now().getTime() + runWatchInMs),
          payload: { changeId: change.id },
        },
        deps.clock.now(),
      );
      const outcome = await applyChange(
        change,
        deps.landingZone,
        deps.config,
        (steps) => save({ outcome: { status: 'in-progress', summary: 'Running', steps } }),
        deps.waitBudgetInMs,
      );
      const finished = { ...outcome, finishedAt: deps.clock.now() };
      await save({ state: outcome.status === 'failed' ? 'failed' : 'succeeded', outcome: finished });
      await deps.jobs.cancel(changeJobKey(change.id, 'interrupted'), deps.clock.now());
      await auditSystem(deps, change, {
        correlationId,
        decision: 'executed',
        outcome: outcome.status === 'failed' ? 'failed' : 'ok',
        detail: `${outcome.operationId ? `operation=${outcome.operationId} ` : ''}${outcome.summary}`.slice(
          0,
          500,
        ),
      });
      return current;
    } catch (error) {
      deps.logger.error({ err: error, changeId: change.id }, 'change run failed');
      await save({
        state: 'failed',
        outcome: {
          status: 'failed',
          summary: 'The run stopped on an internal error; check the landing zone before trying again.',
          steps: current.outcome?.steps ?? [],
          finishedAt: deps.clock.now(),
        },
      });
      return current;
    }
  })();
  return { change, running: { done }, notice: { tone: 'info', text: `${change.id} is running.` } };
}
