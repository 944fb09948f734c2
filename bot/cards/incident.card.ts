import type { IncidentResult, IncidentView } from '../../skills/incident/incident-results';
import type { AdaptiveCard, CardElement } from './adaptive-card';
import { cardKit as k } from './card-kit';

const maxTimelineShown = 25;
const maxChangesShown = 10;

const stateBadge: Record<IncidentView['state'], { word: string; color: string }> = {
  declared: { word: 'Waiting for ack', color: 'Attention' },
  escalated: { word: 'Escalated', color: 'Attention' },
  acknowledged: { word: 'Acknowledged', color: 'Warning' },
  resolved: { word: 'Resolved', color: 'Good' },
};

const severityColor: Record<IncidentView['severity'], string> = {
  P1: 'Attention',
  P2: 'Warning',
  P3: 'Accent',
  P4: 'Default',
};

/**
 * Renders one incident: state, severity, tier (and whether it is off hours for it), who is engaged,
 * the response target, the next escalation, the last update and failing notifications; a security
 * incident carries the response checklist, a resolution its timeline.
 */
export function incidentCard(result: IncidentResult): AdaptiveCard {
  const i = result.incident;
  const body: CardElement[] = [
    k.header(`${i.id} · ${i.severity} ${i.severityName}`, result.headline, stateBadge[i.state]),
    k.text(i.summary, { weight: 'Bolder', color: severityColor[i.severity] }),
    k.facts([
      ['Type', i.typeLabel],
      ['Tier', `${i.tier.name} (${i.tier.contact})${i.tier.offHours ? ' · off hours for this tier' : ''}`],
      ['Owner', i.owner],
      ['Engaged', i.engaged.join(', ') || 'nobody yet'],
      ['Response', responseText(i)],
      ['Next escalation', nextEscalationText(i)],
      ['Last update', `${k.formatTime(i.lastUpdate.at)}: ${i.lastUpdate.text}`],
      ...(i.references.length ? [['References', i.references.join(', ')] as [string, string]] : []),
      ...(i.resolution ? [['Resolution', i.resolution] as [string, string]] : []),
    ]),
  ];
  if (i.failingNotifications.length) {
    body.push({
      type: 'Container',
      style: 'attention',
      items: [
        k.text('**Notifications failing**', { size: 'Small' }),
        ...i.failingNotifications.map((line) => k.text(line, { size: 'Small', spacing: 'None' })),
      ],
    });
  }
  if (i.securitySteps) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        k.text('**Security response checklist**'),
        ...i.securitySteps.map((step, n) => k.text(`☐ ${n + 1}. ${step}`, { spacing: 'None' })),
      ],
    });
  }
  // The resolved card's timeline lists the changes in time order; an open one lists them here.
  if (i.changes?.length && !result.timeline?.length) {
    const shown = i.changes.slice(-maxChangesShown);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        k.text(`**Changes through opsbot while open** (${i.changes.length})`, { size: 'Small' }),
        ...shown.map((line) => k.text(line, { size: 'Small', spacing: 'None' })),
      ],
    });
  }
  if (result.timeline?.length) {
    const shown = result.timeline.slice(-maxTimelineShown);
    body.push({
      type: 'Container',
      separator: true,
      items: [
        k.text('**Timeline**'),
        ...(result.timeline.length > shown.length
          ? [
              k.text(`(${result.timeline.length - shown.length} earlier entries not shown)`, {
                isSubtle: true,
                size: 'Small',
              }),
            ]
          : []),
        ...shown.map((e) => k.text(`${k.formatTime(e.at)} · ${e.text}`, { size: 'Small', spacing: 'None' })),
      ],
    });
  }
  return k.card(body, k.commandActions(result.suggestions ?? []));
}

function responseText(i: IncidentView): string {
  const due = k.formatTime(i.response.dueAt);
  const immediate = i.response.dueAt === i.declaredAt;
  const target = immediate ? 'immediate' : `by ${due}`;
  if (!i.response.respondedAt) return i.response.status === 'overdue' ? `${target}, overdue` : target;
  const after = Math.round((Date.parse(i.response.respondedAt) - Date.parse(i.declaredAt)) / 60_000);
  const answered = `answered after ${after} min`;
  if (immediate) return `${target}, ${answered}`;
  return `${target}, ${answered} (${i.response.status === 'met' ? 'met' : 'missed'})`;
}

function nextEscalationText(i: IncidentView): string {
  if (i.nextEscalation)
    return `${k.formatTime(i.nextEscalation.at)} to ${i.nextEscalation.tierName} unless acknowledged`;
  if (i.state === 'resolved') return 'none (resolved)';
  if (i.state === 'acknowledged') return 'none (acknowledged)';
  return 'none (top of the escalation path)';
}
