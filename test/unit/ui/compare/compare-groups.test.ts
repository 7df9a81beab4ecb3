import { describe, expect, it } from 'vitest';
import { computeBand } from '../../../../src/stats/bands';
import type { Run } from '../../../../src/tracking';
import { bandKey, groupSeries, groupVerdict } from '../../../../src/ui/compare/group-bands';
import { groupRuns } from '../../../../src/ui/runs-table/grouping';
import { finishedRun } from '../../run-fixture';

function run(id: string, lr: string, accuracy: number): Run {
  return finishedRun(id, {
    params: { lr },
    metrics: { acc: { value: accuracy, step: 2, timestamp: 0, min: 0, max: accuracy, count: 3 } },
  });
}

describe('grouped compare', () => {
  it("says a lead larger than the seeds' spread is unlikely to be luck, with Welch's p", () => {
    const groups = groupRuns(
      [
        run('a', '0.1', 0.9),
        run('b', '0.1', 0.92),
        run('c', '0.1', 0.94),
        run('d', '0.001', 0.6),
        run('e', '0.001', 0.62),
        run('f', '0.001', 0.64),
      ],
      ['params.lr'],
    );
    const verdict = groupVerdict(groups, 'acc', 'max')!;
    expect(verdict.ranking.map((s) => s.group.values[0])).toEqual(['0.1', '0.001']);
    expect(verdict.test!.p).toBeLessThan(0.001);
    expect(verdict.sentence).toBe(
      "lr = 0.1 is best (mean acc 0.92 ± 0.02 over 3 runs). Its lead of 0.3 over lr = 0.001 is larger than the spread between seeds (Welch's t-test, p < 0.001): unlikely to be luck.",
    );
  });

  it('calls a lead smaller than the spread "within noise", and says when there are too few runs', () => {
    const close = groupRuns(
      [run('a', '1', 0.9), run('b', '1', 0.7), run('c', '2', 0.85), run('d', '2', 0.75)],
      ['params.lr'],
    );
    const verdict = groupVerdict(close, 'acc', 'max')!;
    expect(verdict.test!.p).toBeGreaterThan(0.5);
    expect(verdict.sentence).toMatch(/^lr = 1 is ahead .* is within noise: .*Run more seeds/);
    const single = groupRuns([run('a', '1', 0.9), run('c', '2', 0.85)], ['params.lr']);
    expect(groupVerdict(single, 'acc', 'min')!.sentence).toMatch(
      /^lr = 2 has the best mean acc 0.85 .*Repeat with more seeds\.$/,
    );
  });

  it('draws one mean line per group with a ± std or min–max band and n in the legend', () => {
    const groups = groupRuns([run('a', '1', 0.9), run('b', '1', 0.7)], ['params.lr']);
    const band = computeBand([
      { steps: [0, 1], values: [1, 3] },
      { steps: [0, 1], values: [3, 5] },
    ]);
    const bands = new Map([[bandKey(groups[0], 'acc'), band]]);
    const [std] = groupSeries(groups, 'acc', bands, 'std', new Map([[groups[0].id, '#4e79a7']]));
    expect(std.label).toBe('lr = 1 (n = 2)');
    expect(std.color).toBe('#4e79a7');
    expect(Array.from(std.ys)).toEqual([2, 4]);
    expect(Array.from(std.band!.upper)).toEqual([2 + Math.SQRT2, 4 + Math.SQRT2]);
    expect(Array.from(groupSeries(groups, 'acc', bands, 'minmax', new Map())[0].band!.lower)).toEqual([1, 3]);
    expect(groupSeries(groups, 'acc', bands, 'none', new Map())[0].band).toBeUndefined();
    expect(groupSeries(groups, 'loss', bands, 'std', new Map())).toEqual([]);
  });
});
