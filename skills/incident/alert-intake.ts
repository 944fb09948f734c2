import { alertFoldKey, type AlertCard, type AlertCardStore } from '../../core/alerts/alert-card';
import { parseMonitorAlert, severityOfAlert, type MonitorAlert } from '../../core/alerts/monitor-alert';
import type { Logger } from '../../core/logger';
import type { AuditLog, Clock } from '../../core/ports';
import { alertSummary } from './alert-link';
import type { IncidentChat } from './incident-chat';
import type { MonitorAlertResult } from './incident-results';

/** What alert intake needs; built by the composition root. */
export interface AlertIntakeOptions {
  chat: IncidentChat;
  /** The ops conversation alert cards go to; without it alerts are only recorded. */
  conversationId?: string;
  /** Where alert cards are kept, so that repeats fold into one card; without it every alert gets its own. */
  cards?: AlertCardStore;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Told when a card that an incident was declared from turns resolved (the incident's timeline records it). */
  onIncidentAlertResolved?: (card: AlertCard) => Promise<void>;
}

/** What intake answers the HTTP caller. */
export interface AlertIntakeAnswer {
  status: 202 | 400;
  body: Record<string, unknown>;
}

/**
 * What became of one alert: a new card was `posted`, it was `folded` into the firing card of the
 * same rule and resources, it `resolved` (part of) a card, it was a `duplicate` of an alert already
 * taken (Azure Monitor retries a webhook it thinks failed), or it was only `recorded`.
 */
type Outcome = 'posted' | 'folded' | 'resolved' | 'duplicate' | 'recorded';

/** How often intake retries when another instance changed the same card at the same moment. */
const foldAttempts = 5;

/** The alert card's result for one alert that is not folded with others. */
export function monitorAlertResult(alert: MonitorAlert): MonitorAlertResult {
  return {
    view: 'monitor-alert',
    rule: alert.rule,
    alertSeverity: alert.severity,
    condition: alert.condition,
    resources: alert.resources,
    firedAt: alert.firedAt.toISOString(),
    timesFired: 1,
    suggestions: alert.condition === 'Fired' ? suggestionsFor(alert) : [],
    ...(alert.resolvedAt ? { resolvedAt: alert.resolvedAt.toISOString() } : {}),
    ...(alert.description ? { description: alert.description } : {}),
  };
}

/** The card's result for the alerts folded into one card: how often it fired, how many resolved. */
export function alertCardResult(card: AlertCard): MonitorAlertResult {
  const firing = card.state === 'firing';
  return {
    view: 'monitor-alert',
    rule: card.rule,
    alertSeverity: card.severity,
    condition: firing ? 'Fired' : 'Resolved',
    resources: card.resources,
    firedAt: card.firstFiredAt.toISOString(),
    timesFired: card.firedIds.length,
    ...(card.firedIds.length > 1 ? { lastFiredAt: card.lastFiredAt.toISOString() } : {}),
    ...(firing && card.resolvedIds.length ? { timesResolved: card.resolvedIds.length } : {}),
    suggestions: firing ? suggestionsFor(card, card.incidentId) : [],
    ...(card.resolvedAt ? { resolvedAt: card.resolvedAt.toISOString() } : {}),
    ...(card.description ? { description: card.description } : {}),
    ...(card.incidentId ? { incident: card.incidentId } : {}),
    ...(card.resolvedIncidentId && !card.incidentId ? { resolvedIncident: card.resolvedIncidentId } : {}),
  };
}

/** "Declare incident" (or, once declared, the open incidents) and "Troubleshoot". */
function suggestionsFor(alert: Pick<MonitorAlert, 'rule' | 'resources' | 'severity'>, incidentId?: string) {
  const summary = alertSummary(alert);
  return [
    incidentId
      ? { label: `Open incidents (${incidentId})`, command: 'incidents' }
      : { label: 'Declare incident', command: `declare ${severityOfAlert(alert)} ${summary}` },
    { label: 'Troubleshoot', command: `ask why ${summary}`.slice(0, 300) },
  ];
}

/**
 * Takes an alert from `POST /api/alerts` (already authenticated): parses the common alert schema,
 * posts its card to the ops conversation — or folds it into the card of the same rule and resources
 * that is still firing, counting it, and turns that card resolved when all its alerts have resolved —
 * and records it in the audit log. Nothing is declared: the card offers the declare command as a button.
 */
export async function receiveAlert(body: unknown, options: AlertIntakeOptions): Promise<AlertIntakeAnswer> {
  const parsed = parseMonitorAlert(body);
  if (!parsed.ok) return { status: 400, body: { error: { status: 400, message: parsed.problem } } };
  const alert = parsed.alert;
  let outcome: Outcome = 'recorded';
  let count = 1;
  if (options.conversationId) {
    try {
      const taken =
        options.cards !== undefined
          ? await fold(alert, options.conversationId, options.cards, options)
          : {
              outcome: (await postAlone(alert, options.conversationId, options)) ? 'posted' : 'recorded',
              count: 1,
            };
      outcome = taken.outcome as Outcome;
      count = taken.count;
    } catch (error) {
      options.logger.warn({ err: error, rule: alert.rule }, 'could not post or fold the alert card');
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
      ...(count > 1 ? { timesFired: count } : {}),
    },
    decision: 'alert',
    outcome: outcome === 'recorded' ? 'recorded-only' : outcome,
  });
  return {
    status: 202,
    body: {
      accepted: true,
      posted: outcome === 'posted',
      card: outcome,
      ...(count > 1 ? { timesFired: count } : {}),
    },
  };
}

