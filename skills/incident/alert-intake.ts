import { parseMonitorAlert, severityOfAlert, type MonitorAlert } from '../../core/alerts/monitor-alert';
import type { Logger } from '../../core/logger';
import type { AuditLog, Clock } from '../../core/ports';
import type { IncidentChat } from './incident-chat';
import type { MonitorAlertResult } from './incident-results';

/** What alert intake needs; built by the composition root. */
export interface AlertIntakeOptions {
  chat: IncidentChat;
  /** The ops conversation alert cards go to; without it alerts are only recorded. */
  conversationId?: string;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
}

/** What intake answers the HTTP caller. */
export interface AlertIntakeAnswer {
  status: 202 | 400;
  body: Record<string, unknown>;
}

/** The alert card's result: what fired, where, and the declare and troubleshoot commands. */
export function monitorAlertResult(alert: MonitorAlert): MonitorAlertResult {
  const where = alert.resources.length ? ` on ${alert.resources.join(', ')}` : '';
  const result: MonitorAlertResult = {
    view: 'monitor-alert',
    rule: alert.rule,
    alertSeverity: alert.severity,
    condition: alert.condition,
    resources: alert.resources,
    firedAt: alert.firedAt.toISOString(),
    suggestions:
      alert.condition === 'Fired'
        ? [
            {
              label: 'Declare incident',
              command: `declare ${severityOfAlert(alert)} ${alert.rule}${where}`.slice(0, 300),
            },
            { label: 'Troubleshoot', command: `ask why ${alert.rule}${where}`.slice(0, 300) },
          ]
        : [],
  };
  if (alert.resolvedAt) result.resolvedAt = alert.resolvedAt.toISOString();
  if (alert.description) result.description = alert.description;
  return result;
}

/**
 * Takes an alert from `POST /api/alerts` (already authenticated): parses the common alert schema,
 * records it in the audit log and posts its card to the ops conversation. Nothing is declared:
 * the card offers the strict declare command as a button.
 */
export async function receiveAlert(body: unknown, options: AlertIntakeOptions): Promise<AlertIntakeAnswer> {
  const parsed = parseMonitorAlert(body);
  if (!parsed.ok) return { status: 400, body: { error: { status: 400, message: parsed.problem } } };
  const alert = parsed.alert;
  let posted = false;
  if (options.conversationId) {
    try {
      posted =
        (await options.chat.post(options.conversationId, {
          text: `Azure Monitor: ${alert.rule} ${alert.condition.toLowerCase()}`,
          result: monitorAlertResult(alert),
        })) !== undefined;
    } catch (error) {
      options.logger.warn({ err: error, rule: alert.rule }, 'could not post the alert card');
    }
  }
  await options.audit.append({
    at: options.clock.now(),
    correlationId: alert.alertId.slice(-64),
    actorId: 'azure-monitor',
    conversationId: options.conversationId ?? '',
    skill: 'none',
    args: {
      rule: alert.rule,
      severity: alert.severity,
      condition: alert.condition,
      resources: alert.resources,
    },
    decision: 'alert',
    outcome: posted ? 'posted' : 'recorded-only',
  });
  return { status: 202, body: { accepted: true, posted } };
}
