/**
 * Min/max decimation: shrink a series to about two points per pixel column without losing its shape. Every
 * bucket keeps its smallest and largest value (so spikes survive, unlike averaging or plain sampling), and the
 * first and last points are always kept so a line starts and ends where the data does. Non-finite values are
 * dropped: they cannot be drawn and would hide a bucket's real extremes.
 */

export interface XYSeries {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
}

export interface DecimatedSeries {
  xs: Float64Array;
  ys: Float64Array;
}

/** The x range covered by finite points of all series, or null when there is none. */
export function xExtent(series: readonly XYSeries[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { xs, ys } of series) {
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      if (!Number.isFinite(x) || !Number.isFinite(ys[i])) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * Keeps, for each of `buckets` equal-width x intervals, the points holding the minimum and the maximum y, plus
 * the first and last finite points, in their original order. Series already small enough are returned whole
 * (minus non-finite points). Works on unsorted x too: buckets are chosen by x value, output keeps input order.
 */
export function decimateMinMax(xs: ArrayLike<number>, ys: ArrayLike<number>, buckets: number): DecimatedSeries {
  return pick(xs, ys, decimateIndices(xs, ys, buckets));
}

/** The indices decimateMinMax keeps, ascending: for picking the same points out of parallel columns. */
export function decimateIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, buckets: number): number[] {
  const n = Math.min(xs.length, ys.length);
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    count++;
    if (xs[i] < lo) lo = xs[i];
    if (xs[i] > hi) hi = xs[i];
  }
  const bucketCount = Math.max(1, Math.floor(buckets));
  if (count <= 2 * bucketCount + 2) {
    const all: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) all.push(i);
    return all;
  }
  const minIndex = new Int32Array(bucketCount).fill(-1);
  const maxIndex = new Int32Array(bucketCount).fill(-1);
  const scale = hi > lo ? bucketCount / (hi - lo) : 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (first < 0) first = i;
    last = i;
    const b = Math.min(bucketCount - 1, Math.floor((x - lo) * scale));
    if (minIndex[b] < 0 || y < ys[minIndex[b]]) minIndex[b] = i;
    if (maxIndex[b] < 0 || y > ys[maxIndex[b]]) maxIndex[b] = i;
  }
  const keep = new Set<number>([first, last]);
  for (let b = 0; b < bucketCount; b++) {
    if (minIndex[b] >= 0) keep.add(minIndex[b]);
    if (maxIndex[b] >= 0) keep.add(maxIndex[b]);
  }
  return [...keep].sort((a, b) => a - b);
}

function pick(xs: ArrayLike<number>, ys: ArrayLike<number>, indices: readonly number[]): DecimatedSeries {
  const outX = new Float64Array(indices.length);
  const outY = new Float64Array(indices.length);
  indices.forEach((index, k) => {
    outX[k] = xs[index];
    outY[k] = ys[index];
  });
  return { xs: outX, ys: outY };
}

/**
 * Lines for uPlot, which wants one shared x column: every series is reduced onto the same grid of two slots per
 * pixel column across [lo, hi]. A bucket's min and max go to its two slots in the order they were logged, so the
 * drawn line still goes up-then-down or down-then-up like the data. Empty slots are null (uPlot skips or spans
 * them). Cost is one pass over the points plus grid-size per series, whatever the input size.
 */
export function alignOnGrid(
  series: readonly XYSeries[],
  lo: number,
  hi: number,
  buckets: number,
  keep: (y: number) => boolean = Number.isFinite,
): { xs: Float64Array; ys: (number | null)[][] } {
  const bucketCount = Math.max(1, Math.floor(buckets));
  const width = hi > lo ? (hi - lo) / bucketCount : 1;
  const gridX = new Float64Array(bucketCount * 2);
  for (let b = 0; b < bucketCount; b++) {
    gridX[2 * b] = lo + width * (b + 0.25);
    gridX[2 * b + 1] = lo + width * (b + 0.75);
  }
  if (hi <= lo) gridX.fill(lo);
  const scale = hi > lo ? bucketCount / (hi - lo) : 0;
  const minIndex = new Int32Array(bucketCount);
  const maxIndex = new Int32Array(bucketCount);
  const columns = series.map(({ xs, ys }) => {
    minIndex.fill(-1);
    maxIndex.fill(-1);
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      const y = ys[i];
      if (!Number.isFinite(x) || x < lo || x > hi || !keep(y)) continue;
      const b = Math.min(bucketCount - 1, Math.floor((x - lo) * scale));
      if (minIndex[b] < 0 || y < ys[minIndex[b]]) minIndex[b] = i;
      if (maxIndex[b] < 0 || y > ys[maxIndex[b]]) maxIndex[b] = i;
    }
    const column: (number | null)[] = new Array(bucketCount * 2).fill(null);
    for (let b = 0; b < bucketCount; b++) {
      const a = minIndex[b];
      const z = maxIndex[b];
      if (a < 0) continue;
      const [early, late] = a <= z ? [a, z] : [z, a];
      column[2 * b] = ys[early];
      if (late !== early) column[2 * b + 1] = ys[late];
    }
    return column;
  });
  return { xs: gridX, ys: columns };
}

/** Index of the point whose x is nearest to `x` in an ascending array, or -1 when empty. */
export function nearestIndex(xs: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x)) return lo - 1;
  return lo;
}
