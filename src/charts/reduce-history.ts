import { decimateIndices } from './decimate';
import type { MetricHistory } from '../tracking';

/**
 * Metric histories are reduced once when loaded: 100 runs × 100,000 points would be 240 MB of columns and a
 * long pass per redraw, while 2,048 min/max buckets per history keep every spike visible on any chart up to
 * 2,048 px wide (wider than a chart gets on this page) and make redraws cheap. The legend reads these points.
 */
export const HISTORY_BUCKETS = 2048;

/** Keeps the same points in all three columns (chosen on steps × values). */
export function reduceHistory(history: MetricHistory, buckets = HISTORY_BUCKETS): MetricHistory {
  const keep = decimateIndices(history.steps, history.values, buckets);
  if (keep.length === history.steps.length) return history;
  const pick = (column: Float64Array) => {
    const out = new Float64Array(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = column[keep[k]];
    return out;
  };
  return { steps: pick(history.steps), values: pick(history.values), timestamps: pick(history.timestamps) };
}
