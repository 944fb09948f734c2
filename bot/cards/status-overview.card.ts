import type { BaselineReading } from '../../core/baselines';
import type { OverviewCheck, StatusOverviewResult } from '../../skills/status/status-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Renders `status.overview`: the daily checklist, one row per check with its outcome and what was found. */
export function statusOverviewCard(result: StatusOverviewResult): AdaptiveCard {
  const body: CardElement[] = [
    k.header(
      'Landing zone overview',
      `${result.landingZone} (${result.environment}) · checked ${k.formatTime(result.generatedAt)}`,
      { word: k.statusWord(result.status), color: k.statusColor(result.status) },
    ),
  ];
  if (result.simulated) body.push(k.simulatedLabel());

  body.push(
    ...section('Service health', result.components, (c) => {
      const down = c.items.filter((i) => i.state !== 'available');
      const lines = down.map((i) => `${i.resource} is ${i.state}${i.detail ? `: ${i.detail}` : ''}.`);
      return [`${c.items.length - down.length} of ${c.items.length} available`, lines.join(' ')];
    }),
    ...section(`Training jobs, last ${windowOf(result.training, 12)} h`, result.training, (t) => [
      t.successRate ? `${k.formatReading(t.successRate)} success` : `${k.plural(t.total, 'job')}`,
      `${t.completed} completed, ${t.failed} failed, ${t.running} running.` +
        (t.successRate ? ` ${baselineSentence(t.successRate)}` : ' No job finished, so no success rate.') +
        (t.failuresLastHour > t.failuresPerHourThreshold
          ? ` ${t.failuresLastHour} failures in the last hour (alert above ${t.failuresPerHourThreshold}).`
          : ''),
    ]),
    ...section('Inference vs baselines', result.inference, (i) => [
      `${i.endpoints.filter((e) => e.status === 'ok').length} of ${k.plural(i.endpoints.length, 'endpoint')} within baseline`,
      i.endpoints
        .map(
          (e) =>
            `${e.endpoint}: P95 ${k.formatReading(e.latency)} (${k.levelWord(e.latency.level)}), availability ${k.formatReading(e.availability)} (${k.levelWord(e.availability.level)}), errors ${k.formatNumber(e.errorRatePercent)}% ${k.formatWindowMinutes(e.windowMinutes)}.`,
        )
        .join(' '),
    ]),
    ...section(costHeading(result.cost), result.cost, (c) => [
      `${c.percentOfAverage}% of average`,
      `${c.currency} ${k.formatNumber(c.todaySpend)} ${c.spendDay ? 'for the whole UTC day (the last one Cost Management has complete)' : 'so far today'} against a daily average of ${c.currency} ${k.formatNumber(c.dailyAverage)}; an anomaly is above ${c.anomalyPercent}%.`,
    ]),
    ...section(`Security alerts, last ${windowOf(result.security, 24)} h`, result.security, (s) => [
      `${s.highSeverity.length} high severity`,
      s.highSeverity.length
        ? s.highSeverity
            .slice(0, 3)
            .map((a) => `${a.title} (${k.formatTime(a.raisedAt)}).`)
            .join(' ') + (s.highSeverity.length > 3 ? ` …and ${s.highSeverity.length - 3} more.` : '')
        : 'No high-severity alert in Sentinel.',
    ]),
    ...section('Backups', result.backups, (b) => {
      return [
        `${b.items.filter((i) => i.status === 'succeeded').length} of ${b.items.length} succeeded`,
        b.items.map((i) => `${i.item}: ${i.status}, ${k.formatTime(i.lastRunAt)}.`).join(' ') ||
          'No backup reported.',
      ];
    }),
    ...section('Cluster scale-down', result.scaleDown, (s) => [
      s.idle.length ? `${s.idle.length} not scaled down` : 'all scaled down',
      s.idle.length
        ? s.idle
            .map(
              (c) =>
                `${c.compute}: ${k.plural(c.currentNodes, 'node')} of ${c.vmSize} up, no job running${c.minNodes > 0 ? ` (minimum ${c.minNodes})` : ''}.`,
            )
            .join(' ')
        : `${k.plural(s.clustersChecked, 'cluster')} checked; none keeps idle nodes.`,
    ]),
    ...section('Storage', result.storage, (s) => [
      `${k.formatNumber(s.usedPercent, 1)}% used`,
      `${s.account}: ${k.formatNumber(s.usedTb, 1)} TB of ${k.formatNumber(s.capacityTb, 1)} TB; the alert fires above ${s.nearCapacityPercent}%.`,
    ]),
    ...section('Firing alerts', result.alerts, (a) => [
      `${a.firing.length} firing`,
      a.firing
        .slice(0, 4)
        .map((f) => `${f.ruleName} on ${f.resource}: ${f.observed}.`)
        .join(' ') + (a.firing.length > 4 ? ` …and ${a.firing.length - 4} more.` : ''),
    ]),
  );
  return k.card(body, k.commandActions(result.nextSteps));
}

/** One check: a row with its outcome, then what was found in small print. */
function section<T>(
  title: string,
  check: OverviewCheck<T>,
  describe: (found: T) => [value: string, detail: string],
): CardElement[] {
  if ('unavailable' in check) {
    return [
      k.statusRow(title, 'not checked', 'unknown'),
      k.text(check.reason, { size: 'Small', isSubtle: true, spacing: 'None' }),
    ];
  }
  const [value, detail] = describe(check as T);
  const elements = [k.statusRow(title, value, check.status)];
  if (detail) elements.push(k.text(detail, { size: 'Small', isSubtle: true, spacing: 'None' }));
  return elements;
}

function baselineSentence(reading: BaselineReading): string {
  return `${reading.label} ${k.formatReading(reading)} is ${k.levelWord(reading.level).toLowerCase()} (${k.formatBand(reading)}).`;
}

function windowOf(check: OverviewCheck<{ windowHours: number }>, fallback: number): number {
  return 'windowHours' in check ? check.windowHours : fallback;
}

/** "Cost today" when the figure is today's so far, otherwise the day it is for. */
function costHeading(check: StatusOverviewResult['cost']): string {
  return 'spendDay' in check && check.spendDay ? `Cost on ${check.spendDay}` : 'Cost today';
}
