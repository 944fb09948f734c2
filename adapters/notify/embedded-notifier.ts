import {
  notificationAuditEvent,
  type IncidentNotification,
  type NotificationReceipt,
  type Notifier,
} from '../../core/incidents/notifier';
import type { AuditLog, Clock } from '../../core/ports';

/** Options for {@link EmbeddedNotifier}. */
export interface EmbeddedNotifierOptions {
  audit: AuditLog;
  clock: Clock;
  /** Posts a line in the incident's conversation; the bot supplies it (a proactive message). */
  post?: (conversationId: string, text: string) => Promise<void>;
}

const channelNames: Record<IncidentNotification['channel'], string> = {
  servicenow: 'ServiceNow',
  pagerduty: 'PagerDuty',
  'on-call': 'on-call paging',
  email: 'e-mail',
};

/**
 * The notifier of local mode and of every channel nothing is configured for: it sends nothing,
 * records what it would have sent in the audit log, and says so in the incident's conversation.
 */
export class EmbeddedNotifier implements Notifier {
  constructor(private readonly options: EmbeddedNotifierOptions) {}

  async notify(n: IncidentNotification): Promise<NotificationReceipt> {
    const what = { trigger: 'about', acknowledge: 'that someone acknowledged', resolve: 'that it resolved' }[
      n.event
    ];
    const channel = channelNames[n.channel];
    const detail =
      `Would notify ${n.audienceName} (${n.contact}) by ${channel} ${what} ${n.incidentId}` +
      `${n.urgent ? ', as a page' : ''}${n.offHours ? ', outside their hours' : ''}` +
      ` (recorded only: no notifier is configured for ${channel}).`;
    await this.options.audit.append(
      notificationAuditEvent(n, this.options.clock.now(), 'recorded-only', detail),
    );
    await this.options.post?.(n.conversationId, detail);
    return { via: 'embedded', detail, recordedOnly: true };
  }
}
