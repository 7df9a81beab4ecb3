import { describe, expect, it } from 'vitest';
import { figureEntry, markdownTable, meetsGoal, notMeasured, summarise } from '../../../bench/stats.mjs';

describe('bench statistics', () => {
  it('summarises repetitions as median, min and max', () => {
    expect(summarise([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, repetitions: 3 });
    expect(summarise([4, 1, 3, 10])).toEqual({ median: 3.5, min: 1, max: 10, repetitions: 4 });
    expect(() => summarise([])).toThrow(/no samples/);
  });

  it('checks goals on the ratio or on the value, in either direction', () => {
    expect(meetsGoal({ on: 'ratio', op: '>=', limit: 0.8 }, 1e6, 0.8)).toBe(true);
    expect(meetsGoal({ on: 'ratio', op: '>=', limit: 0.8 }, 1e6, 0.79)).toBe(false);
    expect(meetsGoal({ on: 'value', op: '<=', limit: 50 }, 50.1, 0.1)).toBe(false);
    expect(meetsGoal({ on: 'value', op: '<=', limit: 50 }, 12, 9)).toBe(true);
    expect(meetsGoal({ on: 'ratio', op: '<=', limit: 1.2 }, 10, null)).toBe(false);
  });

  it('builds a results.json entry from the medians of tabflow and its baseline', () => {
    const entry = figureEntry({
      figure: 'metric logging',
      unit: 'points/s',
      samples: [900, 800, 1000],
      baselineSamples: [1000, 1200, 1100],
      goal: { on: 'ratio', op: '>=', limit: 0.8 },
    });
    expect(entry).toMatchObject({
      figure: 'metric logging',
      value: 900,
      unit: 'points/s',
      baseline: 1100,
      min: 800,
      max: 1000,
      repetitions: 3,
      goal: '>= 0.8 (ratio)',
    });
    expect(entry.ratio).toBeCloseTo(900 / 1100);
    expect(entry.met).toBe(true);
    expect(entry).toMatchObject({ baselineMin: 1000, baselineMax: 1200 });
  });

  it('prints measured figures with their numbers and unmeasured ones with the reason', () => {
    const measured = figureEntry({
      figure: 'runs table',
      unit: 'ms',
      samples: [12.5],
      baselineSamples: [2.5],
      goal: { on: 'value', op: '<=', limit: 50 },
    });
    const table = markdownTable([measured, notMeasured('chart draw', 'the Compare overlay has not landed yet')]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^\| figure \|/);
    expect(lines[2]).toBe('| runs table | 12.5 ms | 12.5 – 12.5 | 2.50 ms | 5.00 | <= 50 ms | yes |');
    expect(lines[3]).toContain('not measured: the Compare overlay has not landed yet');
  });
});
