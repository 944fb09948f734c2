import type { PlannedNotification } from '../../core/incidents/escalation';
import type { Notifier } from '../../core/incidents/notifier';
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
      await desk.deliver(deps.notifier, incidentId, notification, cause, {
        number: job.attempts,
        last: job.attempts >= maxAttempts,
      });
    },
  };
}
