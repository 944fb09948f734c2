import type { LandingZoneConfig } from '../../core/config/landing-zone.schema';
import { ErrorCodes, UserFacingError } from '../../core/errors';
import {
  escalationPolicyOf,
  type EscalationPolicy,
  type PlannedNotification,
} from '../../core/incidents/escalation';
import type { Incident, IncidentPerson, IncidentType, Severity } from '../../core/incidents/incident';
import type { IncidentStore } from '../../core/incidents/incident-store';
import {
  acknowledge,
  changeSeverity,
  declareIncident,
  escalate,
  resolve,
  type Refusal,
  type Transition,
} from '../../core/incidents/incident-transitions';
import type { Logger } from '../../core/logger';
import type { AuditLog, Clock } from '../../core/ports';
import type { JobStore } from '../../core/scheduling/job-store';
import type { ChatPost, IncidentChat } from './incident-chat';
import type { AlertCard, AlertCardStore } from '../../core/alerts/alert-card';
import type { ChangeStore } from '../../core/changes/change-request';
import { alertCardResult } from './alert-intake';
import {
  alertDeclaredFrom,
  alertResolvedEntry,
  declaredFromAlertEntry,
  linkAlert,
  releaseAlert,
} from './alert-link';
import type { IncidentResult } from './incident-results';
import { changeOutcome, changesDuring } from './incident-export';
import { incidentView } from './incident-view';

/** The job kind of an escalation timer; its key is `incident:<id>:tier:<n>`. */
export const escalateJobKind = 'incident.escalate';
/** The job kind of one notification delivery (retried with backoff by the runner). */
export const notifyJobKind = 'incident.notify';

/** How many recent change requests the card looks through for the ones made during the incident. */
const changeLookback = 500;

/** The key of the timer that moves `incidentId` up from the tier at `tierIndex`. */
export function escalationJobKey(incidentId: string, tierIndex: number): string {
  return `incident:${incidentId}:tier:${tierIndex}`;
}

/** What the desk works with; built by the composition root (or from a skill context). */
export interface IncidentDeskDeps {
  store: IncidentStore;
  jobs: JobStore;
  config: LandingZoneConfig;
  clock: Clock;
  audit: AuditLog;
  logger: Logger;
  chat?: IncidentChat;
  /** Alert cards: a declaration confirmed from one is linked to it, and hears when it resolves. */
  alerts?: AlertCardStore;
  /** Change requests, so that the card lists the ones raised while the incident is open. */
  changes?: Pick<ChangeStore, 'list'>;
}

/** What the incident card of an action should say on top. */
export interface DeskOutcome {
  incident: Incident;
  headline: string;
}

/**
 * The incident desk: every incident change goes through it. It asks the pure transitions of
 * `core/incidents` what a change means, records it with one compare-and-set, then schedules what
 * follows as durable jobs (the next escalation timer, one job per notification) and refreshes the
 * incident card. Nothing it calls outside the database can hold a change up.
 */
export class IncidentDesk {
  readonly policy: EscalationPolicy;
  private readonly logger: Logger;

  constructor(private readonly deps: IncidentDeskDeps) {
    this.policy = escalationPolicyOf(deps.config);
    this.logger = deps.logger.child({ component: 'incidents' });
  }

  async declare(input: {
    summary: string;
    severity: Severity;
    type: IncidentType;
    by: IncidentPerson;
    conversationId: string;
  }): Promise<DeskOutcome> {
    const links = this.alertLinks();
    const alert = links && (await alertDeclaredFrom(links, input.conversationId, input.summary));
    const now = this.deps.clock.now();
    const plan = declareIncident(this.policy, { ...input, declaredBy: input.by }, now);
    if (alert) plan.incident.externalRefs = { 'azure-monitor': alert.firedIds[0] };
    const entries = alert ? [...plan.entries, declaredFromAlertEntry(alert, now)] : plan.entries;
    const incident = await this.deps.store.create(plan.incident, entries);
    // The alert is claimed before anyone is paged: of two presses on one alert, one incident pages.
    const link = links && alert ? await linkAlert(links, alert, incident) : undefined;
    if (link && !link.linked) return this.closeAsDuplicate(incident, link.to, input.by);
    if (plan.timer) await this.scheduleTimer(incident.id, plan.timer.tierIndex, plan.timer.dueAt, now);
    await this.scheduleNotifications(incident, plan.notifications, 'incident.declare', now);
    return { incident, headline: `Declared by ${input.by.name}` };
  }

