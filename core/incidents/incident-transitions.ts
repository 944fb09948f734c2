import {
  arriveAt,
  responseDueAt,
  startTierIndex,
  planDeclaration,
  planEscalation,
  planFollowUp,
  type EscalationPolicy,
  type PlannedNotification,
  type TierArrival,
} from './escalation';
import {
  isAwaitingAck,
  type EngagedPerson,
  type Incident,
  type IncidentPerson,
  type IncidentType,
  type Severity,
  type TimelineEntry,
} from './incident';
import type { IncidentPatch, NewIncident } from './incident-store';

/** The timer an incident needs next: the one of the tier at `tierIndex`, due at `dueAt`. */
export interface TimerRequest {
  tierIndex: number;
  dueAt: Date;
}

/** A change the desk may record: the patch, its timeline entries, what to notify and which timer runs next. */
export interface Transition {
  ok: true;
  patch: IncidentPatch;
  entries: TimelineEntry[];
  notifications: PlannedNotification[];
  /** The timer to schedule; absent when none runs any more. */
  timer?: TimerRequest;
  /** True when every pending timer of the incident must be cancelled (acknowledged, resolved). */
  cancelTimers: boolean;
  /** The tier reached, when this transition moved the incident up. */
  arrival?: TierArrival;
}

/** Why a change is refused, in words for the chat. */
export interface Refusal {
  ok: false;
  reason: string;
}

/** What a declaration needs. */
export interface DeclarationInput {
  summary: string;
  severity: Severity;
  type: IncidentType;
  declaredBy: IncidentPerson;
  conversationId: string;
}

/** A new incident with its first timeline entry, the notifications it sends at once and its first timer. */
export interface Declaration {
  incident: NewIncident;
  entries: TimelineEntry[];
  notifications: PlannedNotification[];
  timer?: TimerRequest;
  arrival: TierArrival;
}

/** Declares an incident: the severity's start tier, the response target, the first notifications and timer. */
export function declareIncident(policy: EscalationPolicy, input: DeclarationInput, now: Date): Declaration {
  const { responseDueAt, arrival } = planDeclaration(policy, input, now);
  const engaged = mergeEngaged([{ ...input.declaredBy, as: 'declarer' }], arrival.engaged);
  const incident: NewIncident = {
    summary: input.summary,
    severity: input.severity,
    type: input.type,
    state: 'declared',
    owner: input.declaredBy,
    declaredBy: input.declaredBy,
    conversationId: input.conversationId,
    tierIndex: arrival.tierIndex,
    tier: arrival.tier.id,
    engaged,
    declaredAt: now,
    responseDueAt,
    externalRefs: {},
  };
  if (arrival.nextEscalationAt) incident.nextEscalationAt = arrival.nextEscalationAt;
  return {
    incident,
    entries: [
      {
        at: now,
        kind: 'declared',
        actor: input.declaredBy,
        text: `Declared ${input.severity} (${input.type}) at ${arrival.tier.name}: ${input.summary}`,
        data: { severity: input.severity, type: input.type, tier: arrival.tier.id },
      },
    ],
    notifications: arrival.notifications,
    timer: timerOf(arrival),
    arrival,
  };
}

/** Acknowledges: the acknowledger becomes the owner, the timers stop, record-keeping channels hear of it. */
export function acknowledge(
  policy: EscalationPolicy,
  incident: Incident,
  by: IncidentPerson,
  now: Date,
): Transition | Refusal {
  if (incident.state === 'resolved') return refuse(`${incident.id} is already resolved.`);
  if (!isAwaitingAck(incident)) {
    return refuse(`${incident.id} is already acknowledged by ${incident.owner.name}.`);
  }
  return {
    ok: true,
    patch: {
      state: 'acknowledged',
      owner: by,
      respondedAt: incident.respondedAt ?? now,
      nextEscalationAt: null,
      engaged: mergeEngaged(incident.engaged, [{ ...by, as: 'owner' }]),
    },
    entries: [
      { at: now, kind: 'acknowledged', actor: by, text: `Acknowledged by ${by.name} at ${incident.tier}` },
    ],
    notifications: planFollowUp(policy, incident, 'acknowledge'),
    cancelTimers: true,
  };
}

/**
 * Moves the incident to the next tier: because its timer ran out (`by` absent; only while it still
 * waits for an acknowledgement at `expectedTier`) or because someone asked (any open incident).
 * The new tier must acknowledge in its turn, so its timer starts.
 */
