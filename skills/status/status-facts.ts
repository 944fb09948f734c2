import {
  readBaseline,
  statusOfLevel,
  worstLevel,
  worstStatus,
  type BaselineReading,
  type CheckStatus,
} from '../../core/baselines';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { NotFoundError } from '../../core/errors';
import type { EndpointStatus, FiringAlert, TrainingJob } from '../../core/ports';
import type { AlertItem, EndpointHealth, NextStep } from './status-results';

/**
 * Facts the status skills share: jobs counted against the baseline, endpoints judged against the
 * baselines, alerts joined with their rules, and the wording of follow-up commands.
 */
export const statusFacts = {
  trainingSummary,
  endpointHealth,
  alertItem,
  alertsStatus,
  incidentSeverityFor,
  declareCommand,
  askCommand,
  withKnownNames,
};

const hourInMs = 3_600_000;

/** Counts of a set of training jobs, the success rate against the baseline and the failures of the last hour. */
export interface TrainingSummary {
  counts: Record<TrainingJob['status'], number>;
  successRate: BaselineReading | null;
  failuresLastHour: number;
  failuresPerHourThreshold: number;
  status: CheckStatus;
}

function trainingSummary(jobs: TrainingJob[], now: Date, config: LandingZoneConfig): TrainingSummary {
  const counts: TrainingSummary['counts'] = { queued: 0, running: 0, completed: 0, failed: 0, canceled: 0 };
  for (const job of jobs) counts[job.status] += 1;
  const finished = counts.completed + counts.failed;
  const successRate = finished
    ? readBaseline(config.baselines, 'trainingSuccessPercent', round((counts.completed / finished) * 100, 1))
    : null;
  const failuresLastHour = jobs.filter(
    (j) => j.status === 'failed' && now.getTime() - (j.endedAt ?? j.startedAt).getTime() <= hourInMs,
  ).length;
  const threshold = config.thresholds.trainingFailuresPerHour;
  const status = worstStatus([
    successRate ? statusOfLevel(successRate.level) : 'ok',
    failuresLastHour > threshold ? 'warning' : 'ok',
  ]);
  return { counts, successRate, failuresLastHour, failuresPerHourThreshold: threshold, status };
}

function endpointHealth(endpoint: EndpointStatus, config: LandingZoneConfig): EndpointHealth {
  const latency = readBaseline(config.baselines, 'inferenceLatencyP95Ms', endpoint.metrics.p95LatencyMs);
  const availability = readBaseline(
    config.baselines,
    'endpointAvailabilityPercent',
    endpoint.metrics.availabilityPercent,
  );
  return {
    endpoint: endpoint.name,
    status: statusOfLevel(worstLevel([latency.level, availability.level])),
    windowMinutes: endpoint.metrics.windowMinutes,
    latency,
    availability,
    errorRatePercent: endpoint.metrics.errorRatePercent,
  };
}

function alertItem(alert: FiringAlert, config: LandingZoneConfig): AlertItem {
  const rule = config.alertRules.find((r) => r.id === alert.rule);
  return {
    rule: alert.rule,
    ruleName: rule?.name ?? alert.rule,
    condition: rule?.condition,
    action: rule?.action,
    owner: rule?.owner,
    resource: alert.resource,
    severity: alert.severity,
    firedAt: alert.firedAt.toISOString(),
    observed: alert.observed,
  };
}

/** Critical and error alerts are critical, warnings need attention, informational ones do not. */
function alertsStatus(alerts: { severity: FiringAlert['severity'] }[]): CheckStatus {
  return worstStatus(
    alerts.map((a) =>
      a.severity === 'critical' || a.severity === 'error'
        ? 'critical'
        : a.severity === 'warning'
          ? 'warning'
          : 'ok',
    ),
  );
}

/** The incident severity to suggest for an alert; the person declaring confirms it. */
function incidentSeverityFor(severity: FiringAlert['severity']): 'P1' | 'P2' | 'P3' | 'P4' {
  return severity === 'critical' ? 'P1' : severity === 'error' ? 'P2' : severity === 'warning' ? 'P3' : 'P4';
}

/** A "Declare incident" step in the strict command form `declare <P1-P4> <summary>`. */
function declareCommand(severity: 'P1' | 'P2' | 'P3' | 'P4', summary: string): NextStep {
  return { label: 'Declare incident', command: `declare ${severity} ${clip(summary, 200)}` };
}

/** A "Troubleshoot" step in the strict command form `ask <question>`. */
function askCommand(question: string, label = 'Troubleshoot'): NextStep {
  return { label, command: `ask ${clip(question, 200)}` };
}

/**
 * Runs a port read that may throw `NotFoundError`; when the port's error does not list what
 * exists, the names from config are added so that the user sees what to ask for instead.
 */
async function withKnownNames<T>(
  read: () => Promise<T>,
  kind: 'endpoint' | 'compute',
  known: string[],
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError && error.known.length === 0) {
      throw new NotFoundError(kind, error.resourceName, known);
    }
    throw error;
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