  /** Closes an incident that lost its alert to another declared at the same moment; nobody was paged for it. */
  private async closeAsDuplicate(incident: Incident, winner: Incident, by: IncidentPerson): Promise<never> {
    const now = this.deps.clock.now();
    const resolution = `Duplicate of ${winner.id}, declared from the same alert at the same moment`;
    await this.deps.store.update(
      incident.id,
      incident.version,
      { state: 'resolved', resolvedAt: now, resolution },
      [{ at: now, kind: 'resolved', actor: by, text: `Closed: ${resolution}; nobody was paged for it` }],
      now,
    );
    throw new UserFacingError(
      ErrorCodes.notAllowed,
      `The alert is already ${winner.id} (${winner.severity}, owner ${winner.owner.name}), declared a moment ago; ` +
        `nothing new was declared. Acknowledge it or add a note there (\`note ${winner.id} …\`).`,
    );
  }

  /** The alert card an incident was declared from turned resolved: its timeline says so. */
  async alertResolved(card: AlertCard): Promise<void> {
    if (!card.incidentId || !(await this.deps.store.get(card.incidentId))) return;
    await this.deps.store.append(card.incidentId, alertResolvedEntry(card, this.deps.clock.now()));
    await this.refreshCard(card.incidentId);
  }

  /** The incident named by `id`, or the open incident of the conversation when none is named. */
  async find(id: string | undefined, conversationId: string): Promise<Incident> {
    if (id) {
      const incident = await this.deps.store.get(id);
      if (!incident) throw new UserFacingError(ErrorCodes.notFound, `There is no incident ${id}.`);
      return incident;
    }
    const here = await this.deps.store.list({ open: true, conversationId });
    if (here.length === 1) return here[0];
    const open = here.length ? here : await this.deps.store.list({ open: true });
    const named = open.slice(0, 5).map((i) => i.id);
    throw new UserFacingError(
      ErrorCodes.invalidArguments,
      here.length > 1
        ? `This conversation has ${here.length} open incidents (${named.join(', ')}); name the one you mean.`
        : `There is no open incident in this conversation; name one${named.length ? ` (open: ${named.join(', ')})` : ''}.`,
    );
  }

  acknowledge(incident: Incident, by: IncidentPerson): Promise<DeskOutcome> {
    return this.change(
      incident,
      'incident.ack',
      (current, now) => acknowledge(this.policy, current, by, now),
      `Acknowledged by ${by.name}`,
    );
  }

  escalate(incident: Incident, by: IncidentPerson, reason?: string): Promise<DeskOutcome> {
    return this.change(
      incident,
      'incident.escalate',
      (current, now) => escalate(this.policy, current, { by, reason }, now),
      (next) => `Escalated to ${this.tierName(next)} by ${by.name}`,
    );
  }

  resolve(incident: Incident, by: IncidentPerson, resolution?: string): Promise<DeskOutcome> {
    return this.change(
      incident,
      'incident.resolve',
      (current, now) => resolve(this.policy, current, by, resolution, now),
      `Resolved by ${by.name}`,
    );
  }

  /** Changes the severity: a new response target, and a severity that starts higher brings the incident there now. */
  changeSeverity(
    incident: Incident,
    by: IncidentPerson,
    severity: Severity,
    reason?: string,
  ): Promise<DeskOutcome> {
    return this.change(
      incident,
      'incident.severity',
      (current, now) => changeSeverity(this.policy, current, { by, severity, reason }, now),
      (next) =>
        `Severity of ${next.id} is now ${next.severity}${next.tierIndex !== incident.tierIndex ? `, at ${this.tierName(next)}` : ''}`,
    );
  }

