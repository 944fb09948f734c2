import type { AlertCard, AlertCardStore } from '../../core/alerts/alert-card';
import type { MonitorAlert } from '../../core/alerts/monitor-alert';
import { ErrorCodes, UserFacingError } from '../../core/errors';
import type { Incident, TimelineEntry } from '../../core/incidents/incident';
import type { IncidentStore } from '../../core/incidents/incident-store';
import type { Logger } from '../../core/logger';
import type { IncidentChat } from './incident-chat';

/** Longest summary an alert card's declare button carries (the command is cut at 300 characters). */
const maxDeclaredSummary = 289;

/** What an alert card's "Declare incident" button declares: the rule, and the resources it fired on. */
export function alertSummary(alert: Pick<MonitorAlert, 'rule' | 'resources'>): string {
  const where = alert.resources.length ? ` on ${alert.resources.join(', ')}` : '';
  return `${alert.rule}${where}`.slice(0, maxDeclaredSummary);
}

const normalized = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** What the alert links need; the desk passes its own dependencies. */
export interface AlertLinkDeps {
  alerts: AlertCardStore;
  store: IncidentStore;
  chat?: IncidentChat;
  logger: Logger;
  /** Renders the alert card's message as it should now look (from `alert-intake`). */
  render: (card: AlertCard) => Parameters<IncidentChat['update']>[2];
}

/**
 * The firing alert card of `conversationId` whose declare button carries exactly `summary`, if
 * any: a declaration confirmed from an alert card (or typed with the same words) is that alert's
 * incident. A card whose incident is still open refuses a second declaration, so that two people
 * pressing "Declare" on one alert at 3 a.m. open one incident, not two.
 */
export async function alertDeclaredFrom(
  deps: AlertLinkDeps,
  conversationId: string,
  summary: string,
): Promise<AlertCard | undefined> {
  const wanted = normalized(summary);
  const card = (await deps.alerts.listFiring()).find(
    (c) => c.conversationId === conversationId && normalized(alertSummary(c)) === wanted,
  );
  if (!card?.incidentId) return card;
  const existing = await deps.store.get(card.incidentId);
  if (existing && existing.state !== 'resolved') {
    throw new UserFacingError(
      ErrorCodes.notAllowed,
      `The alert "${card.rule}" is already ${existing.id} (${existing.severity}, ${existing.state}, owner ${existing.owner.name}); ` +
        `nothing new was declared. Acknowledge it or add a note there (\`note ${existing.id} …\`).`,
    );
  }
  return card;
}

/** The timeline line of a declaration from an alert card. */
export function declaredFromAlertEntry(card: AlertCard, at: Date): TimelineEntry {
  const times =
    card.firedIds.length > 1
      ? `, fired ${card.firedIds.length} times since ${hhmm(card.firstFiredAt)} UTC`
      : '';
  return {
    at,
    kind: 'alert',
    text: `Declared from the Azure Monitor alert "${alertSummary(card)}" (${card.severity}${times})`,
    data: { alertCard: card.id, rule: card.rule },
  };
}

/** What linking an alert card to a new incident came to. */
export type LinkOutcome =
  | { linked: true }
  /** Another open incident was linked to the card a moment earlier (two presses on one alert). */
  | { linked: false; to: Incident };

/**
 * Claims the alert card for `incident` (`incidentId`, compare-and-set) and redraws it: it names the
 * incident and no longer offers to declare one. Called before anyone is paged: when another open
 * incident claimed the card first, the caller closes its own as a duplicate instead. A card that
 * keeps changing under repeats, or a store that fails, leaves the card unlinked (logged): the
 * incident itself stands and is paged, never lost for the sake of a link.
 */
export async function linkAlert(
  deps: AlertLinkDeps,
  card: AlertCard,
  incident: Incident,
): Promise<LinkOutcome> {
  try {
    let current: AlertCard | undefined = card;
    for (let attempt = 0; current && attempt < 5; attempt++) {
      if (current.incidentId && current.incidentId !== incident.id) {
        const other = await deps.store.get(current.incidentId);
        if (other && other.state !== 'resolved') return { linked: false, to: other };
      }
      const saved = await deps.alerts.update(current.id, current.version, { incidentId: incident.id });
      if (saved) {
        if (saved.activityId && deps.chat)
          await deps.chat.update(saved.conversationId, saved.activityId, deps.render(saved));
        return { linked: true };
      }
      current = await deps.alerts.findByAlertId(current.firedIds[0]);
    }
    deps.logger.warn(
      { incidentId: incident.id, alertCard: card.id },
      'the alert card kept changing; not linked',
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, incidentId: incident.id },
      'could not link the alert card to its incident',
    );
  }
  return { linked: true };
}

/**
 * The incident of a still-firing alert card was resolved: the card lets go of it and offers to
 * declare again, naming the resolved one. Best effort, like the link itself.
 */
export async function releaseAlert(deps: AlertLinkDeps, incident: Incident): Promise<void> {
  const alertId = incident.externalRefs['azure-monitor'];
  if (!alertId) return;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const card = await deps.alerts.findByAlertId(alertId);
      if (!card || card.state !== 'firing' || card.incidentId !== incident.id) return;
      const saved = await deps.alerts.update(card.id, card.version, {
        incidentId: undefined,
        resolvedIncidentId: incident.id,
      });
      if (!saved) continue;
      if (saved.activityId && deps.chat)
        await deps.chat.update(saved.conversationId, saved.activityId, deps.render(saved));
      return;
    }
  } catch (error) {
    deps.logger.warn({ err: error, incidentId: incident.id }, 'could not release the alert card');
  }
}

/** The timeline line when the alert an incident was declared from has resolved in Azure Monitor. */
export function alertResolvedEntry(card: AlertCard, at: Date): TimelineEntry {
  return {
    at,
    kind: 'alert',
    text: `The Azure Monitor alert "${alertSummary(card)}" resolved${card.resolvedAt ? ` at ${hhmm(card.resolvedAt)} UTC` : ''}`,
    data: { alertCard: card.id, rule: card.rule },
  };
}

function hhmm(at: Date): string {
  return at.toISOString().slice(11, 16);
}
