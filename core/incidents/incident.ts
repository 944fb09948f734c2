import type { Severity } from '../routing/severity';

export type { Severity };

/** What kind of incident: an operational one, or one of the handover's security incident types. */
export type IncidentType = 'operational' | 'data-breach' | 'compromised-credentials' | 'malware' | 'ddos';

/** The security incident types: each pages the security team at once and carries the response checklist. */
export const securityIncidentTypes: readonly IncidentType[] = [
  'data-breach',
  'compromised-credentials',
  'malware',
  'ddos',
];

/**
 * Where an incident is: `declared` (waiting for its first tier to acknowledge), `escalated` (moved up
 * and waiting for the new tier), `acknowledged` (someone has it; timers stopped), `resolved`.
 */
export type IncidentState = 'declared' | 'acknowledged' | 'escalated' | 'resolved';

/** A person as the incident records them: Entra object id and display name. */
export interface IncidentPerson {
  id: string;
  name: string;
}

/** Someone engaged in an incident, and why: `declarer`, `owner`, a tier id, or `security`. */
export interface EngagedPerson extends IncidentPerson {
  as: string;
}

/** An incident as stored. Instants come from the injected clock. */
export interface Incident {
  /** `INC-0001` style, from `number`. */
  id: string;
  number: number;
  summary: string;
  severity: Severity;
  type: IncidentType;
  state: IncidentState;
  /** Who has it: the declarer until someone acknowledges. */
  owner: IncidentPerson;
  declaredBy: IncidentPerson;
  /** The conversation it was declared in; escalation posts and card updates go there. */
  conversationId: string;
  /** The message that shows the incident card, updated in place; absent until the bot posted it. */
  cardActivityId?: string;
  /** Index into the escalation path, and that tier's id. */
  tierIndex: number;
  tier: string;
  engaged: EngagedPerson[];
  declaredAt: Date;
  updatedAt: Date;
  /** When the first response is due, from the severity matrix. */
  responseDueAt: Date;
  /** The first acknowledgement. */
  respondedAt?: Date;
  /** When the current tier's timer moves it up; absent once acknowledged, resolved or at the top. */
  nextEscalationAt?: Date;
  resolvedAt?: Date;
  resolution?: string;
  /** Ids the outside world gave it, e.g. `servicenow` → `INC0010023`. */
  externalRefs: Record<string, string>;
  /** Bumped by every state change; the compare-and-set token. */
  version: number;
}

/** What the timeline records. */
export type TimelineKind =
  | 'declared'
  | 'acknowledged'
  | 'escalated'
  | 'notified'
  | 'notification-failed'
  | 'note'
  | 'severity-changed'
  /** The Azure Monitor alert it was declared from: the declaration, and the alert's resolution. */
  | 'alert'
  | 'resolved';

/** One line of an incident's timeline, for the card and the post-incident review. */
export interface TimelineEntry {
  at: Date;
  kind: TimelineKind;
  /** Absent for the system (timers, notifiers). */
  actor?: IncidentPerson;
  text: string;
  /** Ids and small facts, e.g. `{ tier: 'L2', channel: 'on-call' }`; never secret values. */
  data?: Record<string, unknown>;
}

/** `7` → `INC-0007`. */
export function formatIncidentId(number: number): string {
  return `INC-${String(number).padStart(4, '0')}`;
}

/** True while the incident is waiting for an acknowledgement, i.e. while its timers run. */
export function isAwaitingAck(incident: Pick<Incident, 'state'>): boolean {
  return incident.state === 'declared' || incident.state === 'escalated';
}

export function isSecurityType(type: IncidentType): boolean {
  return securityIncidentTypes.includes(type);
}
