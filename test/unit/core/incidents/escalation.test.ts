import {
  escalationPolicyOf,
  planDeclaration,
  planEscalation,
  planFollowUp,
  responseDueAt,
} from '../../../../core/incidents/escalation';
import {
  acknowledge,
  declareIncident,
  escalate,
  resolve,
} from '../../../../core/incidents/incident-transitions';
import type { Incident } from '../../../../core/incidents/incident';
import { demoPeople, loadShippedConfig } from '../../../helpers/landing-zone-config';

const policy = escalationPolicyOf(loadShippedConfig());
const minutes = (n: number) => n * 60_000;
// Monday 12 January 2026, 10:00 EST.
const monday10 = new Date('2026-01-12T15:00:00Z');
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
const alex = { id: demoPeople.alex, name: 'Alex Wilber' };
const diego = { id: demoPeople.diego, name: 'Diego Siciliani' };

/** An incident as the store would hand it back after a declaration at `at`. */
function stored(
  severity: 'P1' | 'P2' | 'P3' | 'P4',
  at = monday10,
  type: Incident['type'] = 'operational',
): Incident {
  const d = declareIncident(
    policy,
    { summary: 'fraud-detection returns 503', severity, type, declaredBy: diego, conversationId: 'c1' },
    at,
  );
  return { ...d.incident, id: 'INC-0001', number: 1, version: 1, updatedAt: at };
}

function applied(incident: Incident, change: ReturnType<typeof escalate>): Incident {
  if (!change.ok) throw new Error(change.reason);
  const { nextEscalationAt, resolvedAt, ...rest } = change.patch;
  const next: Incident = { ...incident, ...rest, version: incident.version + 1 };
  if (nextEscalationAt === null) delete next.nextEscalationAt;
  else if (nextEscalationAt) next.nextEscalationAt = nextEscalationAt;
  if (resolvedAt) next.resolvedAt = resolvedAt;
  return next;
}

