import {
  assertValidInstanceCount,
  insideInstanceBounds,
  isInstanceCount,
  mostInstancesWithinQuota,
} from '../../../core/instance-count';
import { UserFacingError } from '../../../core/errors';

describe('the instance-count rule', () => {
  it('accepts whole numbers from one up and refuses zero, negatives and fractions with OPS-202', () => {
    for (const ok of [1, 2, 50]) expect(() => assertValidInstanceCount(ok)).not.toThrow();
    for (const bad of [0, -3, 2.5, Number.NaN]) {
      let caught: unknown;
      try {
        assertValidInstanceCount(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UserFacingError);
      expect((caught as UserFacingError).code).toBe('OPS-202');
      expect((caught as UserFacingError).message).toContain(`(got ${bad})`);
    }
  });

  it('holds a count to a configured least', () => {
    expect(isInstanceCount(2, 2)).toBe(true);
    expect(isInstanceCount(1, 2)).toBe(false);
    expect(isInstanceCount(0, 0)).toBe(true);
  });

  it('counts both autoscale bounds as inside', () => {
    const bounds = { minInstances: 3, maxInstances: 10 };
    expect([2, 3, 10, 11].map((n) => insideInstanceBounds(n, bounds))).toEqual([false, true, true, false]);
  });

  it('lets a deployment grow by the whole instances the free cores pay for, never below where it is', () => {
    // 96 of 100 cores used, 4 cores an instance: one more instance fits.
    expect(mostInstancesWithinQuota(3, { used: 96, limit: 100, coresPerInstance: 4 })).toBe(4);
    // 7 free cores still buy one 4-core instance, not two.
    expect(mostInstancesWithinQuota(3, { used: 93, limit: 100, coresPerInstance: 4 })).toBe(4);
    // an overdrawn quota leaves the deployment where it is.
    expect(mostInstancesWithinQuota(3, { used: 120, limit: 100, coresPerInstance: 4 })).toBe(3);
  });
});
