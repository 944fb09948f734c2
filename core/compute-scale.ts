import { ErrorCodes, UserFacingError } from './errors';

/** A cluster's scale settings: the fewest and the most nodes it may run. */
export interface ComputeScale {
  minNodes: number;
  maxNodes: number;
}

/**
 * Checks a cluster's requested scale settings: whole numbers, 0 ≤ minimum ≤ maximum, maximum at
 * least 1. Throws `UserFacingError` (OPS-202) naming both values; returns nothing when they are valid.
 */
export function assertValidComputeScale({ minNodes, maxNodes }: ComputeScale): void {
  if (
    Number.isInteger(minNodes) &&
    Number.isInteger(maxNodes) &&
    minNodes >= 0 &&
    maxNodes >= 1 &&
    minNodes <= maxNodes
  )
    return;
  throw new UserFacingError(
    ErrorCodes.invalidArguments,
    `Scale settings need whole numbers with 0 ≤ minimum ≤ maximum and a maximum of at least 1 (got minimum ${minNodes}, maximum ${maxNodes}).`,
  );
}
