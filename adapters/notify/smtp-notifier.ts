import nodemailer, { type Transporter } from 'nodemailer';
import type { IncidentNotification, NotificationReceipt, Notifier } from '../../core/incidents/notifier';
import { NotifierError } from './notifier-error';

/** Settings of {@link SmtpNotifier}, from the environment. */
export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  /** Never logged. */
  password?: string;
  from: string;
  timeoutInMs?: number;
  /** Accept a self-signed server certificate (a test or relay on this machine). */
  allowSelfSigned?: boolean;
}

/**
 * E-mail through an SMTP relay with nodemailer, for the tiers whose channel is e-mail. The message id
 * is derived from the notification key, so a repeated delivery can be recognised as the same mail.
 */
export class SmtpNotifier implements Notifier {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    const timeout = options.timeoutInMs ?? 10_000;
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      tls: options.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
    });
  }

  async notify(n: IncidentNotification): Promise<NotificationReceipt> {
    const verb = { trigger: 'needs', acknowledge: 'acknowledged by', resolve: 'resolved for' }[n.event];
    const subject = `[${n.severity}] ${n.incidentId} ${verb} ${n.audienceName}: ${n.summary}`.slice(0, 200);
    const lines = [
      `${n.incidentId} (${n.severity}, ${n.type}) ${n.event === 'trigger' ? 'has been escalated to' : 'update for'} ${n.audienceName}.`,
      '',
      `Summary: ${n.summary}`,
      n.offHours ? 'This reaches you outside your business hours.' : '',
      'Acknowledge in the incident conversation in Teams with "ack ' + n.incidentId + '".',
    ].filter((line, i, all) => line || all[i - 1]);
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: n.contact,
        subject,
        text: lines.join('\n'),
        messageId: `<${n.key.replace(/[^\w.-]/g, '.')}@opsbot>`,
        priority: n.urgent ? 'high' : 'normal',
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      throw new NotifierError('SMTP', `mail to ${n.contact} failed: ${(error as Error).message}`, code, {
        cause: error,
      });
    }
    return { via: 'smtp', detail: `E-mail sent to ${n.contact}` };
  }

  close(): void {
    this.transport.close();
  }
}
