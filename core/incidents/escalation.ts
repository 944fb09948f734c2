import type {
  LandingZoneConfig,
  SeverityConfig,
  TierConfig,
  WindowConfig,
} from '../config/landing-zone.schema';
import { addBusinessMinutes, isBusinessTime } from './business-hours';
import { isSecurityType, type EngagedPerson, type IncidentType, type Severity } from './incident';

const minuteMs = 60_000;

/** The part of the landing-zone config the escalation engine reads: matrix, path, security team, hours, roster. */
export interface EscalationPolicy {
  severities: readonly SeverityConfig[];
  path: readonly TierConfig[];
  securityTeam: LandingZoneConfig['securityTeam'];
  businessHours: WindowConfig;
  people: LandingZoneConfig['people'];
}

export function escalationPolicyOf(config: LandingZoneConfig): EscalationPolicy {
  return {
    severities: config.severities,
    path: config.escalationPath,
    securityTeam: config.securityTeam,
    businessHours: config.businessHours,
    people: config.people,
  };
}

/** A channel a notification goes out on: the tiers' channels of the config. */
export type NotificationChannel = TierConfig['channel'];

/** What a notification tells its audience. */
export type NotificationEvent = 'trigger' | 'acknowledge' | 'resolve';

/** A notification the engine asks for; the notifier port delivers it. */
export interface PlannedNotification {
  /** Unique within the incident, e.g. `trigger:L2`, `trigger:security`, `resolve:L1`. */
  key: string;
  event: NotificationEvent;
  /** Tier id, or `security`. */
  audience: string;
  /** Who, in words: "L2 Cloud Ops", "Security team". */
  audienceName: string;
  contact: string;
  channel: NotificationChannel;
  /** Pages (PagerDuty severity critical, high urgency): P1, and the security team. */
  urgent: boolean;
  /** The audience works 8/5 and it is outside business hours now. */
  offHours: boolean;
}

/** The incident reaching a tier: who is engaged, who is told, and when the tier's own timer runs out. */
export interface TierArrival {
  tierIndex: number;
  tier: TierConfig;
  offHours: boolean;
  /** Absent at the top of the path: there is nobody left to escalate to. */
  nextEscalationAt?: Date;
  /** Roster people of the tier (and of the security team at declaration of a security incident). */
  engaged: EngagedPerson[];
  notifications: PlannedNotification[];
}

/** What a declaration starts. */
export interface DeclarationPlan {
  responseDueAt: Date;
  arrival: TierArrival;
}

function severityConfig(policy: EscalationPolicy, severity: Severity): SeverityConfig {
  const found = policy.severities.find((s) => s.id === severity);
  if (!found) throw new RangeError(`The severity matrix has no ${severity}.`);
  return found;
}

/** Where in the path an incident of `severity` starts. */
export function startTierIndex(policy: EscalationPolicy, severity: Severity): number {
  const id = severityConfig(policy, severity).startTier;
  const index = policy.path.findIndex((t) => t.id === id);
  if (index < 0) throw new RangeError(`The escalation path has no tier "${id}".`);
  return index;
}

/**
 * When the first response is due: `responseMinutes` after the declaration, counted in business
 * hours when the matrix says so (P4: one business day).
 */
export function responseDueAt(policy: EscalationPolicy, severity: Severity, declaredAt: Date): Date {
  const s = severityConfig(policy, severity);
  return s.businessHours
    ? addBusinessMinutes(declaredAt, s.responseMinutes, policy.businessHours)
    : new Date(declaredAt.getTime() + s.responseMinutes * minuteMs);
}

/** True when a tier (or the security team) that does not work around the clock is reached outside business hours. */
export function isOffHours(policy: EscalationPolicy, availability: string, at: Date): boolean {
  return availability.trim() !== '24/7' && !isBusinessTime(at, policy.businessHours);
}

