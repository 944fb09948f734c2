import type { RoleId } from '../../../../core/config/landing-zone.schema';
import {
  checkApprover,
  decideChange,
  type GivenApproval,
  type PolicyDecision,
} from '../../../../core/policy/change-policy';
import { demoPeople, loadShippedConfig } from '../../../helpers/landing-zone-config';

const config = loadShippedConfig();
const at = new Date('2026-12-05T08:00:00Z');
const requesterId = demoPeople.alex;

const normal = decideChange(
  {
    facts: { skill: 'secret.rotate', resource: 'aoai-api-key', inConfig: true, environment: 'production' },
    requester: { aadObjectId: requesterId, roles: ['l2'] },
    at,
  },
  config,
);

const person = (aadObjectId: string, ...roles: RoleId[]) => ({ aadObjectId, roles });
const megan = person(demoPeople.megan, 'cab');
const adele = person(demoPeople.adele, 'it-director');
const both = person('00000000-0000-0000-0000-00000000009a', 'cab', 'it-director');
const given = (actor: { aadObjectId: string; roles: RoleId[] }, slot: number): GivenApproval => ({
  actorId: actor.aadObjectId,
  roles: actor.roles,
  slot,
  at,
});

function check(actor: { aadObjectId: string; roles: RoleId[] }, so: GivenApproval[] = [], decision = normal) {
  return checkApprover({ decision, requesterId, given: so, actor });
}

describe('checkApprover', () => {
  it('needs the two slots CAB (0) and IT Director (1) for this decision', () => {
    expect(normal.approvals.map((a) => a.label)).toEqual(['CAB', 'IT Director']);
  });

  it('gives each approver the slot of the role they hold, in either order', () => {
    expect(check(megan)).toEqual({ ok: true, slot: 0 });
    expect(check(adele)).toEqual({ ok: true, slot: 1 });
    expect(check(megan, [given(adele, 1)])).toEqual({ ok: true, slot: 0 });
    expect(check(adele, [given(megan, 0)])).toEqual({ ok: true, slot: 1 });
  });

  it('refuses the requester, even one who holds an approver role', () => {
    expect(check(person(requesterId, 'cab', 'it-director'))).toEqual({
      ok: false,
      reason: 'You asked for this change, so someone else has to approve it.',
    });
    expect(check(person(requesterId.toUpperCase(), 'cab')).ok).toBe(false);
  });

  it('refuses the same person twice', () => {
    expect(check(megan, [given(megan, 0)])).toEqual({
      ok: false,
      reason:
        'You have already approved this change as CAB; the other approvals must come from other people.',
    });
  });

  it('lets a person with both CAB and IT Director fill only one slot', () => {
    expect(check(both)).toEqual({ ok: true, slot: 0 });
    expect(check(both, [given(both, 0)]).ok).toBe(false);
    expect(check(both, [given(megan, 0)])).toEqual({ ok: true, slot: 1 });
  });

  it('refuses a role no open slot names, saying which role is needed', () => {
    expect(check(person(demoPeople.lee, 'l1'))).toEqual({
      ok: false,
      reason: 'The approvals still open need CAB or IT Director, and you hold L1 Support.',
    });
    const secondCab = person('00000000-0000-0000-0000-00000000009b', 'cab');
    expect(check(secondCab, [given(megan, 0)])).toEqual({
      ok: false,
      reason: 'The approval still open needs IT Director, and you hold CAB.',
    });
  });

  it('refuses a third approval once the change is fully approved', () => {
    const third = person('00000000-0000-0000-0000-00000000009c', 'cab', 'it-director');
    expect(check(third, [given(megan, 0), given(adele, 1)])).toEqual({
      ok: false,
      reason: 'This change already has every approval it needs.',
    });
  });

  it('refuses any approval of a change that needs none, or that the policy refuses', () => {
    const standard: PolicyDecision = { ...normal, verdict: 'confirm', changeType: 'standard', approvals: [] };
    expect(check(adele, [], standard)).toEqual({
      ok: false,
      reason: 'This change needs no approval: the requester confirms it.',
    });
    const denied: PolicyDecision = { ...normal, verdict: 'deny', approvals: [] };
    expect(check(adele, [], denied)).toEqual({
      ok: false,
      reason: 'The policy refuses this change, and no approval can lift that.',
    });
  });

  it('fills the one emergency slot with either emergency role', () => {
    const emergency = decideChange(
      {
        facts: {
          skill: 'secret.rotate',
          resource: 'aoai-api-key',
          inConfig: true,
          environment: 'production',
        },
        requester: { aadObjectId: requesterId, roles: ['l2'] },
        emergency: { reason: 'key leaked' },
        at,
      },
      config,
    );
    expect(check(person(demoPeople.nestor, 'platform-architect'), [], emergency)).toEqual({
      ok: true,
      slot: 0,
    });
    expect(check(megan, [], emergency).ok).toBe(false);
    expect(check(adele, [given(person(demoPeople.nestor, 'platform-architect'), 0)], emergency).ok).toBe(
      false,
    );
  });
});
