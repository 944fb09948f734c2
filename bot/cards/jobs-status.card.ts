import type { JobsStatusResult } from '../../skills/status/status-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Failed jobs listed one by one; the rest are counted. */
const maxFailuresShown = 8;

/** Renders `status.jobs`: counts by status, success rate against the baseline, failures and their reasons. */
export function jobsStatusCard(result: JobsStatusResult): AdaptiveCard {
  const window = `in the last ${result.windowHours} h`;
  const body: CardElement[] = [
    k.header(
      'Training jobs',
      `${k.plural(result.total, 'job')} ${window} · checked ${k.formatTime(result.generatedAt)}`,
      {
        word: k.statusWord(result.status),
        color: k.statusColor(result.status),
      },
    ),
  ];
  if (result.simulated) body.push(k.simulatedLabel());
  const c = result.counts;
  body.push(
    k.facts([
      ['Completed', String(c.completed)],
      ['Failed', String(c.failed)],
      ['Running', String(c.running)],
      ['Queued', String(c.queued)],
      ['Canceled', String(c.canceled)],
    ]),
  );
  if (result.successRate) {
    body.push(...k.readingRow(result.successRate, `${window}, completed vs failed`));
  } else {
    body.push(
      k.text(`No job finished ${window}, so there is no success rate to compare.`, { isSubtle: true }),
    );
  }
  body.push(
    k.statusRow(
      'Failures in the last hour',
      String(result.failuresLastHour),
      result.failuresLastHour > result.failuresPerHourThreshold ? 'warning' : 'ok',
    ),
    k.text(`The alert rule fires above ${result.failuresPerHourThreshold} failures in one hour.`, {
      size: 'Small',
      isSubtle: true,
      spacing: 'None',
    }),
  );
  if (result.reasons.length) {
    body.push(
      k.text('**Why jobs failed**', { spacing: 'Medium' }),
      k.facts(result.reasons.slice(0, 10).map((r) => [k.plural(r.count, 'job'), r.reason])),
      ...(result.reasons.length > 10
        ? [
            k.text(`…and ${k.plural(result.reasons.length - 10, 'other kind')} of failure.`, {
              size: 'Small',
              isSubtle: true,
            }),
          ]
        : []),
    );
  }
  if (result.failures.length) {
    body.push(k.text('**Failed jobs, latest first**', { spacing: 'Medium' }));
    for (const f of result.failures.slice(0, maxFailuresShown)) {
      body.push(
        k.text(
          `${f.displayName} on ${f.compute}, by ${f.submittedBy}${f.endedAt ? `, failed ${k.formatTime(f.endedAt)}` : ''}: ${f.reason}`,
          { size: 'Small', spacing: 'Small' },
        ),
      );
    }
    const more = result.failures.length - maxFailuresShown;
    if (more > 0) body.push(k.text(`…and ${more} more.`, { size: 'Small', isSubtle: true }));
  } else {
    body.push(k.text(`No job failed ${window}.`, { color: 'Good' }));
  }
  return k.card(body, k.commandActions(result.nextSteps));
}