export function escalate(
  policy: EscalationPolicy,
  incident: Incident,
  request: { by?: IncidentPerson; reason?: string; expectedTier?: number },
  now: Date,
): Transition | Refusal {
  if (incident.state === 'resolved') return refuse(`${incident.id} is already resolved.`);
  if (request.expectedTier !== undefined) {
    if (!isAwaitingAck(incident)) return refuse(`${incident.id} was acknowledged; its timers have stopped.`);
    if (incident.tierIndex !== request.expectedTier) {
      return refuse(`${incident.id} has already left that tier (it is at ${incident.tier}).`);
    }
  }
  const arrival = planEscalation(policy, incident, now);
  if (!arrival) {
    return refuse(
      `${incident.id} is at ${incident.tier}, the top of the escalation path; there is no higher tier.`,
    );
  }
  const from = policy.path[incident.tierIndex]?.name ?? incident.tier;
  const why = request.by
    ? `by ${request.by.name}${request.reason ? `: ${request.reason}` : ''}`
    : `no acknowledgement within ${policy.path[incident.tierIndex].escalateAfterMinutes} min`;
  return {
    ok: true,
    patch: {
      state: 'escalated',
      tierIndex: arrival.tierIndex,
      tier: arrival.tier.id,
      nextEscalationAt: arrival.nextEscalationAt ?? null,
      engaged: mergeEngaged(incident.engaged, arrival.engaged),
    },
    entries: [
      {
        at: now,
        kind: 'escalated',
        ...(request.by ? { actor: request.by } : {}),
        text: `Escalated from ${from} to ${arrival.tier.name} (${why})${arrival.offHours ? '; off hours for this tier' : ''}`,
        data: {
          from: incident.tier,
          to: arrival.tier.id,
          cause: request.by ? 'manual' : 'timer',
          ...(arrival.offHours ? { offHours: true } : {}),
        },
      },
    ],
    notifications: arrival.notifications,
    timer: timerOf(arrival),
    cancelTimers: true,
    arrival,
  };
}

/**
 * Changes the severity of an open incident. The response target is counted again from the
 * declaration with the new severity's figure (unless someone already answered). A severity that
 * starts higher in the path (P1 starts at L2) brings the incident there at once, telling (and, for a
 * paging severity, paging) that tier; its timer runs while nobody has acknowledged. A lower severity
 * keeps the tier the incident has reached.
 */
export function changeSeverity(
  policy: EscalationPolicy,
  incident: Incident,
  request: { by: IncidentPerson; severity: Severity; reason?: string },
  now: Date,
): Transition | Refusal {
  if (incident.state === 'resolved') return refuse(`${incident.id} is already resolved.`);
  if (request.severity === incident.severity)
    return refuse(`${incident.id} is already ${incident.severity}.`);
  const patch: IncidentPatch = { severity: request.severity };
  if (!incident.respondedAt)
    patch.responseDueAt = responseDueAt(policy, request.severity, incident.declaredAt);
  const start = startTierIndex(policy, request.severity);
  const arrival = start > incident.tierIndex ? arriveAt(policy, request.severity, start, now) : undefined;
  const waiting = isAwaitingAck(incident);
  if (arrival) {
    patch.tierIndex = arrival.tierIndex;
    patch.tier = arrival.tier.id;
    patch.engaged = mergeEngaged(incident.engaged, arrival.engaged);
    if (waiting) {
      patch.state = 'escalated';
      patch.nextEscalationAt = arrival.nextEscalationAt ?? null;
    }
  }
  const moved = arrival
    ? `; moved to ${arrival.tier.name}${arrival.offHours ? ' (off hours for this tier)' : ''}`
    : '';
  return {
    ok: true,
    patch,
    entries: [
      {
        at: now,
        kind: 'severity-changed',
        actor: request.by,
        text: `Severity ${incident.severity} → ${request.severity} by ${request.by.name}${request.reason ? `: ${request.reason}` : ''}${moved}`,
        data: {
          from: incident.severity,
          to: request.severity,
          ...(arrival ? { tier: arrival.tier.id } : {}),
        },
      },
    ],
    notifications: arrival?.notifications ?? [],
    ...(arrival && waiting ? { timer: timerOf(arrival) } : {}),
    cancelTimers: Boolean(arrival && waiting),
    ...(arrival ? { arrival } : {}),
  };
}

/** Resolves: every timer stops, record-keeping channels close their tickets and pages. */
export function resolve(
  policy: EscalationPolicy,
  incident: Incident,
  by: IncidentPerson,
  resolution: string | undefined,
  now: Date,
): Transition | Refusal {
  if (incident.state === 'resolved') {
    return refuse(`${incident.id} is already resolved.`);
  }
  const patch: IncidentPatch = { state: 'resolved', resolvedAt: now, nextEscalationAt: null };
  // Resolving answers the incident too, if nobody acknowledged it first.
  if (!incident.respondedAt) patch.respondedAt = now;
  if (resolution) patch.resolution = resolution;
  return {
    ok: true,
    patch,
    entries: [
      {
        at: now,
        kind: 'resolved',
        actor: by,
        text: `Resolved by ${by.name}${resolution ? `: ${resolution}` : ''}`,
      },
    ],
    notifications: planFollowUp(policy, incident, 'resolve'),
    cancelTimers: true,
  };
}

function timerOf(arrival: TierArrival): TimerRequest | undefined {
  return arrival.nextEscalationAt
    ? { tierIndex: arrival.tierIndex, dueAt: arrival.nextEscalationAt }
    : undefined;
}

function refuse(reason: string): Refusal {
  return { ok: false, reason };
}

function mergeEngaged(current: readonly EngagedPerson[], added: readonly EngagedPerson[]): EngagedPerson[] {
  const merged = [...current];
  for (const person of added) if (!merged.some((p) => p.id === person.id)) merged.push(person);
  return merged;
}
