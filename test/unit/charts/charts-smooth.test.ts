import { describe, expect, it } from 'vitest';
import { emaSmooth } from '../../../src/charts/smooth';
import { runColor, runColors } from '../../../src/charts/run-colors';

describe('emaSmooth', () => {
  it('returns the values unchanged at weight 0', () => {
    expect([...emaSmooth([1, 5, 2], 0)]).toEqual([1, 5, 2]);
  });

  it('is debiased: a constant series stays constant from the first point', () => {
    for (const v of emaSmooth([3, 3, 3, 3], 0.9)) expect(v).toBeCloseTo(3, 12);
  });

  it('follows the exponential moving average recurrence', () => {
    const w = 0.5;
    const out = emaSmooth([0, 4, 8], w);
    // Biased averages 0, 2, 5; debiased by 1 - w^n: 0/0.5, 2/0.75, 5/0.875.
    expect(out[0]).toBeCloseTo(0, 12);
    expect(out[1]).toBeCloseTo(2 / 0.75, 12);
    expect(out[2]).toBeCloseTo(5 / 0.875, 12);
  });

  it('reduces noise: the smoothed series varies less than the raw one', () => {
    const raw = Array.from({ length: 200 }, (_, i) => (i % 2 ? 1 : -1));
    const smooth = emaSmooth(raw, 0.9);
    const spread = (xs: ArrayLike<number>) =>
      Math.max(...Array.from(xs).slice(50)) - Math.min(...Array.from(xs).slice(50));
    expect(spread(smooth)).toBeLessThan(spread(raw) / 5);
  });

  it('passes NaN through without poisoning later points', () => {
    const out = emaSmooth([1, NaN, 1], 0.8);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(1, 12);
  });
});

describe('run colours', () => {
  it('gives the same run the same colour every time', () => {
    expect(runColor('abc')).toBe(runColor('abc'));
    expect(runColors(['x', 'abc', 'x']).get('abc')).toBe(runColors(['x', 'abc']).get('abc'));
  });

  it('gives runs shown together different colours', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `run-${i}`);
    expect(new Set(runColors(ids).values()).size).toBe(12);
  });
});
