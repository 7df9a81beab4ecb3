/**
 * Descriptive statistics over the values a group of runs holds. Missing values (undefined, NaN) are skipped
 * rather than counted as zero: a run that never logged a metric says nothing about it, and `n` says how many did.
 */

export type Aggregate = 'mean' | 'median' | 'min' | 'max';

export const AGGREGATES: readonly Aggregate[] = ['mean', 'median', 'min', 'max'];

export interface Description {
  /** How many finite values were described. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator, as numpy's ddof=1 and scipy's t-test use); 0 for n = 1. */
  std: number;
  median: number;
  min: number;
  max: number;
}

/** The finite numbers among `values`, in order. */
export function finiteValues(values: Iterable<number | undefined | null>): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return out;
}

/** Describes the finite values; null when there are none (a group where nobody logged the metric). */
export function describe(values: Iterable<number | undefined | null>): Description | null {
  const xs = finiteValues(values);
  const n = xs.length;
  if (n === 0) return null;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let squares = 0;
  for (const x of xs) squares += (x - mean) * (x - mean);
  const sorted = xs.slice().sort((a, b) => a - b);
  const half = n >> 1;
  const median = n % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  return { n, mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0, median, min, max };
}

/** The one number an aggregate picks from a description. */
export function aggregateValue(description: Description, aggregate: Aggregate): number {
  return description[aggregate];
}
