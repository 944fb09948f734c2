import type { EndpointStatusResult } from '../../skills/status/status-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

/** Renders `status.endpoint`: latency and availability against the baselines, deployments, traffic split. */
export function endpointStatusCard(result: EndpointStatusResult): AdaptiveCard {
  const window = k.formatWindowMinutes(result.windowMinutes);
  const body: CardElement[] = [
    k.header(
      `Endpoint ${result.endpoint}`,
      `State ${result.state} · checked ${k.formatTime(result.generatedAt)}`,
      {
        word: k.levelWord(result.level),
        color: k.levelColor(result.level),
      },
    ),
  ];
  if (result.simulated) body.push(k.simulatedLabel());
  body.push(
    k.text(`**Requests ${window}**`, { spacing: 'Medium' }),
    ...k.readingRow(result.latency, window),
    ...k.readingRow(result.availability, window),
    k.facts([
      ['Error rate', `${k.formatNumber(result.errorRatePercent)}% ${window}`],
      ['HTTP 503', `${k.plural(result.http503Count, 'response')} ${window}`],
      ['Throughput', `${k.formatNumber(result.requestsPerMinute, 0)} requests per minute`],
    ]),
    k.text('**Deployments**', { spacing: 'Medium' }),
    k.facts(
      result.deployments.map((d) => [
        d.name,
        `${k.plural(d.instanceCount, 'instance')} of ${d.vmSize}, ${k.formatNumber(d.trafficPercent)}% of traffic, ${d.state}`,
      ]),
    ),
  );
  if (result.autoscale) {
    body.push(
      k.text(
        `Autoscale keeps between ${result.autoscale.minInstances} and ${result.autoscale.maxInstances} instances.`,
        {
          size: 'Small',
          isSubtle: true,
        },
      ),
    );
  }
  if (result.alerts.length) {
    body.push(
      k.text('**Alerts firing on this endpoint**', { spacing: 'Medium' }),
      ...result.alerts.map((a) =>
        k.text(`${a.ruleName} (${a.severity}): ${a.observed}, since ${k.formatTime(a.firedAt)}`, {
          color: 'Attention',
        }),
      ),
    );
  }
  body.push(
    k.text(`Scoring URI: ${result.scoringUri}`, { size: 'Small', isSubtle: true, spacing: 'Medium' }),
  );
  return k.card(body, k.commandActions(result.nextSteps));
}
