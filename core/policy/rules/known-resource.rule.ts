import type { PolicyRule } from '../change-policy';

const kindOf = {
  'compute.start': 'compute',
  'compute.stop': 'compute',
  'endpoint.scale': 'endpoint',
  'secret.rotate': 'secret',
};

/** Hard limit: the bot changes only resources the landing-zone config lists. */
export const knownResourceRule: PolicyRule = {
  id: 'known-resource',
  evaluate({ facts }) {
    if (facts.inConfig) return undefined;
    return {
      rule: this.id,
      verdict: 'deny',
      reason: `There is no ${kindOf[facts.skill]} called "${facts.resource}" in the landing-zone config, and the bot changes only resources listed there.`,
    };
  },
};
