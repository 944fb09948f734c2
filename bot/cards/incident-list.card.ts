import type { IncidentListResult } from '../../skills/incident/incident-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

const maxShown = 10;

/** Renders `incident.list`: each open incident with severity, state, tier, owner and the next escalation. */
export function incidentListCard(result: IncidentListResult): AdaptiveCard {
  const body: CardElement[] = [
    k.header('Open incidents', k.plural(result.incidents.length, 'incident') + ' open'),
  ];
  if (!result.incidents.length) body.push(k.text('No incident is open.', { color: 'Good' }));
  for (const i of result.incidents.slice(0, maxShown)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        k.text(`${i.id} · ${i.severity} · ${i.summary}`, { weight: 'Bolder' }),
        k.facts([
          ['State', `${i.state} at ${i.tier.name}${i.tier.offHours ? ' (off hours)' : ''}`],
          ['Owner', i.owner],
          ...(i.nextEscalation
            ? [
                [
                  'Next escalation',
                  `${k.formatTime(i.nextEscalation.at)} to ${i.nextEscalation.tierName}`,
                ] as [string, string],
              ]
            : []),
        ]),
      ],
    });
  }
  const more = result.incidents.length - maxShown;
  if (more > 0) body.push(k.text(`…and ${more} more.`, { size: 'Small', isSubtle: true }));
  const awaiting = result.incidents.filter((i) => i.state === 'declared' || i.state === 'escalated');
  return k.card(
    body,
    k.commandActions(awaiting.slice(0, 3).map((i) => ({ label: `Ack ${i.id}`, command: `ack ${i.id}` }))),
  );
}
