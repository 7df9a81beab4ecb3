import { describe as group, expect, it } from 'vitest';
import { computeBand } from '../../../src/stats/bands';
import { describe } from '../../../src/stats/describe';
import { studentTwoSidedP, welchTTest } from '../../../src/stats/welch';

group('describe', () => {
  it('skips missing and non-finite values and uses the sample standard deviation', () => {
    const d = describe([2, undefined, 4, NaN, 9, null])!;
    expect(d.n).toBe(3);
    expect(d.mean).toBe(5);
    expect(d.std).toBeCloseTo(Math.sqrt(13), 12); // ((−3)² + (−1)² + 4²) / 2 = 13
    expect(d.median).toBe(4);
    expect([d.min, d.max]).toEqual([2, 9]);
    expect(describe([1, 2, 3, 10])!.median).toBe(2.5);
    expect(describe([7])!.std).toBe(0);
    expect(describe([undefined, NaN])).toBeNull();
  });
});

group("Welch's t-test", () => {
  // Reference values from scipy 1.17.1: scipy.stats.ttest_ind(a, b, equal_var=False).
  const cases = [
    { a: [1, 2, 3, 4, 5], b: [2, 4, 6, 8, 10], t: -1.8973665961010275, df: 5.882352941176471, p: 0.10753119493062728 },
    {
      a: [0.91, 0.93, 0.92],
      b: [0.85, 0.88, 0.86],
      t: 5.375872022286249,
      df: 3.4482758620689653,
      p: 0.008731029231592585,
    },
    {
      a: [10.1, 9.8, 10.3, 10.0],
      b: [9.9, 10.2, 10.1],
      t: -0.1221694443563115,
      df: 4.993325917686319,
      p: 0.9075293344470818,
    },
  ];
  it.each(cases)('matches scipy for %o', ({ a, b, t, df, p }) => {
    const result = welchTTest(a, b)!;
    expect(result.t).toBeCloseTo(t, 10);
    expect(result.df).toBeCloseTo(df, 10);
    expect(result.p).toBeCloseTo(p, 9);
  });

  it('matches scipy.stats.t.sf at a fractional df, and has no answer without spread or with one value', () => {
    expect(studentTwoSidedP(2.5, 3.7)).toBeCloseTo(0.07182202291182678, 9);
    expect(welchTTest([1, 1], [2, 2])).toBeNull();
    expect(welchTTest([1], [2, 3])).toBeNull();
    expect(welchTTest([1, undefined, 3], [2, 4])!.df).toBeGreaterThan(0);
  });
});

group('bands on exact histories', () => {
  it('aligns by step with interpolation inside each run and no extrapolation past its ends', () => {
    // Run A logs steps 0, 2, 4; run B logs 0, 1, 2 (stops early); run C logs 1, 3, 5 (starts late).
    const band = computeBand([
      { steps: [0, 2, 4], values: [10, 6, 2] },
      { steps: [0, 1, 2], values: [8, 7, 6] },
      { steps: [1, 3, 5], values: [9, 5, 1] },
    ]);
    expect([...band.steps]).toEqual([0, 1, 2, 3, 4, 5]);
    // Step 0: A 10, B 8 (C has not started).  Step 1: A 8 (between 10 and 6), B 7, C 9.
    // Step 2: A 6, B 6, C 7 (between 9 and 5).  Step 3: A 4, C 5.  Step 4: A 2, C 3.  Step 5: C 1.
    expect([...band.n]).toEqual([2, 3, 3, 2, 2, 1]);
    expect([...band.mean]).toEqual([9, 8, 19 / 3, 4.5, 2.5, 1]);
    expect([...band.min]).toEqual([8, 7, 6, 4, 2, 1]);
    expect([...band.max]).toEqual([10, 9, 7, 5, 3, 1]);
    expect(band.std[0]).toBeCloseTo(Math.SQRT2, 12); // values 10, 8: sample std √2
    expect(band.std[1]).toBeCloseTo(1, 12); // 8, 7, 9
    expect(band.std[2]).toBeCloseTo(Math.sqrt(1 / 3), 12); // 6, 6, 7
    expect(band.std[5]).toBe(0);
  });

  it('orders unsorted points, keeps the last value of a repeated step and drops non-finite points', () => {
    const band = computeBand([
      { steps: [2, 0, 1, 1], values: [3, 1, 5, 2] },
      { steps: [0, 1, 2], values: [3, NaN, 5] },
      { steps: [], values: [] },
    ]);
    expect([...band.steps]).toEqual([0, 1, 2]);
    // Run 1 at step 1 is 2 (logged last); run 2 has no finite value at step 1, so it is interpolated: 4.
    expect([...band.mean]).toEqual([2, 3, 4]);
    expect([...band.n]).toEqual([2, 2, 2]);
  });
});
