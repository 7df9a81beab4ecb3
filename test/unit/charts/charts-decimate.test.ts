import { describe, expect, it } from 'vitest';
import { alignOnGrid, decimateMinMax, nearestIndex, xExtent } from '../../../src/charts/decimate';

/** A noisy series with a few planted spikes, seeded so failures reproduce. */
function noisySeries(n: number): { xs: Float64Array; ys: Float64Array } {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = Math.sin(i / 500) + random() * 0.2;
  }
  ys[12_345] = 50;
  ys[77_777] = -50;
  return { xs, ys };
}

describe('decimateMinMax', () => {
  it('keeps the min and max of every bucket and the first and last point', () => {
    const { xs, ys } = noisySeries(100_000);
    const buckets = 800;
    const out = decimateMinMax(xs, ys, buckets);
    expect(out.xs.length).toBeLessThanOrEqual(2 * buckets + 2);
    expect(out.xs[0]).toBe(0);
    expect(out.ys[0]).toBe(ys[0]);
    expect(out.xs[out.xs.length - 1]).toBe(99_999);
    expect(out.ys[out.ys.length - 1]).toBe(ys[99_999]);
    const kept = new Map<number, number>();
    out.xs.forEach((x, k) => kept.set(x, out.ys[k]));
    const width = 99_999 / buckets;
    for (let b = 0; b < buckets; b++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < xs.length; i++) {
        if (Math.min(buckets - 1, Math.floor(xs[i] / width)) !== b) continue;
        min = Math.min(min, ys[i]);
        max = Math.max(max, ys[i]);
      }
      const values = [...kept].filter(([x]) => Math.min(buckets - 1, Math.floor(x / width)) === b).map(([, y]) => y);
      expect(values).toContain(min);
      expect(values).toContain(max);
    }
    expect(Math.max(...out.ys)).toBe(50);
    expect(Math.min(...out.ys)).toBe(-50);
  });

  it('keeps points in their original order, so x stays ascending', () => {
    const { xs, ys } = noisySeries(20_000);
    const out = decimateMinMax(xs, ys, 100);
    for (let i = 1; i < out.xs.length; i++) expect(out.xs[i]).toBeGreaterThan(out.xs[i - 1]);
  });

  it('returns small series whole and drops non-finite values', () => {
    const out = decimateMinMax([0, 1, 2, 3], [1, NaN, 3, Infinity], 100);
    expect([...out.xs]).toEqual([0, 2]);
    expect([...out.ys]).toEqual([1, 3]);
  });

  it('handles a series where every x is the same', () => {
    const xs = new Float64Array(1000).fill(5);
    const ys = Float64Array.from({ length: 1000 }, (_, i) => (i === 500 ? 9 : i === 600 ? -9 : 0));
    const out = decimateMinMax(xs, ys, 10);
    expect([...out.ys]).toContain(9);
    expect([...out.ys]).toContain(-9);
  });
});

describe('alignOnGrid', () => {
  it('puts every series on one x column of two slots per bucket, keeping each bucket min and max', () => {
    const a = { xs: [0, 1, 2, 3, 4, 5, 6, 7], ys: [5, 1, 9, 2, 2, 2, 2, 3] };
    const b = { xs: [4, 6], ys: [10, 20] };
    const grid = alignOnGrid([a, b], 0, 8, 2);
    expect([...grid.xs]).toEqual([1, 3, 5, 7]);
    // Bucket [0,4): min 1 (index 1) before max 9 (index 2). Bucket [4,8]: min 2 (index 4) before max 3 (index 7).
    expect(grid.ys[0]).toEqual([1, 9, 2, 3]);
    expect(grid.ys[1]).toEqual([null, null, 10, 20]);
  });

  it('leaves out values rejected by the keep test (e.g. non-positive values on a log scale)', () => {
    const grid = alignOnGrid([{ xs: [0, 1], ys: [-1, 4] }], 0, 1, 1, (y) => y > 0);
    expect(grid.ys[0]).toEqual([4, null]);
  });
});

describe('xExtent and nearestIndex', () => {
  it('finds the finite x range of several series', () => {
    expect(
      xExtent([
        { xs: [3, 4], ys: [1, 1] },
        { xs: [-1, 10], ys: [1, NaN] },
      ]),
    ).toEqual([-1, 4]);
    expect(xExtent([{ xs: [], ys: [] }])).toBeNull();
  });

  it('finds the nearest x in an ascending array', () => {
    const xs = [0, 10, 20, 30];
    expect(nearestIndex(xs, -5)).toBe(0);
    expect(nearestIndex(xs, 14)).toBe(1);
    expect(nearestIndex(xs, 16)).toBe(2);
    expect(nearestIndex(xs, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});
