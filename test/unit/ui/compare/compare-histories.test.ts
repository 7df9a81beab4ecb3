import { describe, expect, it } from 'vitest';
import type { MetricHistory, Run } from '../../../../src/tracking';
import { HistoryCache, metricSeries } from '../../../../src/ui/compare/metric-histories';

function run(id: string, count: number, startTime = 1_000): Run {
  return {
    info: {
      runId: id,
      runName: `name-${id}`,
      experimentId: '0',
      status: 'RUNNING',
      startTime,
      endTime: null,
      lifecycleStage: 'active',
      userId: 'u',
      artifactUri: '',
    },
    data: {
      params: {},
      tags: {},
      metrics: { loss: { value: 1, step: count - 1, timestamp: 1_000 + count, min: 0, max: 1, count } },
    },
    inputs: { datasetInputs: [] },
  };
}

const history = (n: number): MetricHistory => ({
  steps: Float64Array.from({ length: n }, (_, i) => i),
  values: Float64Array.from({ length: n }, (_, i) => 10 - i),
  timestamps: Float64Array.from({ length: n }, (_, i) => 3_000 + i * 1_000),
});

describe('HistoryCache', () => {
  it('reads each history once and again only when its run logged more points', async () => {
    const reads: string[] = [];
    const cache = new HistoryCache(async (runId, metric) => {
      reads.push(`${runId}/${metric}`);
      return history(3);
    });
    const signal = new AbortController().signal;
    expect(await cache.load([run('a', 3), run('b', 3)], ['loss', 'acc'], signal)).toBe(true);
    expect(reads).toEqual(['a/loss', 'b/loss']);
    expect(await cache.load([run('a', 3), run('b', 3)], ['loss'], signal)).toBe(false);
    expect(await cache.load([run('a', 4), run('b', 3)], ['loss'], signal)).toBe(true);
    expect(reads).toEqual(['a/loss', 'b/loss', 'a/loss']);
  });

  it('stops when aborted and keeps nothing it read after the abort', async () => {
    const controller = new AbortController();
    const cache = new HistoryCache(async () => {
      controller.abort();
      return history(3);
    });
    expect(await cache.load([run('a', 3)], ['loss'], controller.signal)).toBe(false);
    expect(cache.get('a', 'loss')).toBeUndefined();
  });
});

describe('metricSeries', () => {
  it('uses steps, wall time in seconds, or seconds since the run started, and smooths on request', async () => {
    const cache = new HistoryCache(async () => history(3));
    const runs = [run('a', 3, 2_000)];
    await cache.load(runs, ['loss'], new AbortController().signal);
    const colors = new Map([['a', '#123456']]);
    const [bySteps] = metricSeries(runs, 'loss', cache, { x: 'step', smoothing: 0, colors });
    expect(bySteps).toMatchObject({ key: 'a', label: 'name-a', color: '#123456' });
    expect(Array.from(bySteps.xs)).toEqual([0, 1, 2]);
    expect(Array.from(bySteps.ys)).toEqual([10, 9, 8]);
    expect(Array.from(metricSeries(runs, 'loss', cache, { x: 'wall', smoothing: 0, colors })[0].xs)).toEqual([3, 4, 5]);
    expect(Array.from(metricSeries(runs, 'loss', cache, { x: 'relative', smoothing: 0, colors })[0].xs)).toEqual([
      1, 2, 3,
    ]);
    const smoothed = metricSeries(runs, 'loss', cache, { x: 'step', smoothing: 0.5, colors })[0].ys;
    expect(smoothed[0]).toBeCloseTo(10);
    expect(smoothed[2]).toBeGreaterThan(8);
    expect(metricSeries(runs, 'accuracy', cache, { x: 'step', smoothing: 0, colors })).toEqual([]);
  });
});
