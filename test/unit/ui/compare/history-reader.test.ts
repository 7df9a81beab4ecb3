import { afterEach, describe, expect, it, vi } from 'vitest';
import { reduceHistory } from '../../../../src/charts/reduce-history';
import { HistoryReader } from '../../../../src/ui/compare/history-reader';
import { freshTracking } from '../../helpers';
import { FakeWorker } from '../../worker-fake';

const realWorker = globalThis.Worker;
afterEach(() => {
  globalThis.Worker = realWorker;
});

describe('HistoryReader on the shared WorkerBridge', () => {
  it('answers a read pending in a worker that crashes from this thread, and stops using the worker', async () => {
    const tracking = await freshTracking();
    const run = await tracking.startRun({ runName: 'history' });
    for (let step = 0; step < 50; step++) run.logMetric('loss', 1 / (step + 1), step);
    await run.end();

    const started: FakeWorker[] = [];
    // The worker side never answers, as a worker stuck loading would not.
    const api = { readReduced: () => new Promise(() => {}) };
    globalThis.Worker = function StartFakeWorker() {
      const worker = new FakeWorker(api);
      started.push(worker);
      return worker;
    } as unknown as typeof Worker;

    const reader = new HistoryReader(tracking);
    const pending = reader.read(run.id, 'loss');
    await vi.waitFor(() => expect(started).toHaveLength(1));
    started[0].crash('out of memory');

    const expected = reduceHistory(await tracking.getMetricHistory(run.id, 'loss'));
    await expect(pending).resolves.toEqual(expected);
    await expect(reader.read(run.id, 'loss')).resolves.toEqual(expected);
    expect(started).toHaveLength(1);
    reader.dispose();
    tracking.close();
  });
});
