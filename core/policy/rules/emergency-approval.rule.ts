import type { PolicyRule } from '../change-policy';
import { classifyChange } from '../change-type';
import { joinWords, roleLabel } from '../role-labels';

/**
 * An emergency needs one approver from `emergencyApproverRoles`; the window and the blackouts do not
 * apply, and the change is listed for the CAB to review afterwards.
 */
export const emergencyApprovalRule: PolicyRule = {
  id: 'emergency-approval',
  evaluate(request, config) {
    const change = classifyChange(request);
    if (change.type !== 'emergency') return undefined;
    const roles = config.changePolicy.emergencyApproverRoles;
    return {
      rule: this.id,
      verdict: 'approve',
      reason: `${change.subject} is marked as an emergency ("${request.emergency?.reason ?? ''}"): one emergency approver (${joinWords(roles.map(roleLabel), 'or')}) other than the requester must approve it, the change window and the blackouts are waived, and it will be listed for CAB review.`,
      approvals: [{ anyOf: [...roles], label: 'Emergency approver' }],
    };
  },
};
