import type { AuditEvent } from '../ports';
import type { PlannedNotification } from './escalation';
import type { IncidentType, Severity } from './incident';

/** One notification about one incident, as the notifier port receives it: the engine's plan plus the incident. */
export interface IncidentNotification extends PlannedNotification {
  /** The plan's key prefixed by the incident, e.g. `INC-0007:trigger:L2`; the idempotency key outside too. */
  key: string;
  incidentId: string;
  /** The skill (or timer) it comes from: `incident.declare`, `incident.escalate`, `incident.ack`, `incident.resolve`. */
  cause: string;
  severity: Severity;
  type: IncidentType;
  summary: string;
  /** Where the incident is worked; the embedded notifier posts there. */
  conversationId: string;
  /** Ids earlier notifications got (a ServiceNow record), so that this one updates the same record. */
  externalRefs: Record<string, string>;
}

/** What a delivered notification came to. */
export interface NotificationReceipt {
  /** Which notifier took it: `pagerduty`, `servicenow`, `smtp`, `embedded`. */
  via: string;
  /** One line for the timeline and the card, e.g. "ServiceNow INC0010001 created". */
  detail: string;
  /** Ids to keep with the incident, e.g. `{ servicenow: 'INC0010001' }`. */
  externalRefs?: Record<string, string>;
  /** Nothing left this machine: no notifier is configured for the channel (local mode). */
  recordedOnly?: boolean;
}

/**
 * Delivers incident notifications (PagerDuty, ServiceNow, e-mail, or the embedded default that
 * records them and shows them in chat). Throws when delivery failed; the caller retries later with
 * the same `key`, so a delivery must be safe to repeat.
 */
export interface Notifier {
  notify(notification: IncidentNotification): Promise<NotificationReceipt>;
}

/** The audit event of a notification sent, failed or only recorded. */
export function notificationAuditEvent(
  n: IncidentNotification,
  at: Date,
  outcome: 'sent' | 'failed' | 'recorded-only',
  detail: string,
): AuditEvent {
  return {
    at,
    correlationId: n.key,
    actorId: 'system',
    conversationId: n.conversationId,
    skill: n.cause,
    args: { incident: n.incidentId, audience: n.audience, channel: n.channel, event: n.event },
    decision: 'notify',
    outcome,
    detail,
  };
}
