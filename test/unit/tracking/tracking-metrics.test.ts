import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../../../src/tracking/metric-chunks';
import { freshTracking } from '../helpers';

describe('metrics', () => {
  it('keeps NaN and ±Infinity through storage', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    run.logMetric('odd', NaN, 0, 1);
    run.logMetric('odd', Infinity, 1, 2);
    run.logMetric('odd', -Infinity, 2, 3);
    await run.flush();
    const h = await t.getMetricHistory(run.id, 'odd');
    expect(Array.from(h.values)).toEqual([NaN, Infinity, -Infinity]);
    expect(Array.from(h.steps)).toEqual([0, 1, 2]);
    const s = (await t.getRun(run.id)).data.metrics.odd;
    expect(s).toMatchObject({ value: -Infinity, step: 2, min: -Infinity, max: Infinity, count: 3 });
  });

  it('reports the latest value by (step, timestamp, value), not by logging order', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    run.logMetric('m', 5, 10, 100);
    run.logMetric('m', 7, 3, 900);
    run.logMetric('m', 1, 10, 50);
    run.logMetric('m', 2, 10, 100);
    run.logMetric('m', NaN, 10, 100);
    await run.end();
    const s = (await t.getRun(run.id)).data.metrics.m;
    expect(s).toMatchObject({ value: 5, step: 10, timestamp: 100, min: 1, max: 7, count: 5 });
    const h = await t.getMetricHistory(run.id, 'm');
    expect(Array.from(h.steps)).toEqual([3, 10, 10, 10, 10]);
    expect(Array.from(h.timestamps)).toEqual([900, 50, 100, 100, 100]);
    expect(Array.from(h.values)).toEqual([7, 1, 5, 2, NaN]);
  });

  it('keeps full histories across many flushes and chunk boundaries', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    const n = CHUNK_SIZE * 2 + 345;
    for (let i = 0; i < n; i++) {
      run.logMetric('loss', 1 / (i + 1), i, 1000 + i);
      if (i % 777 === 0) await run.flush();
    }
    run.logMetrics({ acc: 0.5, f1: 0.25 }, 7);
    await run.end();
    const h = await t.getMetricHistory(run.id, 'loss');
    expect(h.values.length).toBe(n);
    expect(h.steps[n - 1]).toBe(n - 1);
    expect(h.values[100]).toBeCloseTo(1 / 101);
    const chunks = await t.db.metricChunks.where('runId').equals(run.id).toArray();
    const lossChunks = chunks.filter((c) => c.key === 'loss');
    // Small flushes top up the last chunk instead of writing many small rows.
    expect(lossChunks.length).toBe(Math.ceil(n / CHUNK_SIZE));
    const r = await t.getRun(run.id);
    expect(r.data.metrics.acc).toMatchObject({ value: 0.5, step: 7 });
    expect(r.data.metrics.loss.count).toBe(n);
  });

  it('flushes on its own after the delay, without an explicit flush', async () => {
    const t = await freshTracking({ flushDelayMs: 10 });
    const run = await t.startRun();
    run.logMetric('m', 1);
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.getRun(run.id)).data.metrics.m.value).toBe(1);
  });

  it('flushes at the size threshold', async () => {
    const t = await freshTracking({ flushDelayMs: 60_000, maxBufferedPoints: 100 });
    const run = await t.startRun();
    for (let i = 0; i < 150; i++) run.logMetric('m', i, i);
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.getRun(run.id)).data.metrics.m.count).toBeGreaterThanOrEqual(100);
    await run.flush();
    expect((await t.getRun(run.id)).data.metrics.m.count).toBe(150);
  });

  it('loses nothing when two active runs (and two clients) log at once', async () => {
    const dbName = `concurrent-${Math.random()}`;
    const a = await freshTracking({ dbName, maxBufferedPoints: 500 });
    const b = await freshTracking({ dbName, maxBufferedPoints: 700 });
    const runs = [await a.startRun(), await b.startRun(), await a.startRun()];
    const N = 5000;
    await Promise.all(
      runs.map(async (run, k) => {
        for (let i = 0; i < N; i++) {
          run.logMetric('x', i * (k + 1), i);
          run.logMetric('y', -i, i);
          if (i % 1000 === 0) await new Promise((r) => setTimeout(r, 0));
        }
        await run.end();
      }),
    );
    for (const [k, run] of runs.entries()) {
      const h = await a.getMetricHistory(run.id, 'x');
      expect(h.values.length).toBe(N);
      expect(h.values[N - 1]).toBe((N - 1) * (k + 1));
      expect((await b.getMetricHistory(run.id, 'y')).values.length).toBe(N);
      expect((await a.getRun(run.id)).data.metrics.x.count).toBe(N);
    }
  });

  it('returns an empty history for an unknown metric', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    const h = await t.getMetricHistory(run.id, 'none');
    expect(h.values).toBeInstanceOf(Float64Array);
    expect(h.values.length).toBe(0);
  });
});
