/**
 * Seeded randomness for everything tabflow generates or shuffles. Math.random cannot be seeded, and a run must be
 * reproducible from its params alone, so every random draw in src/ml goes through one of these generators.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** The largest seed: seeds are unsigned 32-bit integers so they survive a round trip through a string param. */
export const MAX_SEED = 0xffffffff;

/**
 * mulberry32: 32 bits of state, fast, and good enough for data generation and shuffling (it passes gjrand's
 * tests at the sizes we use). Not for anything security-related.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [a, b). */
export function uniform(rng: Rng, a: number, b: number): number {
  return a + rng() * (b - a);
}

/** A normal sample with the given mean and standard deviation (Marsaglia's polar method, as the Playground uses). */
export function gaussian(rng: Rng, mean = 0, std = 1): number {
  let v1: number;
  let v2: number;
  let s: number;
  do {
    v1 = 2 * rng() - 1;
    v2 = 2 * rng() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s >= 1 || s === 0);
  return mean + std * Math.sqrt((-2 * Math.log(s)) / s) * v1;
}

/** A seeded Fisher–Yates permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/**
 * A new seed derived from a base seed and a path of integers (layer index, epoch, batch...). Streams derived with
 * different paths are independent, and the result is never 0 because tfjs treats a falsy seed as "no seed".
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of path) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h === 0 ? 1 : h;
}
