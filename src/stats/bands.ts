/**
 * A group's mean curve with its spread, on EXACT metric histories (not the decimated series the charts draw:
 * min/max decimation keeps spikes, not averages, so averaging decimated points would be wrong).
 *
 * Alignment rule, for runs that logged different steps or stopped at different lengths:
 * - the x values are the union of every run's logged steps;
 * - at a step, a run contributes its value there if it logged that step, else the straight-line interpolation
 *   between its two neighbouring logged steps;
 * - a run contributes only within its own first … last step: no extrapolation, so a run that stopped early
 *   drops out and `n` at later steps says how many runs are still in the mean;
 * - a step logged twice by one run counts with the value logged last (as MLflow's charts do).
 */

export interface StepSeries {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * What a band's x values measure: the runs' steps, or time. On a time axis the runs are aligned on the seconds
 * since each run started (its history's timestamps minus the run's start time), not on wall-clock time: runs of
 * one group usually ran one after another (or hours apart), so at one wall-clock moment they hardly overlap,
 * while "after 30 s of training" is the same moment of each run. The alignment rule above then applies to
 * those seconds as it does to steps; points a run logged within the same millisecond count as one x value (the
 * one logged last).
 */
export type BandAxis = 'step' | 'time';

/** A run the band reads: its id and start time (ms), which the time axis counts from. */
export interface BandRun {
  runId: string;
  startTime: number;
}

/** One run's history on the band's x axis (see BandAxis). */
export function onBandAxis(
  history: StepSeries & { timestamps: ArrayLike<number> },
  axis: BandAxis,
  startTime: number,
): StepSeries {
  if (axis === 'step') return history;
  const seconds = new Float64Array(history.timestamps.length);
  for (let i = 0; i < seconds.length; i++) seconds[i] = (history.timestamps[i] - startTime) / 1000;
  return { steps: seconds, values: history.values };
}

export interface Band {
  steps: Float64Array;
  mean: Float64Array;
  /** Sample standard deviation across the runs at each step (0 where only one run contributes). */
  std: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** How many runs contribute at each step. */
  n: Uint32Array;
}

/** One run's points ordered by step, non-finite values dropped, a repeated step keeping its last value. */
function cleanSeries(series: StepSeries): { steps: Float64Array; values: Float64Array } {
  const order: number[] = [];
  for (let i = 0; i < series.steps.length; i++) {
    if (Number.isFinite(series.steps[i]) && Number.isFinite(series.values[i])) order.push(i);
  }
  // Stable sort by step: among equal steps the later-logged point stays last, and wins below.
  order.sort((i, j) => series.steps[i] - series.steps[j] || i - j);
  const steps: number[] = [];
  const values: number[] = [];
  for (const i of order) {
    const step = series.steps[i];
    if (steps.length > 0 && steps[steps.length - 1] === step) values[values.length - 1] = series.values[i];
    else {
      steps.push(step);
      values.push(series.values[i]);
    }
  }
  return { steps: Float64Array.from(steps), values: Float64Array.from(values) };
}

function unionOfSteps(runs: readonly { steps: Float64Array }[]): Float64Array {
  let total = 0;
  for (const r of runs) total += r.steps.length;
  const all = new Float64Array(total);
  let offset = 0;
  for (const r of runs) {
    all.set(r.steps, offset);
    offset += r.steps.length;
  }
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[unique - 1]) all[unique++] = all[i];
  return all.slice(0, unique);
}

/** The first index of `sorted` holding a value ≥ `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mean, std, min and max across `histories` at every step of their union (see the alignment rule above). */
export function computeBand(histories: readonly StepSeries[]): Band {
  const runs = histories.map(cleanSeries).filter((r) => r.steps.length > 0);
  const steps = unionOfSteps(runs);
  const size = steps.length;
  const mean = new Float64Array(size);
  // Welford's running sums of squared deviations: stable where losses differ only in their fifth digit.
  const squares = new Float64Array(size);
  const min = new Float64Array(size).fill(Infinity);
  const max = new Float64Array(size).fill(-Infinity);
  const n = new Uint32Array(size);
  for (const run of runs) {
    const last = run.steps.length - 1;
    let j = 0;
    for (let u = lowerBound(steps, run.steps[0]); u < size && steps[u] <= run.steps[last]; u++) {
      const step = steps[u];
      while (j < last && run.steps[j + 1] <= step) j++;
      const value =
        run.steps[j] === step
          ? run.values[j]
          : run.values[j] +
            ((run.values[j + 1] - run.values[j]) * (step - run.steps[j])) / (run.steps[j + 1] - run.steps[j]);
      const count = ++n[u];
      const delta = value - mean[u];
      mean[u] += delta / count;
      squares[u] += delta * (value - mean[u]);
      if (value < min[u]) min[u] = value;
      if (value > max[u]) max[u] = value;
    }
  }
  const std = new Float64Array(size);
  for (let u = 0; u < size; u++) std[u] = n[u] > 1 ? Math.sqrt(squares[u] / (n[u] - 1)) : 0;
  return { steps, mean, std, min, max, n };
}
