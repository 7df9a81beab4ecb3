import type { Band } from '../stats/bands';
import { decimateIndices } from './decimate';

/**
 * Buckets a group's band is reduced to (min/max per bucket on its mean, so up to twice as many points). A mean
 * across seeds is smooth: ~1,000 points draw it faithfully on the widest chart, where a single history keeps
 * HISTORY_BUCKETS for its spikes. Three lines a group (mean, two edges), five groups: the chart builds its uPlot
 * paths from every point in one task, ~30–90 ms of CPU with 2,048 buckets (15 × 4,096 points) on a busy machine.
 */
export const BAND_BUCKETS = 512;

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
