import { afterEach, describe, expect, it, vi } from 'vitest';
import { observeRuns, type Run, type Subscription, type TrackingClient } from '../../../../src/tracking';
import { TablePipeline, type TableInputs } from '../../../../src/ui/runs-table/pipeline';
import { freshTracking } from '../../helpers';

/** Collects what an observeRuns subscription emits; `next(test)` resolves with the first emission passing `test`. */
function watch(tracking: TrackingClient, experimentId: string, minIntervalMs: number) {
  const emissions: Run[][] = [];
  const waiters: { test: (runs: Run[]) => boolean; resolve: (runs: Run[]) => void }[] = [];
  const subscription = observeRuns(tracking, { experimentIds: [experimentId], minIntervalMs }).subscribe({
    next(runs) {
      emissions.push(runs);
      for (const waiter of waiters.filter((w) => w.test(runs))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(runs);
      }
    },
    error(error) {
      throw error;
    },
  });
  subscriptions.push(subscription);
  const next = (test: (runs: Run[]) => boolean) => new Promise<Run[]>((resolve) => waiters.push({ test, resolve }));
  return { emissions, next };
}

const subscriptions: Subscription[] = [];
afterEach(() => {
  subscriptions.splice(0).forEach((s) => s.unsubscribe());
  vi.restoreAllMocks();
});

const loss = (runs: Run[], runId: string) => runs.find((r) => r.info.runId === runId)?.data.metrics.loss?.value;

async function seeded(count: number) {
  const tracking = await freshTracking({ flushDelayMs: 60_000 });
  const experimentId = await tracking.createExperiment('live');
  const runs = await Promise.all(
    Array.from({ length: count }, (_, i) => tracking.startRun({ experimentId, runName: `r${i}`, startTime: 1000 + i })),
  );
  return { tracking, experimentId, runs };
}

