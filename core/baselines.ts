import type { Band, LandingZoneConfig } from './config/landing-zone.schema';

/**
 * Where a measurement sits against its performance baseline. The handover gives target, acceptable
 * and critical; the gap between acceptable and critical is `degraded`.
 */
export type Level = 'target' | 'acceptable' | 'degraded' | 'critical';

/**
 * Outcome of one check that has no baseline of its own (component health, cost, backups, …) and of
 * a whole status answer. `unknown` means the check could not be made.
 */
export type CheckStatus = 'ok' | 'warning' | 'critical' | 'unknown';

/** Which way a metric improves. */
export type Direction = 'lower-is-better' | 'higher-is-better';

/** The metrics the config gives baselines for. */
export type BaselineMetric = keyof LandingZoneConfig['baselines'];

/** How each baselined metric is read: its label, unit and direction. */
export const baselineMetrics: Record<
  BaselineMetric,
  { label: string; unit: 'ms' | '%'; direction: Direction }
> = {
  inferenceLatencyP95Ms: { label: 'P95 latency', unit: 'ms', direction: 'lower-is-better' },
  trainingSuccessPercent: { label: 'Training success rate', unit: '%', direction: 'higher-is-better' },
  endpointAvailabilityPercent: { label: 'Availability', unit: '%', direction: 'higher-is-better' },
  dataPipelineSuccessPercent: { label: 'Data pipeline success', unit: '%', direction: 'higher-is-better' },
};

/** One measurement judged against its baseline: the value, its unit, the band and the level. */
export interface BaselineReading {
  metric: BaselineMetric;
  label: string;
  value: number;
  unit: 'ms' | '%';
  direction: Direction;
  band: Band;
  level: Level;
}

/**
 * The level of a value against a band. Meeting a threshold counts (a P95 of exactly 200 ms is
 * acceptable; an availability of exactly 99% is degraded, not critical), which matches the alert
 * rules: "P95 above 200 ms", "availability below 99%".
 */
export function levelOf(value: number, band: Band, direction: Direction): Level {
  if (!Number.isFinite(value)) return 'critical';
  if (direction === 'lower-is-better') {
    if (value <= band.target) return 'target';
    if (value <= band.acceptable) return 'acceptable';
    if (value > band.critical) return 'critical';
    return 'degraded';
  }
  if (value >= band.target) return 'target';
  if (value >= band.acceptable) return 'acceptable';
  if (value < band.critical) return 'critical';
  return 'degraded';
}

/** Judges a value of one baselined metric against the config's band for it. */
export function readBaseline(
  baselines: LandingZoneConfig['baselines'],
  metric: BaselineMetric,
  value: number,
): BaselineReading {
  const { label, unit, direction } = baselineMetrics[metric];
  const band = baselines[metric];
  return { metric, label, value, unit, direction, band, level: levelOf(value, band, direction) };
}

const levelRank: Record<Level, number> = { target: 0, acceptable: 1, degraded: 2, critical: 3 };
const statusRank: Record<CheckStatus, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The worst of some levels; `target` for none. */
export function worstLevel(levels: Level[]): Level {
  return levels.reduce<Level>((worst, l) => (levelRank[l] > levelRank[worst] ? l : worst), 'target');
}

/** The worst of some check outcomes; `ok` for none. */
export function worstStatus(statuses: CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((worst, s) => (statusRank[s] > statusRank[worst] ? s : worst), 'ok');
}

/** A baseline level as a check outcome: within acceptable is ok, degraded needs attention. */
export function statusOfLevel(level: Level): CheckStatus {
  if (level === 'critical') return 'critical';
  if (level === 'degraded') return 'warning';
  return 'ok';
}

/** Share of a limit in use, in percent (0 when the limit is 0 and nothing is used). */
export function percentOf(used: number, limit: number): number {
  if (limit <= 0) return used > 0 ? 100 : 0;
  return (used / limit) * 100;
}

/** Outcome of a usage against its limit: full is critical, from `nearPercent` on it needs attention. */
export function statusOfUsage(used: number, limit: number, nearPercent: number): CheckStatus {
  const percent = percentOf(used, limit);
  if (percent >= 100) return 'critical';
  if (percent >= nearPercent) return 'warning';
  return 'ok';
}
