import * as tf from '@tensorflow/tfjs';
import type { DBCoreMutateRequest } from 'dexie';
import { beforeAll, describe, expect, it } from 'vitest';
import { QuotaExceededError, TrackingClient } from '../../../src/tracking';

/**
 * A full disk, simulated where the browser reports it: IndexedDB refuses a write with a QuotaExceededError
 * DOMException. The tracking layer must say so in words, mark the run FAILED and leave everything already
 * stored exactly as it was.
 */
type Refusal = (table: string, request: DBCoreMutateRequest) => boolean;

async function trackingWithFullDisk(): Promise<{ t: TrackingClient; refuse: (rule: Refusal | null) => void }> {
  let rule: Refusal | null = null;
  const t = new TrackingClient({ dbName: `quota-${Date.now()}-${Math.random()}`, flushDelayMs: 5 });
  t.db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) =>
            rule?.(name, request)
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : table.mutate(request),
        };
      },
    }),
  });
  await t.open();
  return { t, refuse: (r) => (rule = r) };
}

/** Every stored row, to compare before and after a refused write. */
async function snapshot(t: TrackingClient) {
  const db = t.db;
  const chunks = await db.metricChunks.toArray();
  return {
    experiments: await db.experiments.toArray(),
    runs: await db.runs.toArray(),
    metricChunks: chunks.map((c) => ({
      ...c,
      steps: Array.from(c.steps),
      values: Array.from(c.values),
      timestamps: Array.from(c.timestamps),
    })),
    artifacts: (await db.artifacts.toArray()).map((a) => ({ ...a, data: Array.from(new Uint8Array(a.data)) })),
    registeredModels: await db.registeredModels.toArray(),
    modelVersions: await db.modelVersions.toArray(),
  };
}

/** A run with params, 1,500 metric points and an artifact, all committed. */
async function storedRun(t: TrackingClient, name: string) {
  const run = await t.startRun({ runName: name });
  await run.logParams({ lr: 0.1, optimizer: 'sgd' });
  for (let step = 0; step < 1500; step++) run.logMetric('loss', 1 / (step + 1), step);
  await run.logArtifact('notes.txt', `notes of ${name}`);
  await run.flush();
  return run;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a full disk', () => {
  it('fails the run with a clear message when a metric flush is refused, and keeps every stored point', async () => {
    const { t, refuse } = await trackingWithFullDisk();
    const finished = await storedRun(t, 'finished-before');
    await finished.end();
    const run = await storedRun(t, 'training');
    const before = await snapshot(t);

    refuse((table) => table === 'metricChunks');
    const backgroundErrors: unknown[] = [];
    run.onWriteError = (e) => backgroundErrors.push(e);
    for (let step = 1500; step < 1600; step++) run.logMetric('loss', 0.001, step);
    await expect(run.end()).rejects.toBeInstanceOf(QuotaExceededError);
    expect(backgroundErrors.every((e) => e instanceof QuotaExceededError)).toBe(true);

    const failed = await t.getRun(run.id);
    expect(failed.info.status).toBe('FAILED');
    expect(failed.info.endTime).not.toBeNull();
    expect(failed.data.tags['tabflow.error']).toMatch(/^Storage is full/);
    expect(failed.data.tags['tabflow.error']).toMatch(/Delete runs, or export them and then delete them/);

    // Nothing stored before changed: every other row is identical, and the failed run only gained its end.
    const after = await snapshot(t);
    const others = (s: typeof before) => ({ ...s, runs: s.runs.filter((r) => r.runId !== run.id) });
    expect(others(after)).toEqual(others(before));
    const rowBefore = before.runs.find((r) => r.runId === run.id)!;
    const rowAfter = after.runs.find((r) => r.runId === run.id)!;
    expect(rowAfter.params).toEqual(rowBefore.params);
    expect(rowAfter.metrics).toEqual(rowBefore.metrics);
    expect({ ...rowAfter.tags, 'tabflow.error': undefined }).toEqual({ ...rowBefore.tags, 'tabflow.error': undefined });
    expect(failed.data.metrics.loss.count).toBe(1500);
    expect((await t.getMetricHistory(run.id, 'loss')).values.length).toBe(1500);
    expect((await t.getMetricHistory(finished.id, 'loss')).values.length).toBe(1500);
  });

  it('refuses an artifact as a whole and leaves the run’s other artifacts untouched', async () => {
    const { t, refuse } = await trackingWithFullDisk();
    const run = await storedRun(t, 'with-artifacts');
    const before = await snapshot(t);

    refuse((table) => table === 'artifacts');
    const error = await run.logArtifact('plots/big.bin', new Uint8Array(10_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect((error as QuotaExceededError).code).toBe('QUOTA_EXCEEDED');
    expect(await snapshot(t)).toEqual(before);

    // Once space is freed, logging works again.
    refuse(null);
    await run.logArtifact('plots/big.bin', new Uint8Array(10_000));
    expect((await t.listArtifacts(run.id)).map((a) => a.path)).toEqual(['notes.txt', 'plots/big.bin']);
  });

  it('stores no half model when the weights are refused after model.json was written', async () => {
    const { t, refuse } = await trackingWithFullDisk();
    const run = await storedRun(t, 'with-model');
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const before = await snapshot(t);

    refuse(
      (table, request) =>
        table === 'artifacts' &&
        request.type === 'put' &&
        request.values.some((v: { path: string }) => v.path.endsWith('.bin')),
    );
    await expect(run.logModel(model)).rejects.toBeInstanceOf(QuotaExceededError);
    expect(await snapshot(t)).toEqual(before);
    expect((await t.getRun(run.id)).data.tags['mlflow.log-model.history']).toBeUndefined();
    model.dispose();
  });

  it('turns a refusal thrown by IndexedDB itself into the same error, with the run row unchanged', async () => {
    const { t } = await trackingWithFullDisk();
    const run = await storedRun(t, 'raw-refusal');
    const before = await snapshot(t);
    const store = globalThis.IDBObjectStore.prototype;
    const put = store.put;
    store.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'runs') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(run.setTag('note', 'will not fit')).rejects.toBeInstanceOf(QuotaExceededError);
      await expect(run.logParams({ epochs: 10 })).rejects.toThrow(/Storage is full/);
    } finally {
      store.put = put;
    }
    expect(await snapshot(t)).toEqual(before);
  });
});
