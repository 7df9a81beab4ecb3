import type { Band } from '../stats/bands';
import { decimateIndices } from './decimate';

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