describe('escalation engine', () => {
  it('starts a P1 at L2 and pages L2 at once; L2 gives way to L3 after 30 min', () => {
    const plan = declareIncident(
      policy,
      { summary: 'prod down', severity: 'P1', type: 'operational', declaredBy: diego, conversationId: 'c1' },
      monday10,
    );
    expect(plan.incident).toMatchObject({
      tier: 'L2',
      tierIndex: 1,
      state: 'declared',
      responseDueAt: monday10,
    });
    expect(plan.notifications).toEqual([
      expect.objectContaining({
        key: 'trigger:L2',
        event: 'trigger',
        contact: 'cloud-ops@contoso.com',
        channel: 'on-call',
        urgent: true,
      }),
    ]);
    expect(plan.timer).toEqual({ tierIndex: 1, dueAt: new Date('2026-01-12T15:30:00Z') });
    expect(plan.incident.engaged.map((p) => [p.name, p.as])).toEqual([
      ['Diego Siciliani', 'declarer'],
      ['Alex Wilber', 'L2'],
    ]);
  });

  it('starts a P2 at L1 (ServiceNow, no page), moves to L2 after 15 min and to L3 after 30 more', () => {
    const incident = stored('P2');
    expect(incident).toMatchObject({ tier: 'L1', nextEscalationAt: new Date('2026-01-12T15:15:00Z') });
    expect(planDeclaration(policy, incident, monday10).arrival.notifications).toEqual([
      expect.objectContaining({ key: 'trigger:L1', channel: 'servicenow', urgent: false }),
    ]);

    const atL2 = escalate(policy, incident, { expectedTier: 0 }, new Date('2026-01-12T15:15:00Z'));
    expect(atL2).toMatchObject({
      ok: true,
      patch: {
        state: 'escalated',
        tier: 'L2',
        tierIndex: 1,
        nextEscalationAt: new Date('2026-01-12T15:45:00Z'),
      },
      timer: { tierIndex: 1, dueAt: new Date('2026-01-12T15:45:00Z') },
      notifications: [expect.objectContaining({ key: 'trigger:L2', contact: 'cloud-ops@contoso.com' })],
    });
    const l2 = applied(incident, atL2);
    const atL3 = escalate(policy, l2, { expectedTier: 1 }, new Date('2026-01-12T15:45:00Z'));
    expect(atL3).toMatchObject({
      ok: true,
      patch: { tier: 'L3', nextEscalationAt: new Date('2026-01-12T16:45:00Z') },
      notifications: [
        expect.objectContaining({
          channel: 'email',
          contact: 'ai-platform-team@contoso.com',
          offHours: false,
        }),
      ],
    });
    expect(atL3.ok && atL3.entries[0].text).toMatch(
      /L2 Cloud Ops to L3 Engineering \(no acknowledgement within 30 min\)/,
    );
  });

  it('walks the whole path with the configured delays and stops at the IT Director', () => {
    let incident = stored('P2');
    const reached: [string, string | undefined][] = [];
    let at = monday10;
    for (const delay of [15, 30, 60, 120]) {
      at = plus(at, minutes(delay));
      incident = applied(incident, escalate(policy, incident, { expectedTier: incident.tierIndex }, at));
      reached.push([incident.tier, incident.nextEscalationAt?.toISOString()]);
    }
    expect(reached).toEqual([
      ['L2', '2026-01-12T15:45:00.000Z'],
      ['L3', '2026-01-12T16:45:00.000Z'],
      ['architect', '2026-01-12T18:45:00.000Z'],
      ['director', undefined],
    ]);
    const top = escalate(policy, incident, { by: alex }, plus(at, minutes(240)));
    expect(top).toEqual({ ok: false, reason: expect.stringMatching(/top of the escalation path/) });
    expect(planEscalation(policy, incident, at)).toBeUndefined();
  });

  it('stops escalating once acknowledged: the timer is refused and the next time cleared', () => {
    const incident = stored('P2');
    const ack = acknowledge(policy, incident, alex, new Date('2026-01-12T15:10:00Z'));
    expect(ack).toMatchObject({
      ok: true,
      cancelTimers: true,
      patch: {
        state: 'acknowledged',
        owner: alex,
        respondedAt: new Date('2026-01-12T15:10:00Z'),
        nextEscalationAt: null,
      },
      notifications: [expect.objectContaining({ key: 'acknowledge:L1', channel: 'servicenow' })],
    });
    const acked = applied(incident, ack);
    expect(escalate(policy, acked, { expectedTier: 0 }, new Date('2026-01-12T15:15:00Z'))).toEqual({
      ok: false,
      reason: expect.stringMatching(/acknowledged/),
    });
    expect(acknowledge(policy, acked, diego, new Date('2026-01-12T15:11:00Z'))).toEqual({
      ok: false,
      reason: 'INC-0001 is already acknowledged by Alex Wilber.',
    });
  });

  it('refuses a timer that belongs to a tier the incident has left', () => {
    const incident = applied(
      stored('P2'),
      escalate(policy, stored('P2'), { by: alex, reason: 'need L2' }, monday10),
    );
    expect(incident.tier).toBe('L2');
    expect(escalate(policy, incident, { expectedTier: 0 }, plus(monday10, minutes(15)))).toEqual({
      ok: false,
      reason: expect.stringMatching(/already left that tier/),
    });
  });

  it('escalates by hand an acknowledged incident, and the new tier must acknowledge in turn', () => {
    const acked = applied(stored('P2'), acknowledge(policy, stored('P2'), alex, monday10));
    const change = escalate(
      policy,
      acked,
      { by: alex, reason: 'need engineering' },
      plus(monday10, minutes(5)),
    );
    expect(change).toMatchObject({
      ok: true,
      patch: { state: 'escalated', tier: 'L2' },
      timer: { tierIndex: 1, dueAt: new Date('2026-01-12T15:35:00Z') },
    });
    expect(change.ok && change.entries[0]).toMatchObject({
      actor: alex,
      text: expect.stringContaining('need engineering'),
    });
  });

  it('pages the security team at once for a security incident, whatever its severity', () => {
    const plan = declareIncident(
      policy,
      {
        summary: 'key pushed to github',
        severity: 'P2',
        type: 'compromised-credentials',
        declaredBy: diego,
        conversationId: 'c',
      },
      monday10,
    );
    expect(plan.notifications.map((n) => [n.key, n.contact, n.channel, n.urgent])).toEqual([
      ['trigger:L1', 'support@contoso.com', 'servicenow', false],
      ['trigger:security', 'security-ops@contoso.com', 'pagerduty', true],
    ]);
    expect(plan.incident.engaged.map((p) => p.name)).toContain('Isaiah Langer');
  });

  it('says an 8/5 tier reached at night is off hours, and a 24/7 tier is not', () => {
    // Saturday 17 January 2026, 03:00 EST.
    const saturdayNight = new Date('2026-01-17T08:00:00Z');
    const atL2 = stored('P2', saturdayNight);
    const l2 = applied(atL2, escalate(policy, atL2, { expectedTier: 0 }, plus(saturdayNight, minutes(15))));
    expect(l2.tier).toBe('L2');
    const l3 = escalate(policy, l2, { expectedTier: 1 }, plus(saturdayNight, minutes(45)));
    expect(l3).toMatchObject({
      ok: true,
      notifications: [expect.objectContaining({ audience: 'L3', offHours: true })],
    });
    expect(l3.ok && l3.entries[0].text).toMatch(/off hours/);
    const p1 = planDeclaration(policy, { severity: 'P1', type: 'operational' }, saturdayNight);
    expect(p1.arrival).toMatchObject({ offHours: false, tier: expect.objectContaining({ id: 'L2' }) });
  });

  it('sets the response targets of the matrix: P1 now, P2 1 h, P3 4 h, P4 one business day', () => {
    expect(responseDueAt(policy, 'P1', monday10)).toEqual(monday10);
    expect(responseDueAt(policy, 'P2', monday10)).toEqual(new Date('2026-01-12T16:00:00Z'));
    expect(responseDueAt(policy, 'P3', monday10)).toEqual(new Date('2026-01-12T19:00:00Z'));
    expect(responseDueAt(policy, 'P4', monday10)).toEqual(new Date('2026-01-13T15:00:00Z'));
    // Friday 16 January 16:00 EST → Monday 19 January 16:00 EST.
    expect(responseDueAt(policy, 'P4', new Date('2026-01-16T21:00:00Z'))).toEqual(
      new Date('2026-01-19T21:00:00Z'),
    );
  });

  it('closes the tickets and pages on resolve, not the e-mail tiers', () => {
    let incident = stored('P2');
    for (const at of [15, 45]) {
      incident = applied(
        incident,
        escalate(policy, incident, { expectedTier: incident.tierIndex }, plus(monday10, minutes(at))),
      );
    }
    expect(incident.tier).toBe('L3');
    expect(planFollowUp(policy, incident, 'resolve').map((n) => n.key)).toEqual(['resolve:L1', 'resolve:L2']);
    const done = resolve(policy, incident, alex, 'rolled back', plus(monday10, minutes(50)));
    expect(done).toMatchObject({
      ok: true,
      cancelTimers: true,
      patch: { state: 'resolved', resolution: 'rolled back', nextEscalationAt: null },
    });
    const closed = applied(incident, done);
    expect(resolve(policy, closed, alex, undefined, plus(monday10, minutes(51)))).toEqual({
      ok: false,
      reason: 'INC-0001 is already resolved.',
    });
    expect(acknowledge(policy, closed, alex, plus(monday10, minutes(51)))).toMatchObject({ ok: false });
  });
});
