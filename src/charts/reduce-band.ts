import type { Band } from '../stats/bands';
import { decimateIndices } from './decimate';

/**
 * Points a group's band is reduced to (min/max buckets on its mean, so up to twice as many points): a mean
 * across seeds is smooth, and half of a single history's HISTORY_BUCKETS still gives every pixel column of the
 * widest chart a point. Three lines a group (mean, two edges), five groups: with 2,048 buckets the chart took
 * ~30–90 ms of CPU to lay the points on its grid and draw them, in one task.
 */
export const BAND_BUCKETS = 1024;

/**
 * A band is computed on exact histories, then reduced like a history (see reduce-history.ts) before it leaves
 * the worker: the points are chosen on the mean line (min/max per bucket), and the same points are kept in
 * every column, so the shading stays aligned with the line.
 */
export function reduceBand(band: Band, buckets: number): Band {
  const keep = decimateIndices(band.steps, band.mean, buckets);
  if (keep.length === band.steps.length) return band;
  const pick = (column: Float64Array) => Float64Array.from(keep, (k) => column[k]);
  return {
    steps: pick(band.steps),
    mean: pick(band.mean),
    std: pick(band.std),
    min: pick(band.min),
    max: pick(band.max),
    n: Uint32Array.from(keep, (k) => band.n[k]),
  };
}

/** The arrays of a band, for transferring it out of a worker without a copy. */
export function bandBuffers(band: Band): ArrayBuffer[] {
  return [band.steps, band.mean, band.std, band.min, band.max, band.n].map((a) => a.buffer as ArrayBuffer);
}
