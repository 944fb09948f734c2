import type { PolicyRule } from '../change-policy';
import type { BlackoutKind } from '../blackout-calendar';
import { isNormalProductionChange } from '../change-type';
import { describeOpening, nextAllowedWindow, skippedOpenings } from '../change-window';

const spans: Record<BlackoutKind, string> = {
  'month-end': 'month',
  'quarter-end': 'quarter',
  'year-end': 'year',
};

/**
 * A normal production change never runs in a blackout: an opening of the window that touches a
 * blackout day is skipped entirely, and the change waits for the next opening outside them.
 */
export const blackoutRule: PolicyRule = {
  id: 'blackout',
  evaluate(request, config) {
    if (!isNormalProductionChange(request)) return undefined;
    const policy = config.changePolicy;
    const skipped = skippedOpenings(request.at, policy);
    if (!skipped.length) return undefined;
    const next = nextAllowedWindow(request.at, config);
    const first = skipped[0];
    const kind = first.blackout ?? 'month-end';
    const more = skipped.length > 1 ? ` (and ${skipped.length - 1} more after it)` : '';
    return {
      rule: this.id,
      verdict: 'schedule',
      reason: `The opening of ${describeOpening(first, policy)}${more} falls in the ${kind} blackout (the last ${policy.monthEndDays} days of a ${spans[kind]}), so the change waits for ${describeOpening(next, policy)}.`,
      notBefore: next.start,
      windowEnd: next.end,
    };
  },
};
