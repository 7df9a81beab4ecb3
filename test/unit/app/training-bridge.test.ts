import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingBridge } from '../../../src/app/training-bridge';
import { DEFAULT_DATASET_CONFIG } from '../../../src/ml/dataset-config';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import { WorkerFailedError } from '../../../src/shared/worker-bridge';
import type { TrackingClient } from '../../../src/tracking';
import { freshTracking } from '../helpers';
import { FakeWorker } from '../worker-fake';

const request: TrainRequest = {
  source: { kind: 'generated', config: DEFAULT_DATASET_CONFIG },
  model: DEFAULT_MODEL_CONFIG,
};

/**
 * The training worker's side, at the Worker boundary: it records a real run through its own tracking client (the
 * same database) and then trains "forever" until stopped; `honoursStop: false` plays a worker stuck in a long op.
 */
function trainingWorkerApi(tracking: TrackingClient, options: { honoursStop: boolean; startRun: boolean }) {
  let stop: () => void = () => {};
  return {
    async train(_request: TrainRequest, onProgress: (p: TrainProgress) => void): Promise<TrainOutcome> {
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      if (!options.startRun) return stopped.then(() => Promise.reject(new DOMException('Stopped', 'AbortError')));
      const run = await tracking.startRun({ runName: 'bridge-test' });
      await onProgress({ type: 'started', runId: run.id, backend: 'cpu', epochs: 10 });
      await stopped;
      await run.end('KILLED');
      return { runId: run.id, status: 'KILLED' };
    },
    stop(): void {
      if (options.honoursStop) stop();
    },
    parseCsv(): never {
      throw new Error('not used');
    },
  };
}

const realWorker = globalThis.Worker;
afterEach(() => {
  globalThis.Worker = realWorker;
});

/** Makes `new Worker(...)` in the bridge start a FakeWorker serving `api`, and returns the workers started. */
function installWorker(api: object): FakeWorker[] {
  const started: FakeWorker[] = [];
  globalThis.Worker = function FakeWorkerConstructor() {
    const worker = new FakeWorker(api);
    started.push(worker);
    return worker;
  } as unknown as typeof Worker;
  return started;
}

/** Resolves with the run id once the worker has reported it. */
function startedRun(): { onProgress: (p: TrainProgress) => void; runId: Promise<string> } {
  let resolve: (id: string) => void = () => {};
  const runId = new Promise<string>((r) => (resolve = r));
  return { onProgress: (p) => p.type === 'started' && resolve(p.runId), runId };
}

describe('TrainingBridge on the shared WorkerBridge', () => {
  it('ends the run FAILED from the page, with the reason, when the worker crashes mid-training', async () => {
    const tracking = await freshTracking();
    const workers = installWorker(trainingWorkerApi(tracking, { honoursStop: true, startRun: true }));
    const bridge = new TrainingBridge(tracking);
    const progress = startedRun();
    const outcome = bridge.train(new AbortController().signal, request, progress.onProgress);
    const runId = await progress.runId;

    workers[0].crash('out of memory');
    await expect(outcome).resolves.toMatchObject({
      runId,
      status: 'FAILED',
      error: expect.stringMatching(/training worker stopped unexpectedly: out of memory/),
    });
    const run = await tracking.getRun(runId);
    expect(run.info.status).toBe('FAILED');
    expect(run.data.tags['tabflow.error']).toMatch(/out of memory/);
    expect(workers[0].terminated).toBe(true);
    tracking.close();
  });

  it('rejects with the reason when the worker cannot load, before any run exists', async () => {
    const tracking = await freshTracking();
    const workers = installWorker(trainingWorkerApi(tracking, { honoursStop: true, startRun: false }));
    const bridge = new TrainingBridge(tracking);
    const outcome = bridge.train(new AbortController().signal, request, () => {});
    // Calls wait their turn in the bridge's queue, so the worker starts a task later.
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    workers[0].failToLoad();
    await expect(outcome).rejects.toBeInstanceOf(WorkerFailedError);
    await expect(outcome).rejects.toThrow(/training worker could not start/);
    tracking.close();
  });

  it('Stop is graceful: the worker ends the run KILLED itself and lives on for the next run', async () => {
    const tracking = await freshTracking();
    const workers = installWorker(trainingWorkerApi(tracking, { honoursStop: true, startRun: true }));
    const bridge = new TrainingBridge(tracking);
    const controller = new AbortController();
    const progress = startedRun();
    const outcome = bridge.train(controller.signal, request, progress.onProgress);
    const runId = await progress.runId;

    controller.abort();
    await expect(outcome).resolves.toEqual({ runId, status: 'KILLED' });
    expect((await tracking.getRun(runId)).info.status).toBe('KILLED');
    expect(workers[0].terminated).toBe(false);
    bridge.dispose();
    expect(workers[0].terminated).toBe(true);
    tracking.close();
  });

  it('a worker that ignores Stop is terminated after the grace period and its run ended KILLED from the page', async () => {
    const tracking = await freshTracking();
    const workers = installWorker(trainingWorkerApi(tracking, { honoursStop: false, startRun: true }));
    const bridge = new TrainingBridge(tracking);
    const controller = new AbortController();
    const progress = startedRun();
    const outcome = bridge.train(controller.signal, request, progress.onProgress);
    const runId = await progress.runId;

    controller.abort();
    await expect(outcome).resolves.toEqual({ runId, status: 'KILLED' });
    expect(workers[0].terminated).toBe(true);
    expect((await tracking.getRun(runId)).info.status).toBe('KILLED');
    tracking.close();
  }, 20_000);
});
