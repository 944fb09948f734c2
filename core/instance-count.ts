import { ErrorCodes, UserFacingError } from './errors';

/**
 * The instance-count rule of an online deployment, in one place: what a count must be at all, where
 * the autoscale bounds put it, and how far the VM family's free quota lets it grow. The adapters
 * (simulator and Azure) and the change policy call these; none writes its own comparison.
 */

/** Azure ML runs a managed online deployment on at least one instance. */
export const fewestDeploymentInstances = 1;

/** A deployment's autoscale bounds, from the config. */
export interface InstanceBounds {
  minInstances: number;
  maxInstances: number;
}

/** The free cores of one VM family's quota, and what one instance of the deployment takes. */
export interface InstanceQuota {
  used: number;
  limit: number;
  coresPerInstance: number;
}

/** True for a whole number of at least `least` (default: the platform's one instance). */
export function isInstanceCount(instances: number, least = fewestDeploymentInstances): boolean {
  return Number.isInteger(instances) && instances >= least;
}

/** Throws `UserFacingError` (OPS-202) unless `instances` is a whole number of at least one. */
export function assertValidInstanceCount(instances: number): void {
  if (isInstanceCount(instances)) return;
  throw new UserFacingError(
    ErrorCodes.invalidArguments,
    `An online deployment needs a whole number of instances, at least ${fewestDeploymentInstances} (got ${instances}).`,
  );
}

/** True when `instances` lies inside the autoscale bounds, both ends included. */
export function insideInstanceBounds(instances: number, bounds: InstanceBounds): boolean {
  return instances >= bounds.minInstances && instances <= bounds.maxInstances;
}

/**
 * The most instances a deployment running `current` can have within the free quota: every
 * instance beyond `current` takes `coresPerInstance` of the cores left (an exhausted or overdrawn
 * quota leaves no room to grow; shrinking is never limited).
 */
export function mostInstancesWithinQuota(current: number, quota: InstanceQuota): number {
  const free = Math.max(0, quota.limit - quota.used);
  return current + Math.floor(free / quota.coresPerInstance);
}
