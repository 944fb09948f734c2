import type { ChangeRequest } from '../../core/changes/change-request';
import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import type { Incident, TimelineEntry } from '../../core/incidents/incident';
import { incidentView } from './incident-view';

/** Everything the post-incident review reads about one incident. */
export interface IncidentRecord {
  incident: Incident;
  timeline: readonly TimelineEntry[];
  /** Change requests raised through opsbot while the incident was open, oldest first. */
  changes: readonly ChangeRequest[];
}

/** The changes of `all` raised between the declaration and the resolution (or `now` while open), oldest first. */
export function changesDuring(incident: Incident, all: readonly ChangeRequest[], now: Date): ChangeRequest[] {
  const end = incident.resolvedAt ?? now;
  return all
    .filter((c) => c.createdAt >= incident.declaredAt && c.createdAt <= end)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * The incident as markdown for the post-incident review: its facts, the whole timeline (declared,
 * severity, acks, escalations, notifications sent or failed, notes, resolution) and the changes made
 * through opsbot while it was open, with their `CHG-` ids. Times are UTC.
 */
export function incidentMarkdown(record: IncidentRecord, config: LandingZoneConfig, now: Date): string {
  const { incident, timeline, changes } = record;
  const view = incidentView(incident, timeline, config, now);
  const facts: [string, string][] = [
    ['State', incident.state],
    ['Severity', `${incident.severity} ${view.severityName}`],
    ['Type', view.typeLabel],
    ['Declared', `${utc(incident.declaredAt)} by ${incident.declaredBy.name}`],
    ['Owner', incident.owner.name],
    ['Response target', responseLine(view.response)],
    ['Tier reached', view.tier.name],
    ...(incident.engaged.length ? [['Engaged', view.engaged.join(', ')] as [string, string]] : []),
    ...(incident.resolvedAt
      ? [
          [
            'Resolved',
            `${utc(incident.resolvedAt)} (${duration(incident.declaredAt, incident.resolvedAt)} after the declaration)`,
          ] as [string, string],
        ]
      : []),
    ...(incident.resolution ? [['Resolution', incident.resolution] as [string, string]] : []),
    ...(view.references.length ? [['References', view.references.join(', ')] as [string, string]] : []),
  ];
  const lines = [
    `# ${incident.id} · ${incident.severity} ${view.severityName}: ${inline(incident.summary)}`,
    '',
    '| | |',
    '|---|---|',
    ...facts.map(([name, value]) => `| ${name} | ${cell(value)} |`),
    '',
    '## Timeline (UTC)',
    '',
  ];
  if (timeline.length) {
    lines.push('| Time | What | Who |', '|---|---|---|');
    for (const entry of timeline)
      lines.push(`| ${utc(entry.at)} | ${cell(entry.text)} | ${cell(entry.actor?.name ?? 'opsbot')} |`);
  } else {
    lines.push('Nothing recorded.');
  }
  lines.push('', '## Changes made through opsbot while it was open', '');
  if (changes.length) {
    lines.push('| Change | Raised | By | What | Outcome |', '|---|---|---|---|---|');
    for (const change of changes)
      lines.push(
        `| ${change.id} | ${utc(change.createdAt)} | ${cell(change.requester.name)} | ${cell(change.plan.summary)} | ${cell(changeOutcome(change))} |`,
      );
  } else {
    lines.push('None.');
  }
  lines.push('', `_Exported by opsbot at ${utc(now)}._`, '');
  return lines.join('\n');
}

function responseLine(response: ReturnType<typeof incidentView>['response']): string {
  const due = `due ${utc(new Date(response.dueAt))}`;
  if (!response.respondedAt) return `${due}, not acknowledged`;
  return `${due}, acknowledged ${utc(new Date(response.respondedAt))} (${response.status})`;
}

/** How a change request ended, or the state it is in: "succeeded: blue runs 6 instances", "pending". */
export function changeOutcome(change: ChangeRequest): string {
  if (change.outcome?.status === 'succeeded' || change.outcome?.status === 'failed')
    return `${change.outcome.status}: ${change.outcome.summary}`;
  return change.state;
}

function utc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')}`;
}

function duration(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

/** Text on one line. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text safe in a markdown table cell: one line, pipes escaped. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}
