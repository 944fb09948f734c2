import type { PolicyRule } from '../change-policy';

/** Hard limit: a scale stays within what the VM family's free quota allows. */
export const quotaRule: PolicyRule = {
  id: 'quota',
  evaluate({ facts }) {
    const most = facts.quotaMaxInstances;
    if (facts.skill !== 'endpoint.scale' || facts.targetInstances === undefined || most === undefined)
      return undefined;
    if (facts.targetInstances <= most) return undefined;
    return {
      rule: this.id,
      verdict: 'deny',
      reason: `Scaling ${facts.resource} to ${facts.targetInstances} instances needs more cores than the VM family's free quota has, which allows at most ${most}.`,
    };
  },
};
