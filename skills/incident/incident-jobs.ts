import type { PlannedNotification } from '../../core/incidents/escalation';
import {
  notificationAuditEvent,
  type IncidentNotification,
  type Notifier,
} from '../../core/incidents/notifier';
import type { JobHandler } from '../../core/scheduling/job-runner';
import { escalateJobKind, IncidentDesk, notifyJobKind, type IncidentDeskDeps } from './incident-desk';

/** What the incident job handlers need: the desk's dependencies, the notifier, and the runner's attempt limit. */
export interface IncidentJobDeps extends IncidentDeskDeps {
  notifier: Notifier;
  /** The JobRunner's `maxAttempts`, so that the last failed delivery says it gave up. Default 5. */
  maxAttempts?: number;
}

/**
 * The durable-job handlers of incidents, for the JobRunner's handler map:
 * `incident.escalate` (a tier's timer ran out: escalate if still unacknowledged there, schedule the
 * next timer, notify) and `incident.notify` (deliver one notification; a failure is recorded on the
 * timeline and card, then thrown so that the runner retries it with backoff).
 */
export function incidentJobHandlers(deps: IncidentJobDeps): Record<string, JobHandler> {
  const desk = new IncidentDesk(deps);
  const maxAttempts = deps.maxAttempts ?? 5;
  return {
    [escalateJobKind]: async (job, ctx) => {
      const { incidentId, tierIndex } = job.payload as { incidentId: string; tierIndex: number };
      const outcome = await desk.onTimer(incidentId, tierIndex);
      ctx.logger.info({ incidentId, tierIndex, outcome }, 'escalation timer ran');
    },
    [notifyJobKind]: async (job) => {
      const { incidentId, cause, notification } = job.payload as {
        incidentId: string;
        cause: string;
        notification: PlannedNotification;
      };
      await deliverNotification(desk, deps, deps.notifier, incidentId, notification, cause, {
        number: job.attempts,
        last: job.attempts >= maxAttempts,
      });
    },
  };
}

/** Delivers one notification; records it (or its failure) on the timeline and refreshes the card. Throws to be retried. */
export async function deliverNotification(
  desk: IncidentDesk,
  deps: IncidentDeskDeps,
  notifier: Notifier,
  incidentId: string,
  planned: PlannedNotification,
  cause: string,
  attempt: { number: number; last: boolean },
): Promise<void> {
  const incident = await deps.store.get(incidentId);
  if (!incident) return;
  const notification: IncidentNotification = {
    ...planned,
    key: `${incident.id}:${planned.key}`,
    incidentId: incident.id,
    cause,
    severity: incident.severity,
    type: incident.type,
    summary: incident.summary,
    conversationId: incident.conversationId,
    externalRefs: incident.externalRefs,
  };
  const data = {
    key: notification.key,
    audience: planned.audience,
    channel: planned.channel,
    event: planned.event,
  };
  try {
    const receipt = await notifier.notify(notification);
    if (receipt.externalRefs) await deps.store.annotate(incident.id, { externalRefs: receipt.externalRefs });
    await deps.store.append(incident.id, {
      at: deps.clock.now(),
      kind: 'notified',
      text: receipt.detail,
      data: { ...data, via: receipt.via, ...(receipt.recordedOnly ? { recordedOnly: true } : {}) },
    });
    if (!receipt.recordedOnly) await auditNotification(deps, notification, 'sent', receipt.detail);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const text = `Notifying ${planned.audienceName} by ${planned.channel} failed (attempt ${attempt.number}): ${reason}; ${attempt.last ? 'gave up' : 'retrying'}`;
    await deps.store.append(incident.id, {
      at: deps.clock.now(),
      kind: 'notification-failed',
      text,
      data,
    });
    await auditNotification(deps, notification, 'failed', text);
    await desk.refreshCard(incident.id);
    throw error;
  }
  await desk.refreshCard(incident.id);
}

function auditNotification(
  deps: IncidentDeskDeps,
  n: IncidentNotification,
  outcome: 'sent' | 'failed',
  detail: string,
): Promise<void> {
  return deps.audit.append(notificationAuditEvent(n, deps.clock.now(), outcome, detail));
}
