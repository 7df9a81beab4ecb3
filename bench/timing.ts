import { Dexie } from 'dexie';

/**
 * Milliseconds an async task takes, on the page's monotonic clock. Collects garbage first (when the browser
 * allows it) so that one repetition's garbage is not collected on the next one's clock.
 */
export async function timeMs(task: () => Promise<unknown> | unknown): Promise<number> {
  // Exposed by Chromium's --js-flags=--expose-gc, which the driver passes.
  const collect = (globalThis as { gc?: () => void }).gc;
  if (typeof collect === 'function') collect();
  const start = performance.now();
  await task();
  return performance.now() - start;
}

let nextDb = 0;

/** A database name no earlier repetition used, so every repetition starts from an empty store. */
export function freshDbName(prefix: string): string {
  return `bench-${prefix}-${Date.now()}-${nextDb++}`;
}

/** Deletes a benchmark database, so repetitions do not fill the disk. */
export async function dropDb(name: string): Promise<void> {
  await Dexie.delete(name);
}

/** Deterministic pseudo-random values (mulberry32), so every repetition and baseline stores the same bytes. */
export function seededValues(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return out;
}
