import type { PolicyRule } from '../change-policy';

/** Hard limit: a scale names a deployment the endpoint has. */
export const knownDeploymentRule: PolicyRule = {
  id: 'known-deployment',
  evaluate({ facts }) {
    if (facts.skill !== 'endpoint.scale' || !facts.inConfig || facts.deploymentExists !== false)
      return undefined;
    return {
      rule: this.id,
      verdict: 'deny',
      reason: `${facts.resource} has no deployment called "${facts.deployment ?? ''}", so there is nothing to scale.`,
    };
  },
};
