import type { AlertsStatusResult } from '../../skills/status/status-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

const maxAlertsShown = 12;

const severityColor = {
  critical: 'Attention',
  error: 'Attention',
  warning: 'Warning',
  informational: 'Default',
} as const;

/** Renders `status.alerts`: each firing alert with the rule that fired, its owner and action. */
export function alertsStatusCard(result: AlertsStatusResult): AdaptiveCard {
  const body: CardElement[] = [
    k.header(
      'Firing alerts',
      `${k.plural(result.alerts.length, 'alert')} firing now · checked ${k.formatTime(result.generatedAt)}`,
      { word: k.statusWord(result.status), color: k.statusColor(result.status) },
    ),
  ];
  if (result.simulated) body.push(k.simulatedLabel());
  if (!result.alerts.length) body.push(k.text('No alert is firing.', { color: 'Good' }));
  for (const a of result.alerts.slice(0, maxAlertsShown)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'TextBlock',
          text: `${a.ruleName} on ${a.resource}`,
          weight: 'Bolder',
          wrap: true,
        },
        {
          type: 'TextBlock',
          text: `Severity: ${a.severity}`,
          color: severityColor[a.severity],
          weight: 'Bolder',
          spacing: 'None',
          wrap: true,
        },
        k.facts([
          ['Observed', a.observed],
          ['Since', k.formatTime(a.firedAt)],
          ...(a.condition ? [['Rule', a.condition] as [string, string]] : []),
          ...(a.owner
            ? [['Owner', `${a.owner}${a.action ? ` (${a.action})` : ''}`] as [string, string]]
            : []),
        ]),
      ],
    });
  }
  const more = result.alerts.length - maxAlertsShown;
  if (more > 0) body.push(k.text(`…and ${more} more.`, { size: 'Small', isSubtle: true }));
  return k.card(body, k.commandActions(result.nextSteps));
}