  /**
   * Adds a note to the timeline (open or resolved: notes made during the review count too) and
   * refreshes the incident card; no state changes and no timer moves.
   */
  async note(incident: Incident, by: IncidentPerson, text: string): Promise<DeskOutcome> {
    await this.deps.store.append(incident.id, {
      at: this.deps.clock.now(),
      kind: 'note',
      actor: by,
      text: `Note by ${by.name}: ${text}`,
    });
    const headline = `Note added to ${incident.id}`;
    await this.refreshCard(incident.id, headline);
    return { incident: (await this.deps.store.get(incident.id)) ?? incident, headline };
  }

  /**
   * The timer of `tierIndex` ran out: escalate if the incident still waits there. A timer that
   * finds the incident acknowledged, resolved or already further up does nothing. Run again after a
   * crash, it schedules what the first run may not have (the same keys, so nothing twice).
   */
  async onTimer(incidentId: string, tierIndex: number): Promise<'escalated' | 'stale'> {
    const incident = await this.deps.store.get(incidentId);
    if (!incident) return 'stale';
    const now = this.deps.clock.now();
    const change = escalate(this.policy, incident, { expectedTier: tierIndex }, now);
    if (!change.ok) {
      if (incident.tierIndex === tierIndex + 1) await this.followUpArrival(incident, now);
      return 'stale';
    }
    const updated = await this.apply(incident, change, now);
    if (!updated) return this.onTimer(incidentId, tierIndex);
    await this.after(updated, change, 'incident.escalate', now);
    return 'escalated';
  }

  /** The incident card's result for `incident` as it is now. */
  async result(incident: Incident, headline: string, withTimeline = false): Promise<IncidentResult> {
    const timeline = await this.deps.store.timeline(incident.id);
    const now = this.deps.clock.now();
    const result: IncidentResult = {
      view: 'incident',
      headline,
      incident: incidentView(incident, timeline, this.deps.config, now),
    };
    const during = this.deps.changes
      ? changesDuring(incident, await this.deps.changes.list({ limit: changeLookback }), now)
      : [];
    const changeLine = (c: (typeof during)[number]) => `${c.id} ${c.plan.summary} (${changeOutcome(c)})`;
    if (during.length) result.incident.changes = during.map(changeLine);
    // The timeline holds the change requests too, in time order (their `CHG-` ids, what and how they ended).
    if (withTimeline) {
      result.timeline = timeline.map((e) => ({ at: e.at.toISOString(), text: e.text }));
      if (during.length)
        result.timeline = [
          ...result.timeline,
          ...during.map((c) => ({ at: c.createdAt.toISOString(), text: changeLine(c) })),
        ].sort((a, b) => a.at.localeCompare(b.at));
    }
    if (incident.state !== 'resolved') {
      result.suggestions =
        incident.state === 'acknowledged'
          ? [
              { label: 'Resolve', command: `resolve ${incident.id}` },
              { label: 'Escalate', command: `escalate ${incident.id}` },
            ]
          : [
              { label: 'Acknowledge', command: `ack ${incident.id}` },
              { label: 'Escalate now', command: `escalate ${incident.id}` },
            ];
    }
    return result;
  }

  /** Updates the posted incident card in place; best effort. */
  async refreshCard(incidentId: string, headline?: string): Promise<void> {
    const chat = this.deps.chat;
    if (!chat) return;
    try {
      const incident = await this.deps.store.get(incidentId);
      if (!incident?.cardActivityId) return;
      const card = await this.result(
        incident,
        headline ?? stateHeadline(incident),
        incident.state === 'resolved',
      );
      await chat.update(incident.conversationId, incident.cardActivityId, card);
    } catch (error) {
      this.logger.warn({ err: error, incidentId }, 'could not update the incident card');
    }
  }

