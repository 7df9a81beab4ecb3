import { describe, expect, it } from 'vitest';
import { exportRunsInWorker, importRunsInWorker } from '../../../src/io';
import { freshTracking } from '../helpers';

// Node has no Worker: the bridge imports the in-place export and import on first use (the page never loads them,
// its calls go to the io worker) and must give the same results as calling them directly.
describe('the io worker bridge without a Worker', () => {
  it('exports in place and imports that zip into another store, run for run', async () => {
    expect(typeof Worker).toBe('undefined');
    const source = await freshTracking();
    const experimentId = await source.createExperiment('in place');
    const run = await source.startRun({ experimentId, runName: 'only' });
    await run.logParams({ lr: 0.5 });
    for (let step = 0; step < 30; step++) run.logMetric('loss', 1 / (step + 1), step);
    await run.end();

    const progress: number[] = [];
    const zip = await exportRunsInWorker(source, {
      experimentIds: [experimentId],
      onProgress: (p) => progress.push(p.done),
    });
    expect(zip.size).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);

    const target = await freshTracking();
    const summary = await importRunsInWorker(target, zip, { onExisting: 'skip' });
    expect(summary).toMatchObject({ runs: 1, experiments: 1, metricPoints: 30 });
    const imported = await target.getRun(run.id);
    expect(imported.data.params).toEqual({ lr: '0.5' });
    expect(Array.from((await target.getMetricHistory(run.id, 'loss')).values)).toEqual(
      Array.from({ length: 30 }, (_, step) => 1 / (step + 1)),
    );
  });
});
