import type { PolicyRule } from '../change-policy';
import { isNormalProductionChange } from '../change-type';
import {
  describeInstant,
  describeOpening,
  describeWindow,
  nextAllowedWindow,
  windowOccurrences,
} from '../change-window';

/**
 * A normal production change runs only inside the production window: inside it, until the window
 * closes; outside it, from the next allowed opening. An opening in a blackout is the blackout rule's.
 */
export const changeWindowRule: PolicyRule = {
  id: 'change-window',
  evaluate(request, config) {
    if (!isNormalProductionChange(request)) return undefined;
    const policy = config.changePolicy;
    const current = windowOccurrences(request.at, policy).next().value;
    const inHours = current !== undefined && current.start.getTime() <= request.at.getTime();
    if (inHours && current.blackout) return undefined;
    if (inHours) {
      return {
        rule: this.id,
        verdict: 'allow',
        reason: `It is inside the ${describeWindow(policy)} window, which closes at ${policy.productionWindow.end}.`,
        windowEnd: current.end,
      };
    }
    const next = nextAllowedWindow(request.at, config);
    return {
      rule: this.id,
      verdict: 'schedule',
      reason: `${describeInstant(request.at, policy)} is outside the ${describeWindow(policy)} window, so the change waits for ${describeOpening(next, policy)}.`,
      notBefore: next.start,
      windowEnd: next.end,
    };
  },
};