/** Starts an incident: its first tier (P1 starts higher), the response target, and who is told at once. */
export function planDeclaration(
  policy: EscalationPolicy,
  incident: { severity: Severity; type: IncidentType },
  now: Date,
): DeclarationPlan {
  const arrival = arriveAt(policy, incident.severity, startTierIndex(policy, incident.severity), now);
  if (isSecurityType(incident.type)) {
    const team = policy.securityTeam;
    arrival.notifications.push({
      key: 'trigger:security',
      event: 'trigger',
      audience: 'security',
      audienceName: 'Security team',
      contact: team.contact,
      channel: team.channel,
      urgent: true,
      offHours: false,
    });
    arrival.engaged.push(...rosterOf(policy, team.role, 'security', arrival.engaged));
  }
  return { responseDueAt: responseDueAt(policy, incident.severity, now), arrival };
}

/**
 * The next tier for an incident at `tierIndex`, reached at `now` (its timer ran out, or someone
 * escalated by hand). Undefined at the top of the path.
 */
export function planEscalation(
  policy: EscalationPolicy,
  incident: { severity: Severity; tierIndex: number },
  now: Date,
): TierArrival | undefined {
  const next = incident.tierIndex + 1;
  return next < policy.path.length ? arriveAt(policy, incident.severity, next, now) : undefined;
}

/** When the timer of the tier at `tierIndex`, reached at `reachedAt`, runs out; undefined at the top. */
export function escalationDueAt(
  policy: EscalationPolicy,
  tierIndex: number,
  reachedAt: Date,
): Date | undefined {
  if (tierIndex >= policy.path.length - 1) return undefined;
  return new Date(reachedAt.getTime() + policy.path[tierIndex].escalateAfterMinutes * minuteMs);
}

/** Channels that keep a record of their own (a ticket, a page), so they hear of the acknowledgement and the resolution too. */
const recordKeepingChannels: readonly NotificationChannel[] = ['servicenow', 'pagerduty', 'on-call'];

/**
 * The follow-up notifications of an acknowledgement or a resolution: every audience told so far
 * whose channel keeps a record (tickets and pages are closed; e-mail tiers are not written to again).
 */
export function planFollowUp(
  policy: EscalationPolicy,
  incident: { severity: Severity; type: IncidentType; tierIndex: number },
  event: Exclude<NotificationEvent, 'trigger'>,
): PlannedNotification[] {
  const reached = policy.path.slice(startTierIndex(policy, incident.severity), incident.tierIndex + 1);
  const audiences = reached.map((t) => ({ id: t.id, name: t.name, contact: t.contact, channel: t.channel }));
  if (isSecurityType(incident.type)) {
    const team = policy.securityTeam;
    audiences.push({ id: 'security', name: 'Security team', contact: team.contact, channel: team.channel });
  }
  return audiences
    .filter((a) => recordKeepingChannels.includes(a.channel))
    .map((a) => ({
      key: `${event}:${a.id}`,
      event,
      audience: a.id,
      audienceName: a.name,
      contact: a.contact,
      channel: a.channel,
      urgent: false,
      offHours: false,
    }));
}

/** Reaching the tier at `tierIndex` at `now`: who is told (paged when the severity pages) and when its timer runs out. */
export function arriveAt(
  policy: EscalationPolicy,
  severity: Severity,
  tierIndex: number,
  now: Date,
): TierArrival {
  const tier = policy.path[tierIndex];
  const offHours = isOffHours(policy, tier.availability, now);
  const arrival: TierArrival = {
    tierIndex,
    tier,
    offHours,
    engaged: rosterOf(policy, tier.role, tier.id, []),
    notifications: [
      {
        key: `trigger:${tier.id}`,
        event: 'trigger',
        audience: tier.id,
        audienceName: tier.name,
        contact: tier.contact,
        channel: tier.channel,
        urgent: severityConfig(policy, severity).page,
        offHours,
      },
    ],
  };
  const dueAt = escalationDueAt(policy, tierIndex, now);
  if (dueAt) arrival.nextEscalationAt = dueAt;
  return arrival;
}

function rosterOf(
  policy: EscalationPolicy,
  role: string | undefined,
  as: string,
  already: readonly EngagedPerson[],
): EngagedPerson[] {
  if (!role) return [];
  return policy.people
    .filter((p) => (p.roles as string[]).includes(role) && !already.some((e) => e.id === p.aadObjectId))
    .map((p) => ({ id: p.aadObjectId, name: p.name, as }));
}