describe('observeRuns', () => {
  it('patches a training run into the previous result: one row read, the other runs keep their objects', async () => {
    const { tracking, experimentId, runs } = await seeded(20);
    const live = watch(tracking, experimentId, 0);
    const first = await live.next((r) => r.length === 20);
    const fullReads = vi.spyOn(tracking.db.runs, 'where');
    const bulkGet = vi.spyOn(tracking.db.runs, 'bulkGet');

    const training = runs[5];
    training.logMetric('loss', 0.5, 1);
    await training.flush();
    const patched = await live.next((r) => loss(r, training.id) === 0.5);

    expect(fullReads).not.toHaveBeenCalled();
    expect(bulkGet).toHaveBeenCalledWith([training.id]);
    expect(patched.map((r) => r.info.runId)).toEqual(first.map((r) => r.info.runId));
    const changed = patched.filter((run, i) => run !== first[i]).map((r) => r.info.runId);
    expect(changed).toEqual([training.id]);
  });

  it('coalesces a burst of flushes into few reads and always shows the last value', async () => {
    const { tracking, experimentId, runs } = await seeded(3);
    const live = watch(tracking, experimentId, 1500);
    await live.next((r) => r.length === 3);
    const before = live.emissions.length;
    const training = runs[0];
    for (let step = 1; step <= 10; step++) {
      training.logMetric('loss', 1 / step, step);
      await training.flush();
    }
    await live.next((r) => loss(r, training.id) === 0.1);
    // Ten writes, while at most one read per 1.5 s may start: the burst cannot produce ten emissions.
    expect(live.emissions.length - before).toBeLessThanOrEqual(3);
    expect(loss(live.emissions.at(-1)!, training.id)).toBe(0.1);
  });

  it('reads the active or the deleted runs of several experiments, newest first', async () => {
    const { tracking, experimentId, runs } = await seeded(3);
    const second = await tracking.createExperiment('second');
    const late = await tracking.startRun({ experimentId: second, runName: 'late', startTime: 9000 });
    await tracking.deleteRun(runs[0].id);
    const read = (viewType: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL') =>
      new Promise<string[]>((resolve) => {
        const s = observeRuns(tracking, { experimentIds: [experimentId, second], viewType }).subscribe({
          next: (r) => resolve(r.map((x) => x.info.runId)),
        });
        subscriptions.push(s);
      });
    expect(await read('ACTIVE_ONLY')).toEqual([late.id, runs[2].id, runs[1].id]);
    expect(await read('DELETED_ONLY')).toEqual([runs[0].id]);
    expect(await read('ALL')).toEqual([late.id, runs[2].id, runs[1].id, runs[0].id]);
  });

  it('adds new runs in newest-first order, drops deleted ones, and ignores other experiments', async () => {
    const { tracking, experimentId, runs } = await seeded(3);
    const live = watch(tracking, experimentId, 0);
    await live.next((r) => r.length === 3);

    const other = await tracking.createExperiment('elsewhere');
    const emitted = live.emissions.length;
    await tracking.startRun({ experimentId: other, runName: 'not here' });
    const newest = await tracking.startRun({ experimentId, runName: 'newest', startTime: 5000 });
    const withNew = await live.next((r) => r.length === 4);
    expect(withNew[0].info.runId).toBe(newest.id);
    expect(withNew.some((r) => r.info.runName === 'not here')).toBe(false);
    expect(live.emissions.length).toBe(emitted + 1);

    await tracking.deleteRun(runs[1].id);
    const afterDelete = await live.next((r) => r.length === 3);
    expect(afterDelete.map((r) => r.info.runId)).not.toContain(runs[1].id);
  });

  it('reads everything again after a bulk write, whose change set is a key range', async () => {
    const { tracking, experimentId } = await seeded(2);
    const live = watch(tracking, experimentId, 0);
    await live.next((r) => r.length === 2);
    const template = await tracking.runRow(
      (await tracking.searchRuns({ experimentIds: [experimentId] }))[0].info.runId,
    );
    const fullReads = vi.spyOn(tracking.db.runs, 'where');
    const bulkGet = vi.spyOn(tracking.db.runs, 'bulkGet');
    // 60 rows in one bulkPut: Dexie reports the whole key range as changed, not 60 keys.
    await tracking.db.runs.bulkPut(
      Array.from({ length: 60 }, (_, i) => ({ ...template, runId: `bulk${i}`, runName: `bulk ${i}` })),
    );
    await live.next((r) => r.length === 62);
    expect(fullReads).toHaveBeenCalledTimes(1);
    expect(bulkGet).not.toHaveBeenCalled();
  });
});

describe('table pipeline with live updates', () => {
  const run = (id: string, metrics: Record<string, number>): Run => ({
    info: {
      runId: id,
      runName: id,
      experimentId: '0',
      status: 'RUNNING',
      startTime: 1,
      endTime: null,
      lifecycleStage: 'active',
      userId: 'u',
      artifactUri: '',
    },
    data: {
      params: { lr: '0.1' },
      tags: {},
      metrics: Object.fromEntries(
        Object.entries(metrics).map(([k, v]) => [k, { value: v, step: 0, timestamp: 0, min: v, max: v, count: 1 }]),
      ),
    },
    inputs: { datasetInputs: [] },
  });
  const inputs = (runs: Run[]): TableInputs => ({
    runs,
    filter: '',
    sort: { columnId: 'metrics.loss', ascending: true },
    hiddenIds: new Set(),
    hideIdentical: false,
    expanded: new Set(),
  });

  it('keeps the columns when a run only logged new values, and finds a newly logged metric', () => {
    const pipeline = new TablePipeline();
    const runs = [run('a', { loss: 0.5 }), run('b', { loss: 0.3 })];
    const first = pipeline.compute(inputs(runs));

    const newValue = [run('a', { loss: 0.1 }), runs[1]];
    const second = pipeline.compute(inputs(newValue));
    expect(second.allColumns).toBe(first.allColumns);
    expect(second.sorted.map((r) => r.info.runId)).toEqual(['a', 'b']);

    const newMetric = [run('a', { loss: 0.1, accuracy: 0.9 }), runs[1]];
    const third = pipeline.compute(inputs(newMetric));
    expect(third.allColumns.map((c) => c.id)).toContain('metrics.accuracy');
  });
});