  private async change(
    incident: Incident,
    cause: string,
    decide: (current: Incident, now: Date) => Transition | Refusal,
    headline: string | ((updated: Incident) => string),
  ): Promise<DeskOutcome> {
    let current = incident;
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.deps.clock.now();
      const change = decide(current, now);
      if (!change.ok) throw new UserFacingError(ErrorCodes.notAllowed, change.reason);
      const updated = await this.apply(current, change, now);
      if (updated) {
        await this.after(updated, change, cause, now);
        return { incident: updated, headline: typeof headline === 'string' ? headline : headline(updated) };
      }
      const reread = await this.deps.store.get(incident.id);
      if (!reread) throw new UserFacingError(ErrorCodes.notFound, `There is no incident ${incident.id}.`);
      current = reread;
    }
    throw new UserFacingError(ErrorCodes.concurrency, `${incident.id} keeps changing under me; try again.`);
  }

  /** Schedules the next timer first (a stray one finds nothing to do), then the compare-and-set. */
  private async apply(incident: Incident, change: Transition, now: Date): Promise<Incident | undefined> {
    if (change.timer) await this.scheduleTimer(incident.id, change.timer.tierIndex, change.timer.dueAt, now);
    return this.deps.store.update(incident.id, incident.version, change.patch, change.entries, now);
  }

  private async after(incident: Incident, change: Transition, cause: string, now: Date): Promise<void> {
    if (change.cancelTimers) {
      for (let tier = 0; tier < this.policy.path.length; tier++) {
        if (change.timer?.tierIndex === tier) continue;
        await this.deps.jobs.cancel(escalationJobKey(incident.id, tier), now);
      }
    }
    await this.scheduleNotifications(incident, change.notifications, cause, now);
    if (change.arrival) await this.announce(incident, change.arrival.tier.name, change.arrival.offHours);
    await this.refreshCard(incident.id);
    const links = this.alertLinks();
    if (links && incident.state === 'resolved') await releaseAlert(links, incident);
  }

  /** After a crash between an escalation and its follow-ups: the same keys, so only what is missing is added. */
  private async followUpArrival(incident: Incident, now: Date): Promise<void> {
    const plan = escalate(
      this.policy,
      { ...incident, tierIndex: incident.tierIndex - 1, state: 'escalated' },
      {},
      now,
    );
    if (!plan.ok) return;
    await this.scheduleNotifications(incident, plan.notifications, 'incident.escalate', now);
    if (incident.state === 'escalated' && incident.nextEscalationAt) {
      await this.scheduleTimer(incident.id, incident.tierIndex, incident.nextEscalationAt, now);
    }
  }

  private async scheduleTimer(incidentId: string, tierIndex: number, dueAt: Date, now: Date): Promise<void> {
    await this.deps.jobs.schedule(
      {
        kind: escalateJobKind,
        key: escalationJobKey(incidentId, tierIndex),
        dueAt,
        payload: { incidentId, tierIndex },
      },
      now,
    );
  }

  private async scheduleNotifications(
    incident: Incident,
    notifications: readonly PlannedNotification[],
    cause: string,
    now: Date,
  ): Promise<void> {
    for (const notification of notifications) {
      await this.deps.jobs.schedule(
        {
          kind: notifyJobKind,
          key: `incident:${incident.id}:notify:${notification.key}`,
          dueAt: now,
          payload: { incidentId: incident.id, cause, notification: { ...notification } },
        },
        now,
      );
    }
  }

  /** The escalation post in the incident's conversation, @mentioning the roster people of the new tier. */
  private async announce(incident: Incident, tierName: string, offHours: boolean): Promise<void> {
    const chat = this.deps.chat;
    if (!chat) return;
    const people = incident.engaged.filter((p) => p.as === incident.tier);
    const post: ChatPost = {
      text:
        `${incident.id} (${incident.severity}) is now with ${tierName}` +
        `${offHours ? ', outside their business hours' : ''}: ${incident.summary}. ` +
        `${people.length ? `${people.map((p) => `<at>${p.name}</at>`).join(', ')}, please` : 'Please'} acknowledge with \`ack ${incident.id}\`.`,
      mentions: people,
    };
    try {
      await chat.post(incident.conversationId, post);
    } catch (error) {
      this.logger.warn({ err: error, incidentId: incident.id }, 'could not post the escalation');
    }
  }

  private alertLinks() {
    const { alerts, store, chat, logger } = this.deps;
    return alerts ? { alerts, store, chat, logger, render: alertCardResult } : undefined;
  }

  private tierName(incident: Incident): string {
    return this.policy.path[incident.tierIndex]?.name ?? incident.tier;
  }
}

function stateHeadline(incident: Incident): string {
  return {
    declared: 'Waiting for an acknowledgement',
    escalated: 'Escalated; waiting for an acknowledgement',
    acknowledged: `Acknowledged by ${incident.owner.name}`,
    resolved: 'Resolved',
  }[incident.state];
}
