import type { IncidentNotification } from '../../core/incidents/notifier';

/** A P1 trigger for L2 of INC-0007, as the incident desk hands it to a notifier; fields overridable. */
export function incidentNotification(overrides: Partial<IncidentNotification> = {}): IncidentNotification {
  return {
    key: 'INC-0007:trigger:L2',
    incidentId: 'INC-0007',
    cause: 'incident.declare',
    event: 'trigger',
    audience: 'L2',
    audienceName: 'L2 Cloud Ops',
    contact: 'cloud-ops@contoso.com',
    channel: 'on-call',
    urgent: true,
    offHours: false,
    severity: 'P1',
    type: 'operational',
    summary: 'fraud-detection returns 503 to everyone',
    conversationId: 'conv-7',
    externalRefs: {},
    ...overrides,
  };
}
