import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { escalationPolicyOf, isOffHours } from '../../core/incidents/escalation';
import { isSecurityType, type Incident, type TimelineEntry } from '../../core/incidents/incident';
import { incidentTypeLabels, securityResponseSteps } from '../../core/incidents/security-response';
import type { IncidentView } from './incident-results';

const refLabels: Record<string, string> = {
  servicenow: 'ServiceNow',
  pagerduty: 'PagerDuty',
  'azure-monitor': 'Azure Monitor alert',
};

/** The card's view of an incident at `now`, with what its timeline says about notifications. */
export function incidentView(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  config: LandingZoneConfig,
  now: Date,
): IncidentView {
  const policy = escalationPolicyOf(config);
  const tier = config.escalationPath[incident.tierIndex];
  const next = config.escalationPath[incident.tierIndex + 1];
  const last = timeline.at(-1);
  const view: IncidentView = {
    id: incident.id,
    summary: incident.summary,
    severity: incident.severity,
    severityName: config.severities.find((s) => s.id === incident.severity)?.name ?? incident.severity,
    type: incident.type,
    typeLabel: incidentTypeLabels[incident.type],
    state: incident.state,
    owner: incident.owner.name,
    declaredBy: incident.declaredBy.name,
    declaredAt: incident.declaredAt.toISOString(),
    tier: {
      id: incident.tier,
      name: tier?.name ?? incident.tier,
      contact: tier?.contact ?? '',
      offHours: tier ? isOffHours(policy, tier.availability, reachedAt(incident, timeline)) : false,
    },
    engaged: incident.engaged.map((p) => `${p.name} (${p.as})`),
    response: responseOf(incident, now),
    lastUpdate: last
      ? { at: last.at.toISOString(), text: last.text }
      : { at: incident.updatedAt.toISOString(), text: 'Declared' },
    references: Object.entries(incident.externalRefs)
      .filter(([name]) => refLabels[name])
      // An Azure Monitor alert id is an ARM path; its last segment is what the portal shows.
      .map(
        ([name, value]) => `${refLabels[name]} ${name === 'azure-monitor' ? value.split('/').pop() : value}`,
      ),
    failingNotifications: failing(timeline),
  };
  if (incident.nextEscalationAt && next) {
    view.nextEscalation = { at: incident.nextEscalationAt.toISOString(), tierName: next.name };
  }
  if (isSecurityType(incident.type)) view.securitySteps = securityResponseSteps;
  if (incident.resolvedAt) view.resolvedAt = incident.resolvedAt.toISOString();
  if (incident.resolution) view.resolution = incident.resolution;
  return view;
}

function responseOf(incident: Incident, now: Date): IncidentView['response'] {
  const dueAt = incident.responseDueAt;
  const response: IncidentView['response'] = { dueAt: dueAt.toISOString(), status: 'due' };
  if (incident.respondedAt) {
    response.respondedAt = incident.respondedAt.toISOString();
    response.status = incident.respondedAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
  } else if (now.getTime() > dueAt.getTime()) {
    response.status = 'overdue';
  }
  return response;
}

/** When the incident reached its current tier: the last escalation, or the declaration. */
function reachedAt(incident: Incident, timeline: readonly TimelineEntry[]): Date {
  return timeline.filter((e) => e.kind === 'escalated').at(-1)?.at ?? incident.declaredAt;
}

/** Notifications whose last word is a failure. */
function failing(timeline: readonly TimelineEntry[]): string[] {
  const last = new Map<string, TimelineEntry>();
  for (const entry of timeline) {
    const key = entry.data?.key;
    if (typeof key === 'string' && (entry.kind === 'notified' || entry.kind === 'notification-failed')) {
      last.set(key, entry);
    }
  }
  return [...last.values()].filter((e) => e.kind === 'notification-failed').map((e) => e.text);
}
