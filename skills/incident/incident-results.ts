import type { IncidentState, IncidentType, Severity } from '../../core/incidents/incident';

/** An incident as a card shows it: plain values, instants as ISO strings. */
export interface IncidentView {
  id: string;
  summary: string;
  severity: Severity;
  /** "Critical", "High", … from the matrix. */
  severityName: string;
  type: IncidentType;
  typeLabel: string;
  state: IncidentState;
  owner: string;
  declaredBy: string;
  declaredAt: string;
  tier: { id: string; name: string; contact: string; offHours: boolean };
  /** "Alex Wilber (L2)", … */
  engaged: string[];
  response: {
    dueAt: string;
    respondedAt?: string;
    /** `due`: not yet; `overdue`: past due, nobody answered; `met` / `missed`: answered in time / late. */
    status: 'due' | 'overdue' | 'met' | 'missed';
  };
  /** Absent once acknowledged or resolved, or at the top of the path. */
  nextEscalation?: { at: string; tierName: string };
  lastUpdate: { at: string; text: string };
  /** e.g. "ServiceNow INC0010001". */
  references: string[];
  /** Notifications that failed and have not gone through since, e.g. "PagerDuty (L2): answered 500; retrying". */
  failingNotifications: string[];
  /** The handover's response steps, for security incidents only. */
  securitySteps?: readonly string[];
  resolvedAt?: string;
  resolution?: string;
  /** Change requests raised through opsbot while it is open: "CHG-00012 Scale … (completed)", oldest first. */
  changes?: string[];
}

/** One incident: declared, changed or resolved (with its timeline). */
export interface IncidentResult {
  view: 'incident';
  /** What just happened, e.g. "Declared", "Acknowledged by Alex Wilber". */
  headline: string;
  incident: IncidentView;
  /** Present when the timeline is part of the answer (resolve). */
  timeline?: { at: string; text: string }[];
  suggestions?: { label: string; command: string }[];
}

/** The open incidents. */
export interface IncidentListResult {
  view: 'incident.list';
  incidents: IncidentView[];
}

/** An Azure Monitor alert that reached `POST /api/alerts`, with what to do about it. */
export interface MonitorAlertResult {
  view: 'monitor-alert';
  rule: string;
  alertSeverity: string;
  condition: 'Fired' | 'Resolved';
  resources: string[];
  firedAt: string;
  /** How many alerts of the rule on these resources fired into this card (repeats fold into one card). */
  timesFired: number;
  /** When the latest of them fired, when there is more than one. */
  lastFiredAt?: string;
  /** How many of them have resolved while others still fire. */
  timesResolved?: number;
  resolvedAt?: string;
  description?: string;
  /** The incident declared from this card, once there is one. */
  incident?: string;
  /** An incident declared from it that was resolved while the alert still fires. */
  resolvedIncident?: string;
  /** "Declare incident" (the strict declare, with the suggested severity) and "Troubleshoot". */
  suggestions: { label: string; command: string }[];
}
