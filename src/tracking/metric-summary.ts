import type { MetricSummary } from './types';

/**
 * MLflow's "latest value" rule: the point with the largest (step, timestamp, value) wins. NaN never compares
 * greater, as in Python's tuple comparison, so a NaN logged at the same step and time does not displace a number.
 */
export function isLater(
  step: number,
  timestamp: number,
  value: number,
  than: { step: number; timestamp: number; value: number },
): boolean {
  if (step !== than.step) return step > than.step;
  if (timestamp !== than.timestamp) return timestamp > than.timestamp;
  return value > than.value;
}

/** Folds a batch of points into a run's summary of one metric (latest point, min, max, count). */
export function summarise(
  previous: MetricSummary | undefined,
  steps: ArrayLike<number>,
  values: ArrayLike<number>,
  timestamps: ArrayLike<number>,
): MetricSummary {
  const s: MetricSummary = previous
    ? { ...previous }
    : { value: values[0], step: steps[0], timestamp: timestamps[0], min: NaN, max: NaN, count: 0 };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0 || previous) {
      if (isLater(steps[i], timestamps[i], v, s)) {
        s.value = v;
        s.step = steps[i];
        s.timestamp = timestamps[i];
      }
    }
    if (!Number.isNaN(v)) {
      if (Number.isNaN(s.min) || v < s.min) s.min = v;
      if (Number.isNaN(s.max) || v > s.max) s.max = v;
    }
  }
  s.count += values.length;
  return s;
}
