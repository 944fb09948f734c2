import type { IncidentNotification, NotificationReceipt, Notifier } from '../../core/incidents/notifier';

/** Which notifier takes which channel; a channel left out goes to the fallback. */
export type NotifiersByChannel = Partial<Record<IncidentNotification['channel'], Notifier>>;

/**
 * The notifier the product runs with: each notification goes to the notifier configured for its
 * channel (the on-call channel pages through PagerDuty), and to the embedded one when none is.
 */
export class ChannelNotifier implements Notifier {
  constructor(
    private readonly byChannel: NotifiersByChannel,
    private readonly fallback: Notifier,
  ) {}

  notify(notification: IncidentNotification): Promise<NotificationReceipt> {
    return (this.byChannel[notification.channel] ?? this.fallback).notify(notification);
  }
}
