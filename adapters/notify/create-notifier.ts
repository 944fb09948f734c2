import type { Notifier } from '../../core/incidents/notifier';
import { ChannelNotifier, type NotifiersByChannel } from './channel-notifier';
import { EmbeddedNotifier, type EmbeddedNotifierOptions } from './embedded-notifier';
import { PagerDutyNotifier, type PagerDutyOptions } from './pagerduty-notifier';
import { ServiceNowNotifier, type ServiceNowOptions } from './servicenow-notifier';
import { SmtpNotifier, type SmtpOptions } from './smtp-notifier';

/** The real notifiers that are configured (`bot/config.ts` reads them from the environment); none in local mode by default. */
export interface NotifySettings {
  pagerDuty?: PagerDutyOptions;
  serviceNow?: ServiceNowOptions;
  smtp?: SmtpOptions;
}

/** A built notifier, with the names of the real notifiers in it for the start-up log. */
export interface BuiltNotifier {
  notifier: Notifier;
  configured: string[];
  close(): void;
}

/**
 * The product's notifier: PagerDuty takes the `pagerduty` and `on-call` channels, ServiceNow the
 * `servicenow` channel, SMTP the `email` channel, each only when configured; the embedded notifier
 * takes every channel that is not.
 */
export function createNotifier(settings: NotifySettings, embedded: EmbeddedNotifierOptions): BuiltNotifier {
  const byChannel: NotifiersByChannel = {};
  const configured: string[] = [];
  if (settings.pagerDuty) {
    const pagerDuty = new PagerDutyNotifier(settings.pagerDuty);
    byChannel.pagerduty = pagerDuty;
    byChannel['on-call'] = pagerDuty;
    configured.push('pagerduty');
  }
  if (settings.serviceNow) {
    byChannel.servicenow = new ServiceNowNotifier(settings.serviceNow);
    configured.push('servicenow');
  }
  let smtp: SmtpNotifier | undefined;
  if (settings.smtp) {
    smtp = new SmtpNotifier(settings.smtp);
    byChannel.email = smtp;
    configured.push('smtp');
  }
  return {
    notifier: new ChannelNotifier(byChannel, new EmbeddedNotifier(embedded)),
    configured,
    close: () => smtp?.close(),
  };
}
