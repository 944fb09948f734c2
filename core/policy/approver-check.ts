import type { RoleId } from '../config/landing-zone.schema';
import type { ApproverCheck, GivenApproval, PolicyDecision } from './change-policy';
import { joinWords, roleLabel } from './role-labels';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * May `actor` approve now, and which slot does it fill? Refuses the requester, a second approval by
 * the same person (one person cannot fill both CAB and IT Director), a role no open slot names, and a
 * fully approved change. The first open slot the actor's roles match is the one filled.
 */
export function checkApprover(input: {
  decision: PolicyDecision;
  requesterId: string;
  given: GivenApproval[];
  actor: { aadObjectId: string; roles: RoleId[] };
}): ApproverCheck {
  const { decision, requesterId, given, actor } = input;
  const slots = decision.approvals;
  if (!slots.length) {
    return {
      ok: false,
      reason:
        decision.verdict === 'deny'
          ? 'The policy refuses this change, and no approval can lift that.'
          : 'This change needs no approval: the requester confirms it.',
    };
  }
  if (same(actor.aadObjectId, requesterId)) {
    return { ok: false, reason: 'You asked for this change, so someone else has to approve it.' };
  }
  const mine = given.find((g) => same(g.actorId, actor.aadObjectId));
  if (mine) {
    const as = slots[mine.slot]?.label ?? 'an approver';
    return {
      ok: false,
      reason: `You have already approved this change as ${as}; the other approvals must come from other people.`,
    };
  }
  const filled = new Set(given.map((g) => g.slot));
  const open = slots.map((slot, index) => ({ slot, index })).filter((s) => !filled.has(s.index));
  if (!open.length) return { ok: false, reason: 'This change already has every approval it needs.' };
  const match = open.find((s) => s.slot.anyOf.some((role) => actor.roles.includes(role)));
  if (match) return { ok: true, slot: match.index };
  const needed = joinWords([...new Set(open.flatMap((s) => s.slot.anyOf))].map(roleLabel), 'or');
  const held = actor.roles.length ? joinWords(actor.roles.map(roleLabel), 'and') : 'no role';
  return {
    ok: false,
    reason: `${open.length > 1 ? 'The approvals still open need' : 'The approval still open needs'} ${needed}, and you hold ${held}.`,
  };
}
