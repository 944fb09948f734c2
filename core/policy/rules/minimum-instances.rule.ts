import { isInstanceCount } from '../../instance-count';
import type { PolicyRule } from '../change-policy';

/** Hard limit: a deployment keeps at least `hardLimits.minInstances` instances. */
export const minimumInstancesRule: PolicyRule = {
  id: 'minimum-instances',
  evaluate({ facts }, config) {
    const least = config.changePolicy.hardLimits.minInstances;
    if (
      facts.skill !== 'endpoint.scale' ||
      facts.targetInstances === undefined ||
      isInstanceCount(facts.targetInstances, least)
    )
      return undefined;
    return {
      rule: this.id,
      verdict: 'deny',
      reason: `Scaling ${facts.resource} to ${facts.targetInstances} would leave fewer than ${least} instance${least === 1 ? '' : 's'}, the least the policy allows.`,
    };
  },
};
