/** A key that picks one deterministic draw: names, slot numbers, day numbers. */
export type RandomKey = string | number;

/**
 * Deterministic noise for the simulator: the same seed and keys always give the same number, so a
 * simulated landing zone looks the same for a given seed and instant however often it is read.
 */
export class SeededRandom {
  constructor(readonly seed: number) {}

  /** A number in [0, 1) fixed by the seed and the keys. */
  unit(...keys: RandomKey[]): number {
    return hashKeys(this.seed, keys) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number, ...keys: RandomKey[]): number {
    return min + Math.floor(this.unit(...keys) * (max - min + 1));
  }

  /** A number in [min, max). */
  between(min: number, max: number, ...keys: RandomKey[]): number {
    return min + this.unit(...keys) * (max - min);
  }

  pick<T>(items: readonly T[], ...keys: RandomKey[]): T {
    return items[Math.floor(this.unit(...keys) * items.length)];
  }

  /** Picks by weight; weights need not add up to anything in particular. */
  weighted<T>(items: readonly { value: T; weight: number }[], ...keys: RandomKey[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let left = this.unit(...keys) * total;
    for (const item of items) {
      left -= item.weight;
      if (left < 0) return item.value;
    }
    return items[items.length - 1].value;
  }

  /**
   * Noise in [-1, 1] that drifts smoothly over time: value noise on a lattice of `periodMs` with
   * an octave at a quarter of the period, so neighbouring instants give neighbouring values.
   */
  smooth(timeMs: number, periodMs: number, ...keys: RandomKey[]): number {
    return (
      0.7 * this.lattice(timeMs, periodMs, keys) +
      0.3 * this.lattice(timeMs, periodMs / 4, [...keys, 'octave'])
    );
  }

  private lattice(timeMs: number, periodMs: number, keys: RandomKey[]): number {
    const position = timeMs / periodMs;
    const cell = Math.floor(position);
    const f = position - cell;
    const eased = f * f * (3 - 2 * f);
    const a = this.unit(...keys, cell) * 2 - 1;
    const b = this.unit(...keys, cell + 1) * 2 - 1;
    return a + (b - a) * eased;
  }
}

function hashKeys(seed: number, keys: RandomKey[]): number {
  let h = fmix(Math.floor(seed) ^ 0x9e3779b9);
  for (const key of keys) {
    if (typeof key === 'number') {
      const whole = Math.floor(key);
      h = combine(h, 0x6e756d);
      h = combine(h, whole >>> 0);
      h = combine(h, Math.floor(whole / 4294967296) | 0);
    } else {
      h = combine(h, 0x737472);
      for (let i = 0; i < key.length; i++) h = combine(h, key.charCodeAt(i));
    }
    h = fmix(h);
  }
  return h >>> 0;
}

function combine(h: number, value: number): number {
  return fmix((h ^ Math.imul(value | 0, 0xcc9e2d51)) + 0xe6546b64);
}

function fmix(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
