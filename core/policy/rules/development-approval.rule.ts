import type { PolicyRule } from '../change-policy';
import { classifyChange } from '../change-type';
import { joinWords, roleLabel } from '../role-labels';

/** A normal change on a development resource needs one approver from `developmentApproverRoles`, at any time. */
export const developmentApprovalRule: PolicyRule = {
  id: 'development-approval',
  evaluate(request, config) {
    const change = classifyChange(request);
    if (change.type !== 'normal' || request.facts.environment !== 'development') return undefined;
    const roles = config.changePolicy.developmentApproverRoles;
    const label = joinWords(roles.map(roleLabel), 'or');
    return {
      rule: this.id,
      verdict: 'approve',
      reason: `${change.subject} ${change.because}, so it is a normal change on a development resource: a ${label} other than the requester must approve it, and it can run at any time.`,
      approvals: [{ anyOf: [...roles], label }],
    };
  },
};
