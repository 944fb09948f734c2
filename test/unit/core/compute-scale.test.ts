import { assertValidComputeScale } from '../../../core/compute-scale';

describe('assertValidComputeScale', () => {
  it.each([
    [0, 1],
    [0, 4],
    [2, 2],
  ])('accepts minimum %d, maximum %d', (minNodes, maxNodes) => {
    expect(() => assertValidComputeScale({ minNodes, maxNodes })).not.toThrow();
  });

  it.each([
    [-1, 4],
    [0, 0],
    [5, 4],
    [1.5, 4],
    [0, Number.NaN],
  ])('refuses minimum %d, maximum %d with OPS-202 naming both', (minNodes, maxNodes) => {
    let error: { code?: string; message?: string } = {};
    try {
      assertValidComputeScale({ minNodes, maxNodes });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).toBe('OPS-202');
    expect(error.message).toBe(
      `Scale settings need whole numbers with 0 ≤ minimum ≤ maximum and a maximum of at least 1 (got minimum ${minNodes}, maximum ${maxNodes}).`,
    );
  });
});
