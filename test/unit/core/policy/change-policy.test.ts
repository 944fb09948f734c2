import type { LandingZoneConfig } from '../../../../core/config/landing-zone.schema';
import {
  decideChange,
  type ChangeFacts,
  type PolicyDecision,
  type PolicyRequest,
} from '../../../../core/policy/change-policy';
import { loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
const requester = { aadObjectId: '00000000-0000-0000-0000-0000000000020', roles: ['l2' as const] };
const cabAndDirector = [
  { anyOf: ['cab'], label: 'CAB' },
  { anyOf: ['it-director'], label: 'IT Director' },
];

/** Wednesday 9 December 2026, 14:00 EST: outside the window, no blackout. */
const weekday = '2026-12-09T19:00:00Z';
/** Saturday 5 December 2026, 03:00 EST: inside the window. */
const inside = '2026-12-05T08:00:00Z';

function scale(target: number, change: Partial<ChangeFacts> = {}): ChangeFacts {
  return {
    skill: 'endpoint.scale',
    resource: 'fraud-detection',
    inConfig: true,
    environment: 'production',
    deployment: 'blue',
    deploymentExists: true,
    currentInstances: 3,
    targetInstances: target,
    autoscale: { minInstances: 3, maxInstances: 10 },
    quotaMaxInstances: 20,
    ...change,
  };
}

const compute = (
  skill: 'compute.start' | 'compute.stop',
  change: Partial<ChangeFacts> = {},
): ChangeFacts => ({
  skill,
  resource: 'cpu-cluster-01',
  inConfig: true,
  environment: 'production',
  runningJobs: 0,
  ...change,
});

const rotate: ChangeFacts = {
  skill: 'secret.rotate',
  resource: 'aoai-api-key',
  inConfig: true,
  environment: 'production',
};

function decide(
  facts: ChangeFacts,
  at: string,
  extra: Partial<PolicyRequest> = {},
  with_: LandingZoneConfig = config,
): PolicyDecision {
  return decideChange({ facts, requester, at: new Date(at), ...extra }, with_);
}

const ruleIds = (d: PolicyDecision) => d.rules.map((r) => `${r.rule}:${r.verdict}`);

describe('decideChange: standard changes', () => {
  it('scaling inside the autoscale bounds is confirmed by the requester, any time', () => {
    const d = decide(scale(8), weekday);
    expect(d).toMatchObject({
      verdict: 'confirm',
      changeType: 'standard',
      environment: 'production',
      approvals: [],
    });
    expect(d.notBefore).toBeUndefined();
    expect(d.windowEnd).toBeUndefined();
    expect(d.reason).toBe(
      'Scaling fraud-detection (blue) from 3 to 8 stays inside the autoscale bounds (3–10), so it is a standard ' +
        'change: the requester confirms it on the card, and it can run at any time.',
    );
    expect(ruleIds(d)).toEqual(['standard-change:confirm']);
  });

  it('the bounds themselves (3 and 10) are inside', () => {
    expect(decide(scale(3, { currentInstances: 5 }), weekday).verdict).toBe('confirm');
    expect(decide(scale(10), weekday).verdict).toBe('confirm');
    expect(decide(scale(11), weekday).changeType).toBe('normal');
  });

  it('starting a compute is standard, also in a month-end blackout', () => {
    const d = decide(compute('compute.start'), '2026-01-31T08:00:00Z');
    expect(d).toMatchObject({ verdict: 'confirm', changeType: 'standard' });
    expect(d.reason).toContain('Starting cpu-cluster-01 is pre-approved, so it is a standard change');
  });

  it('stopping a compute that runs no job is standard', () => {
    const d = decide(compute('compute.stop', { runningJobs: 0 }), weekday);
    expect(d).toMatchObject({ verdict: 'confirm', changeType: 'standard' });
    expect(d.reason).toContain('Stopping cpu-cluster-01 interrupts no running job');
  });

  it('an emergency flag on a standard change leaves it standard and confirmed', () => {
    const d = decide(scale(5), weekday, { emergency: { reason: 'traffic spike' } });
    expect(d).toMatchObject({ verdict: 'confirm', changeType: 'standard', approvals: [] });
    expect(d.reason).toContain('needs no emergency handling');
  });
});

describe('decideChange: normal production changes', () => {
  it('scaling outside the bounds inside the window needs CAB and IT Director, until 06:00 EST', () => {
    const d = decide(scale(12), inside);
    expect(d).toMatchObject({ verdict: 'approve', changeType: 'normal', approvals: cabAndDirector });
    expect(d.windowEnd).toEqual(new Date('2026-12-05T11:00:00Z'));
    expect(d.notBefore).toBeUndefined();
    expect(d.reason).toBe(
      'Scaling fraud-detection (blue) from 3 to 12 is outside the autoscale bounds (3–10), so it is a normal change: ' +
        'CAB and IT Director must approve (two different people, neither of them the requester), and it runs in the ' +
        'Saturday 02:00–06:00 America/New_York window, which is open now until 06:00.',
    );
    expect(ruleIds(d)).toEqual(['production-approval:approve', 'change-window:allow']);
  });

  it('on a weekday it is scheduled for Saturday 02:00 EST, approvals still needed', () => {
    const d = decide(scale(12), weekday);
    expect(d).toMatchObject({ verdict: 'schedule', changeType: 'normal', approvals: cabAndDirector });
    expect(d.notBefore).toEqual(new Date('2026-12-12T07:00:00Z'));
    expect(d.windowEnd).toEqual(new Date('2026-12-12T11:00:00Z'));
    expect(d.reason).toContain('next open Saturday, December 12, 2026, 02:00–06:00 America/New_York.');
    expect(d.rules.find((r) => r.rule === 'change-window')?.reason).toBe(
      'Wednesday, December 9, 2026, 14:00 America/New_York is outside the Saturday 02:00–06:00 America/New_York ' +
        'window, so the change waits for Saturday, December 12, 2026, 02:00–06:00 America/New_York.',
    );
  });

  it('just before 02:00 is scheduled for 02:00 the same day; at 06:00 for the next Saturday', () => {
    const early = decide(scale(12), '2026-12-05T06:59:00Z');
    expect(early.verdict).toBe('schedule');
    expect(early.notBefore).toEqual(new Date('2026-12-05T07:00:00Z'));
    const late = decide(scale(12), '2026-12-05T11:00:00Z');
    expect(late.verdict).toBe('schedule');
    expect(late.notBefore).toEqual(new Date('2026-12-12T07:00:00Z'));
    expect(decide(scale(12), '2026-12-05T07:00:00Z').verdict).toBe('approve');
  });

  it('stopping a compute that runs jobs is normal; unreadable jobs count as running', () => {
    const d = decide(compute('compute.stop', { runningJobs: 2 }), inside);
    expect(d).toMatchObject({ verdict: 'approve', changeType: 'normal', approvals: cabAndDirector });
    expect(d.reason).toContain(
      'Stopping cpu-cluster-01 would interrupt 2 running jobs, so it is a normal change',
    );
    const unknown = decide(compute('compute.stop', { runningJobs: undefined }), inside);
    expect(unknown.changeType).toBe('normal');
  });

  it('rotating a key is always normal', () => {
    const d = decide(rotate, weekday);
    expect(d).toMatchObject({ verdict: 'schedule', changeType: 'normal', approvals: cabAndDirector });
    expect(d.reason).toContain('Rotating aoai-api-key is a key rotation, so it is a normal change');
  });

  it('on a month-end Saturday inside the window hours it waits a week (31 January → 7 February 2026)', () => {
    const d = decide(scale(12), '2026-01-31T08:00:00Z');
    expect(d.verdict).toBe('schedule');
    expect(d.approvals).toEqual(cabAndDirector);
    expect(d.notBefore).toEqual(new Date('2026-02-07T07:00:00Z'));
    expect(d.windowEnd).toEqual(new Date('2026-02-07T11:00:00Z'));
    expect(ruleIds(d)).toEqual(['production-approval:approve', 'blackout:schedule']);
    expect(d.reason).toContain('(Saturday, January 31, 2026 is in the month-end blackout)');
  });

  it('on a quarter-end Saturday (30 September 2028, EDT) it waits for 7 October 02:00 EDT', () => {
    const d = decide(rotate, '2028-09-30T07:00:00Z');
    expect(d.verdict).toBe('schedule');
    expect(d.notBefore).toEqual(new Date('2028-10-07T06:00:00Z'));
    expect(d.rules.find((r) => r.rule === 'blackout')?.reason).toBe(
      'The opening of Saturday, September 30, 2028, 02:00–06:00 America/New_York falls in the quarter-end blackout ' +
        '(the last 3 days of a quarter), so the change waits for Saturday, October 7, 2028, 02:00–06:00 America/New_York.',
    );
  });

  it('on a year-end Saturday (30 December 2028) it waits for 6 January 2029', () => {
    const d = decide(rotate, '2028-12-30T08:00:00Z');
    expect(d.verdict).toBe('schedule');
    expect(d.notBefore).toEqual(new Date('2029-01-06T07:00:00Z'));
    expect(d.reason).toContain('is in the year-end blackout');
  });

  it('on the Thursday before a blackout Saturday it names the skipped opening', () => {
    const d = decide(scale(12), '2026-10-29T16:00:00Z');
    expect(d.notBefore).toEqual(new Date('2026-11-07T07:00:00Z'));
    expect(ruleIds(d)).toEqual([
      'production-approval:approve',
      'change-window:schedule',
      'blackout:schedule',
    ]);
  });

  it('follows DST: a Friday in March before the change, a Saturday after it', () => {
    expect(decide(rotate, '2026-03-06T17:00:00Z').notBefore).toEqual(new Date('2026-03-07T07:00:00Z'));
    expect(decide(rotate, '2026-03-07T11:00:00Z').notBefore).toEqual(new Date('2026-03-14T06:00:00Z'));
    // Saturday 14 March 2026 06:30Z is 02:30 EDT: inside.
    expect(decide(rotate, '2026-03-14T06:30:00Z')).toMatchObject({
      verdict: 'approve',
      windowEnd: new Date('2026-03-14T10:00:00Z'),
    });
    // Saturday 13 November 2027 06:30Z is 01:30 EST: not yet.
    expect(decide(rotate, '2027-11-13T06:30:00Z').notBefore).toEqual(new Date('2027-11-13T07:00:00Z'));
  });
});

describe('decideChange: development resources', () => {
  const dev = compute('compute.stop', {
    resource: 'dev-cpu-cluster-01',
    environment: 'development',
    runningJobs: 1,
  });

  it('a normal change needs one team lead, any time, even in a blackout', () => {
    for (const at of [weekday, '2026-01-31T08:00:00Z', inside]) {
      const d = decide(dev, at);
      expect(d).toMatchObject({
        verdict: 'approve',
        changeType: 'normal',
        environment: 'development',
        approvals: [{ anyOf: ['team-lead'], label: 'Team lead' }],
      });
      expect(d.notBefore).toBeUndefined();
    }
    expect(decide(dev, weekday).reason).toBe(
      'Stopping dev-cpu-cluster-01 would interrupt 1 running job, so it is a normal change on a development ' +
        'resource: a Team lead other than the requester must approve, and it can run at any time.',
    );
  });

  it('takes the development approvers from the config', () => {
    const other = {
      ...config,
      changePolicy: { ...config.changePolicy, developmentApproverRoles: ['l3', 'platform-architect'] },
    } as LandingZoneConfig;
    expect(decide(dev, weekday, {}, other).approvals).toEqual([
      { anyOf: ['l3', 'platform-architect'], label: 'L3 Engineering or Platform Architect' },
    ]);
  });

  it('a standard change on a development resource is confirmed', () => {
    expect(decide({ ...dev, runningJobs: 0 }, weekday).verdict).toBe('confirm');
  });
});

describe('decideChange: emergencies', () => {
  it('one emergency approver, window and blackout waived, listed for CAB review', () => {
    for (const at of [weekday, '2026-01-31T08:00:00Z']) {
      const d = decide(scale(12), at, { emergency: { reason: 'fraud spike' } });
      expect(d).toMatchObject({
        verdict: 'approve',
        changeType: 'emergency',
        approvals: [{ anyOf: ['it-director', 'platform-architect'], label: 'Emergency approver' }],
      });
      expect(d.notBefore).toBeUndefined();
      expect(d.windowEnd).toBeUndefined();
      expect(ruleIds(d)).toEqual(['emergency-approval:approve']);
    }
    expect(decide(rotate, weekday, { emergency: { reason: 'key leaked' } }).reason).toBe(
      'Rotating aoai-api-key is a key rotation, and the requester marked it as an emergency ("key leaked"): one ' +
        'emergency approver (IT Director or Platform Architect) other than the requester must approve, the change ' +
        'window and the blackouts are waived, and it will be listed for CAB review afterwards.',
    );
  });
});

describe('decideChange: hard limits', () => {
  it('refuses a resource the config does not list', () => {
    const d = decide({ ...rotate, resource: 'stripe-key', inConfig: false }, inside, {
      emergency: { reason: 'urgent' },
    });
    expect(d).toMatchObject({ verdict: 'deny', approvals: [] });
    expect(d.reason).toBe(
      'There is no secret called "stripe-key" in the landing-zone config, and the bot changes only resources ' +
        'listed there; no approval can lift this limit.',
    );
    expect(ruleIds(d)).toEqual(['known-resource:deny']);
  });

  it('refuses a deployment the endpoint does not have', () => {
    const d = decide(scale(5, { deployment: 'red', deploymentExists: false }), weekday);
    expect(d.verdict).toBe('deny');
    expect(d.rules).toEqual([
      {
        rule: 'known-deployment',
        verdict: 'deny',
        reason: 'fraud-detection has no deployment called "red", so there is nothing to scale.',
      },
    ]);
  });

  it('refuses fewer than 1 instance, even as an emergency', () => {
    const d = decide(scale(0), inside, { emergency: { reason: 'cost' } });
    expect(d).toMatchObject({ verdict: 'deny', approvals: [] });
    expect(d.notBefore).toBeUndefined();
    expect(d.windowEnd).toBeUndefined();
    expect(ruleIds(d)).toEqual(['minimum-instances:deny']);
  });

  it('reads the fewest instances from the config', () => {
    const two = {
      ...config,
      changePolicy: { ...config.changePolicy, hardLimits: { minInstances: 2 } },
    };
    const autoscaleFromOne = { autoscale: { minInstances: 1, maxInstances: 10 } };
    expect(decide(scale(1, autoscaleFromOne), weekday, {}, two).verdict).toBe('deny');
    expect(decide(scale(2, autoscaleFromOne), weekday, {}, two).verdict).toBe('confirm');
    expect(decide(scale(1, autoscaleFromOne), weekday).verdict).toBe('confirm');
  });

  it('refuses more instances than the quota allows; the quota itself is allowed', () => {
    const over = decide(scale(21), inside);
    expect(over.verdict).toBe('deny');
    expect(over.reason).toBe(
      "Scaling fraud-detection to 21 instances needs more cores than the VM family's free quota has, which allows " +
        'at most 20; no approval can lift this limit.',
    );
    expect(decide(scale(20), inside).verdict).toBe('approve');
  });
});

describe('decideChange: combining rules', () => {
  it('takes the most restrictive finding of the rules it is given', () => {
    const says = (verdict: PolicyDecision['verdict']) => ({
      id: `says-${verdict}`,
      evaluate: () => ({ rule: `says-${verdict}`, verdict, reason: `It says ${verdict}.` }),
    });
    const silent = { id: 'silent', evaluate: () => undefined };
    const verdictOf = (...rules: ReturnType<typeof says>[]) =>
      decideChange({ facts: scale(8), requester, at: new Date(weekday) }, config, [silent, ...rules]).verdict;
    expect(verdictOf(says('allow'), says('confirm'))).toBe('confirm');
    expect(verdictOf(says('schedule'), says('approve'), says('confirm'))).toBe('schedule');
    expect(verdictOf(says('confirm'), says('deny'), says('schedule'))).toBe('deny');
    expect(verdictOf()).toBe('allow');
  });
});
