import { describe, expect, it } from 'vitest';
import { computeBand, onBandAxis } from '../../../../src/stats/bands';
import type { Run } from '../../../../src/tracking';
import { bandKey, groupSeries } from '../../../../src/ui/compare/group-bands';
import { groupRuns } from '../../../../src/ui/runs-table/grouping';
import { finishedRun } from '../../run-fixture';

const close = (actual: ArrayLike<number>, expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 10));
};

function run(id: string): Run {
  return finishedRun(id, {
    params: { lr: '1' },
    metrics: { acc: { value: 3, step: 1, timestamp: 0, min: 1, max: 3, count: 2 } },
  });
}

describe('group bands on the time axis', () => {
  it('align runs on the seconds since each one started, not on wall-clock time', () => {
    // Run A started at 1 s and logged at 0, 2 and 4 s into the run; run B started 49 s later and logged at 1 and
    // 3 s into its run. On wall-clock time they would not overlap at all.
    const a = onBandAxis({ steps: [0, 1, 2], values: [1, 3, 5], timestamps: [1000, 3000, 5000] }, 'time', 1000);
    const b = onBandAxis({ steps: [0, 1], values: [2, 6], timestamps: [51_000, 53_000] }, 'time', 50_000);
    const band = computeBand([a, b]);
    close(band.steps, [0, 1, 2, 3, 4]);
    // A interpolated at 1 and 3 s (2 and 4); B at 2 s (4), and only within its own 1…3 s.
    close(band.mean, [1, 2, 3.5, 5, 5]);
    close(band.std, [0, 0, Math.SQRT1_2, Math.SQRT2, 0]);
    expect(Array.from(band.n)).toEqual([1, 2, 2, 2, 1]);
    close(band.min, [1, 2, 3, 4, 5]);
    close(band.max, [1, 2, 4, 6, 5]);
  });

  it('leave the steps as they are on the step axis', () => {
    const history = { steps: [0, 5], values: [1, 2], timestamps: [10, 20] };
    expect(onBandAxis(history, 'step', 0)).toBe(history);
  });
});

describe('group lines with smoothing', () => {
  const groups = groupRuns([run('a'), run('b')], ['params.lr']);

  it('smooth the mean and both band edges with the EMA single runs get (weight 0.5, debiased)', () => {
    // Mean [1, 3], sample std [0, 2], min [1, 1], max [1, 5].
    const exact = {
      steps: Float64Array.from([0, 1]),
      mean: Float64Array.from([1, 3]),
      std: Float64Array.from([0, 2]),
      min: Float64Array.from([1, 1]),
      max: Float64Array.from([1, 5]),
      n: Uint32Array.from([2, 2]),
    };
    const bands = new Map([[bandKey(groups[0], 'acc', 'time'), exact]]);
    // EMA 0.5 with debiasing: [v0, (0.25·v0 + 0.5·v1) / 0.75]; mean [1, 3] → [1, 7/3].
    const [std] = groupSeries(groups, 'acc', bands, 'std', new Map(), { axis: 'time', smoothing: 0.5 });
    close(std.ys, [1, 7 / 3]);
    close(std.band!.upper, [1, 11 / 3]); // mean + std [1, 5]
    close(std.band!.lower, [1, 1]); // mean − std [1, 1]
    const [minmax] = groupSeries(groups, 'acc', bands, 'minmax', new Map(), { axis: 'time', smoothing: 0.5 });
    close(minmax.band!.upper, [1, 11 / 3]);
    close(minmax.band!.lower, [1, 1]);
    // Unsmoothed, and a band computed on the other axis is not used for this one.
    close(groupSeries(groups, 'acc', bands, 'std', new Map(), { axis: 'time' })[0].ys, [1, 3]);
    expect(groupSeries(groups, 'acc', bands, 'std', new Map(), { axis: 'step', smoothing: 0.5 })).toEqual([]);
  });
});
