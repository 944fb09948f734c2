import type { ComputeStatusResult } from '../../skills/status/status-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Renders `status.compute`: state, nodes against min/max, running jobs, utilisation and quota. */
export function computeStatusCard(result: ComputeStatusResult): AdaptiveCard {
  const kind = result.kind === 'amlcompute' ? 'cluster' : 'compute instance';
  const body: CardElement[] = [
    k.header(
      `Compute ${result.compute}`,
      `${result.gpu ? 'GPU' : 'CPU'} ${kind} · checked ${k.formatTime(result.generatedAt)}`,
      { word: k.statusWord(result.status), color: k.statusColor(result.status) },
    ),
  ];
  if (result.simulated) body.push(k.simulatedLabel());
  const busy = result.utilisationPercent > result.utilisationThresholdPercent;
  body.push(
    k.facts([
      ['State', result.state],
      ['Nodes', `${result.currentNodes} now (min ${result.minNodes}, max ${result.maxNodes})`],
      ['VM size', `${result.vmSize} (${result.vmFamily})`],
      ['Running jobs', String(result.runningJobs)],
    ]),
    k.statusRow(
      'Utilisation, last hour',
      `${k.formatNumber(result.utilisationPercent, 0)}%`,
      busy ? 'warning' : 'ok',
    ),
    k.text(
      `Add nodes when ${result.gpu ? 'GPU' : 'CPU'} use stays above ${result.utilisationThresholdPercent}%.`,
      {
        size: 'Small',
        isSubtle: true,
        spacing: 'None',
      },
    ),
  );
  if (result.idle) {
    body.push(
      k.text(
        `${k.plural(result.currentNodes, 'node')} up with no job running: the ${kind} has not scaled down` +
          (result.minNodes > 0 ? ` (its minimum is ${result.minNodes}).` : '.'),
        { color: 'Warning' },
      ),
    );
  }
  if (result.quota) {
    const free = Math.max(0, result.quota.limit - result.quota.used);
    body.push(
      k.text(
        `Quota ${result.quota.family}: ${result.quota.used} of ${result.quota.limit} cores used, ${free} free.`,
        { spacing: 'Medium' },
      ),
    );
  }
  return k.card(body, k.commandActions(result.nextSteps));
}
