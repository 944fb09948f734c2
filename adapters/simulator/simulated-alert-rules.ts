import type { EndpointConfig, LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type {
  CostSummary,
  EndpointMetrics,
  FiringAlert,
  SecurityAlert,
  StorageUsage,
} from '../../core/ports';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './local-time';

/** The simulator's readings at any instant, as the alert rules look at them. */
export interface AlertReadings {
  endpointMetricsAt(endpoint: EndpointConfig, t: number): EndpointMetrics;
  /** End instants of the failed training jobs that ended in [from, to]. */
  failedJobEnds(from: number, to: number): number[];
  costAt(t: number): CostSummary;
  storageAt(t: number): StorageUsage;
  securityAlertsBetween(from: number, to: number): SecurityAlert[];
}

/** An alert rule made concrete for one resource: says what it observes while it fires. */
interface AlertProbe {
  rule: string;
  resource: string;
  severity: FiringAlert['severity'];
  /** The observation with unit while the rule fires at instant `t`; undefined while it does not. */
  observe(t: number): string | undefined;
}

const LOOKBACK_MS = DAY_MS;

/**
 * Evaluates the config's alert rules on the simulator's readings: a rule fires exactly while its
 * reading is past the config's baseline or threshold, and `firedAt` is the instant it crossed.
 * Rule ids the simulator has no reading for are never evaluated.
 */
export function evaluateAlertRules(
  config: LandingZoneConfig,
  readings: AlertReadings,
  now: number,
): FiringAlert[] {
  const firing: FiringAlert[] = [];
  for (const probe of alertProbes(config, readings, now)) {
    const observed = probe.observe(now);
    if (observed === undefined) continue;
    const { rule, resource, severity } = probe;
    firing.push({ rule, resource, severity, firedAt: firingSince(probe, now), observed });
  }
  if (hasRule(config, 'security-alert')) {
    const vault = config.components.find((c) => c.kind === 'key-vault')?.name;
    for (const alert of readings.securityAlertsBetween(now - DAY_MS, now)) {
      if (alert.severity !== 'high') continue;
      firing.push({
        rule: 'security-alert',
        resource: vault ?? config.landingZone.logAnalyticsWorkspaceId,
        severity: 'critical',
        firedAt: alert.raisedAt,
        observed: `Sentinel: ${alert.title}`,
      });
    }
  }
  return firing;
}

function alertProbes(config: LandingZoneConfig, readings: AlertReadings, now: number): AlertProbe[] {
  const { baselines, thresholds } = config;
  const probes: AlertProbe[] = [];
  for (const endpoint of config.endpoints) {
    if (hasRule(config, 'endpoint-down')) {
      probes.push({
        rule: 'endpoint-down',
        resource: endpoint.name,
        severity: 'critical',
        observe: (t) => {
          const { availabilityPercent } = readings.endpointMetricsAt(endpoint, t);
          return availabilityPercent < baselines.endpointAvailabilityPercent.critical
            ? `availability ${availabilityPercent}%`
            : undefined;
        },
      });
    }
    if (hasRule(config, 'high-latency')) {
      probes.push({
        rule: 'high-latency',
        resource: endpoint.name,
        severity: 'warning',
        observe: (t) => {
          const { p95LatencyMs } = readings.endpointMetricsAt(endpoint, t);
          return p95LatencyMs > baselines.inferenceLatencyP95Ms.acceptable
            ? `P95 ${p95LatencyMs} ms`
            : undefined;
        },
      });
    }
  }
  if (hasRule(config, 'training-failed')) {
    const failures = readings.failedJobEnds(now - LOOKBACK_MS - HOUR_MS, now);
    probes.push({
      rule: 'training-failed',
      resource: config.landingZone.workspace,
      severity: 'error',
      observe: (t) => {
        const count = failures.filter((end) => end > t - HOUR_MS && end <= t).length;
        return count > thresholds.trainingFailuresPerHour
          ? `${count} failed jobs in the last hour`
          : undefined;
      },
    });
  }
  if (hasRule(config, 'cost-anomaly')) {
    probes.push({
      rule: 'cost-anomaly',
      resource: config.landingZone.resourceGroup,
      severity: 'warning',
      observe: (t) => {
        const cost = readings.costAt(t);
        const percent = Math.round((cost.todaySpend / cost.dailyAverage) * 100);
        return cost.todaySpend > (cost.dailyAverage * thresholds.costAnomalyPercent) / 100
          ? `today ${money(cost.todaySpend)}, ${percent}% of the ${money(cost.dailyAverage)} daily average`
          : undefined;
      },
    });
  }
  if (hasRule(config, 'storage-capacity')) {
    probes.push({
      rule: 'storage-capacity',
      resource: readings.storageAt(now).account,
      severity: 'warning',
      observe: (t) => {
        const { usedTb, capacityTb } = readings.storageAt(t);
        const percent = (usedTb / capacityTb) * 100;
        return percent > thresholds.storageNearCapacityPercent
          ? `${usedTb} of ${capacityTb} TB used (${Math.round(percent)}%)`
          : undefined;
      },
    });
  }
  return probes;
}

/**
 * The instant a firing rule started firing: walks back in 5-minute steps (at most a day), then
 * narrows the last step down to the millisecond, so the answer does not depend on when it is asked.
 */
function firingSince(probe: AlertProbe, now: number): Date {
  const step = 5 * MINUTE_MS;
  const limit = now - LOOKBACK_MS;
  let firing = now;
  let sample = Math.floor(now / step) * step;
  if (sample === now) sample -= step;
  while (sample >= limit && probe.observe(sample) !== undefined) {
    firing = sample;
    sample -= step;
  }
  if (sample < limit) return new Date(firing);
  let quiet = sample;
  while (firing - quiet > 1) {
    const mid = Math.floor((firing + quiet) / 2);
    if (probe.observe(mid) !== undefined) firing = mid;
    else quiet = mid;
  }
  return new Date(firing);
}

function hasRule(config: LandingZoneConfig, id: string): boolean {
  return config.alertRules.some((r) => r.id === id);
}

function money(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
