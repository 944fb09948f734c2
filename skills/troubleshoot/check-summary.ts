import type { CheckStatus } from '../../core/baselines';
import type { SkillResult } from '../results';
import type { OverviewCheck, StatusOverviewResult } from '../status/status-results';

/** A status result boiled down to the one line a runbook check shows beside its mark. */
export interface CheckSummary {
  status: CheckStatus;
  summary: string;
}

const percent = (value: number) => `${Number(value.toFixed(2))}%`;

/** The deciding figure of a status result: the worst quota family, the failures, the endpoint's readings, … */
export function summarizeCheck(result: SkillResult): CheckSummary {
  switch (result.view) {
    case 'status.quota': {
      const worst = result.families[0];
      return {
        status: result.status,
        summary: worst
          ? `${worst.family}: ${worst.used} of ${worst.limit} cores (${percent(worst.usedPercent)})`
          : 'no quota usage reported',
      };
    }
    case 'status.jobs': {
      const top = result.reasons[0];
      return {
        status: result.status,
        summary:
          `${result.counts.failed} of ${result.total} jobs failed in the last ${result.windowHours} h` +
          (top ? `; most often "${top.reason}" (${top.count})` : ''),
      };
    }
    case 'status.endpoint': {
      const level = result.level;
      const status: CheckStatus =
        level === 'critical'
          ? 'critical'
          : level === 'degraded' || result.http503Count > 0
            ? 'warning'
            : 'ok';
      return {
        status,
        summary:
          `${result.endpoint}: P95 ${Math.round(result.latency.value)} ms, availability ${percent(result.availability.value)}, ` +
          `${result.http503Count} HTTP 503 in the last ${result.windowMinutes} min`,
      };
    }
    case 'status.compute':
      return {
        status: result.status,
        summary: `${result.compute}: ${result.state}, ${result.currentNodes} nodes (min ${result.minNodes}, max ${result.maxNodes}), ${result.runningJobs} running jobs`,
      };
    case 'status.alerts':
      return {
        status: result.status,
        summary: result.alerts.length
          ? `${result.alerts.length} firing: ${result.alerts.map((a) => `${a.ruleName} (${a.resource})`).join(', ')}`
          : 'no alert is firing',
      };
    case 'status.overview':
      return summarizeOverview(result);
    default:
      return { status: 'unknown', summary: 'this check gave no status' };
  }
}

function summarizeOverview(result: StatusOverviewResult): CheckSummary {
  const components = result.components;
  if (!isUnavailable(components)) {
    const down = components.items.filter((c) => c.state !== 'available');
    if (down.length) {
      return {
        status: result.status,
        summary: down.map((c) => `${c.resource} ${c.state}${c.detail ? ` (${c.detail})` : ''}`).join('; '),
      };
    }
  }
  const checks = {
    components,
    'training jobs': result.training,
    inference: result.inference,
    cost: result.cost,
    security: result.security,
    backups: result.backups,
    'scale-down': result.scaleDown,
    storage: result.storage,
    alerts: result.alerts,
  };
  const attention = Object.entries(checks)
    .filter(([, check]) => check.status !== 'ok')
    .map(([name]) => name);
  return {
    status: result.status,
    summary: attention.length
      ? `needs attention: ${attention.join(', ')}`
      : `all ${Object.keys(checks).length} checks OK`,
  };
}

function isUnavailable<T>(
  check: OverviewCheck<T>,
): check is Extract<OverviewCheck<T>, { unavailable: true }> {
  return 'unavailable' in check;
}