async function postAlone(alert: MonitorAlert, conversationId: string, options: AlertIntakeOptions) {
  return options.chat.post(conversationId, {
    text: `Azure Monitor: ${alert.rule} ${alert.condition.toLowerCase()}`,
    result: monitorAlertResult(alert),
  });
}

async function fold(
  alert: MonitorAlert,
  conversationId: string,
  cards: AlertCardStore,
  options: AlertIntakeOptions,
): Promise<{ outcome: Outcome; count: number }> {
  const foldKey = alertFoldKey(alert);
  for (let attempt = 1; attempt <= foldAttempts; attempt++) {
    const known = await cards.findByAlertId(alert.alertId);
    if (alert.condition === 'Resolved') {
      if (!known) {
        // Resolved without a card of ours (it fired before intake was set up): show it on its own.
        return {
          outcome: (await postAlone(alert, conversationId, options)) ? 'posted' : 'recorded',
          count: 1,
        };
      }
      if (known.resolvedIds.includes(alert.alertId))
        return { outcome: 'duplicate', count: known.firedIds.length };
      const resolvedIds = [...known.resolvedIds, alert.alertId];
      const allResolved = known.firedIds.every((id) => resolvedIds.includes(id));
      const next = await cards.update(known.id, known.version, {
        resolvedIds,
        ...(allResolved ? { state: 'resolved', resolvedAt: alert.resolvedAt ?? options.clock.now() } : {}),
      });
      if (!next) continue;
      await show(next, options);
      if (allResolved && next.incidentId) await tellIncident(next, options);
      return { outcome: 'resolved', count: next.firedIds.length };
    }
    if (known) return { outcome: 'duplicate', count: known.firedIds.length };
    const firing = await cards.findFiring(foldKey);
    if (firing) {
      const next = await cards.update(firing.id, firing.version, {
        firedIds: [...firing.firedIds, alert.alertId],
        lastFiredAt: alert.firedAt > firing.lastFiredAt ? alert.firedAt : firing.lastFiredAt,
        severity: alert.severity,
        ...(alert.description ? { description: alert.description } : {}),
      });
      if (!next) continue;
      await show(next, options);
      return { outcome: 'folded', count: next.firedIds.length };
    }
    const created = await cards.create({
      foldKey,
      state: 'firing',
      rule: alert.rule,
      severity: alert.severity,
      resources: alert.resources,
      ...(alert.description ? { description: alert.description } : {}),
      conversationId,
      firedIds: [alert.alertId],
      resolvedIds: [],
      firstFiredAt: alert.firedAt,
      lastFiredAt: alert.firedAt,
    });
    if (!created) continue; // another instance created the card a moment ago: fold into it
    const posted = await show(created, options);
    return { outcome: posted ? 'posted' : 'recorded', count: 1 };
  }
  throw new Error(`The alert card for "${alert.rule}" kept changing under ${foldAttempts} attempts.`);
}

async function tellIncident(card: AlertCard, options: AlertIntakeOptions): Promise<void> {
  try {
    await options.onIncidentAlertResolved?.(card);
  } catch (error) {
    options.logger.warn(
      { err: error, incidentId: card.incidentId },
      'could not tell the incident its alert resolved',
    );
  }
}

/**
 * Posts a card that has no message yet, or updates its message in place. A card that changed while
 * its first post was under way is updated once more, so the message ends showing the latest count.
 */
async function show(card: AlertCard, options: AlertIntakeOptions): Promise<boolean> {
  const text = `Azure Monitor: ${card.rule} ${card.state === 'firing' ? 'fired' : 'resolved'}`;
  if (card.activityId)
    return options.chat.update(card.conversationId, card.activityId, alertCardResult(card));
  const activityId = await options.chat.post(card.conversationId, { text, result: alertCardResult(card) });
  if (!activityId || !options.cards) return activityId !== undefined;
  let current: AlertCard | undefined = card;
  for (let attempt = 1; current && attempt <= foldAttempts; attempt++) {
    const saved = await options.cards.update(current.id, current.version, { activityId });
    if (saved) {
      if (saved.version !== card.version + 1)
        await options.chat.update(saved.conversationId, activityId, alertCardResult(saved));
      return true;
    }
    current = await options.cards.findByAlertId(card.firedIds[0]);
  }
  return true;
}
