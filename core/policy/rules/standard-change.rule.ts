import type { PolicyRule } from '../change-policy';
import { classifyChange } from '../change-type';

/** A standard change is pre-approved: the requester confirms it, at any time, in any environment. */
export const standardChangeRule: PolicyRule = {
  id: 'standard-change',
  evaluate(request) {
    const change = classifyChange(request);
    if (change.type !== 'standard') return undefined;
    return {
      rule: this.id,
      verdict: 'confirm',
      reason: `${change.subject} ${change.because}, so it is a standard change that the requester confirms and that can run at any time.`,
    };
  },
};
