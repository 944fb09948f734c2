import type { PolicyRule } from '../change-policy';
import { classifyChange } from '../change-type';
import { distinctPeople, joinWords, roleLabel } from '../role-labels';

/** A normal production change needs one distinct approver per `normalApproverRoles` role (CAB and IT Director). */
export const productionApprovalRule: PolicyRule = {
  id: 'production-approval',
  evaluate(request, config) {
    const change = classifyChange(request);
    if (change.type !== 'normal' || request.facts.environment !== 'production') return undefined;
    const approvals = config.changePolicy.normalApproverRoles.map((role) => ({
      anyOf: [role],
      label: roleLabel(role),
    }));
    const who = joinWords(
      approvals.map((a) => a.label),
      'and',
    );
    return {
      rule: this.id,
      verdict: 'approve',
      reason: `${change.subject} ${change.because}, so it is a normal production change: ${who} must approve it (${distinctPeople(approvals.length)}).`,
      approvals,
    };
  },
};
