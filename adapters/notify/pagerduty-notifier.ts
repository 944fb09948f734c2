import type { Severity } from '../../core/incidents/incident';
import type { IncidentNotification, NotificationReceipt, Notifier } from '../../core/incidents/notifier';
import { requestJson } from './json-http';

/** Settings of {@link PagerDutyNotifier}, from the environment. */
export interface PagerDutyOptions {
  /** The integration key of the Events API v2 service. Never logged. */
  routingKey: string;
  /** A separate service for the security team; the main key when absent. */
  securityRoutingKey?: string;
  /** Default `https://events.pagerduty.com/v2/enqueue`. */
  eventsUrl?: string;
  /** Shown as the event's `source`, e.g. the landing zone's name. */
  source: string;
  timeoutInMs?: number;
}

const pagerDutySeverity: Record<Severity, 'critical' | 'error' | 'warning' | 'info'> = {
  P1: 'critical',
  P2: 'error',
  P3: 'warning',
  P4: 'info',
};

/**
 * PagerDuty Events API v2: trigger, acknowledge and resolve with one `dedup_key` per incident, so
 * a repeated delivery, an acknowledgement and a resolution all land on the same PagerDuty incident.
 */
export class PagerDutyNotifier implements Notifier {
  private readonly url: string;

  constructor(private readonly options: PagerDutyOptions) {
    this.url = options.eventsUrl ?? 'https://events.pagerduty.com/v2/enqueue';
  }

  async notify(n: IncidentNotification): Promise<NotificationReceipt> {
    const dedupKey = `opsbot-${n.incidentId}`;
    const routingKey =
      n.audience === 'security'
        ? (this.options.securityRoutingKey ?? this.options.routingKey)
        : this.options.routingKey;
    const event: Record<string, unknown> = {
      routing_key: routingKey,
      event_action: n.event,
      dedup_key: dedupKey,
    };
    if (n.event === 'trigger') {
      event.payload = {
        summary: `[${n.severity}] ${n.incidentId}: ${n.summary}`.slice(0, 1024),
        source: this.options.source,
        severity: n.urgent ? 'critical' : pagerDutySeverity[n.severity],
        component: n.audienceName,
        custom_details: { incident: n.incidentId, type: n.type, tier: n.audience, contact: n.contact },
      };
    }
    await requestJson('PagerDuty', 'POST', this.url, {
      body: event,
      timeoutInMs: this.options.timeoutInMs ?? 10_000,
    });
    const done = { trigger: 'triggered', acknowledge: 'acknowledged', resolve: 'resolved' }[n.event];
    return {
      via: 'pagerduty',
      detail: `PagerDuty ${done} for ${n.audienceName} (${dedupKey})`,
      externalRefs: { pagerduty: dedupKey },
    };
  }
}
