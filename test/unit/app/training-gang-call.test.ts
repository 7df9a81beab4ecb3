import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingBridge } from '../../../src/app/training-bridge';
import { DEFAULT_DATASET_CONFIG } from '../../../src/ml/dataset-config';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import type { TrackingClient } from '../../../src/tracking';
import type { GangMemberResult } from '../../../workers/train-gang';
import { freshTracking } from '../helpers';
import { FakeWorker } from '../worker-fake';

const request = (runName: string): TrainRequest => ({
  source: { kind: 'generated', config: DEFAULT_DATASET_CONFIG },
  model: DEFAULT_MODEL_CONFIG,
  runName,
});

/**
 * The training worker's gang side, at the Worker boundary: each member records a real run through its own tracking
 * client (the same database), then trains until `finish(i)` or its Stop; `honoursStop: false` plays a worker
 * stuck in a long op. It reports each member's end through `onSettled` as it happens, as train-gang.ts does.
 */
function gangWorkerApi(tracking: TrackingClient, options: { honoursStop: boolean }) {
  const stops: (() => void)[] = [];
  const finishes: (() => void)[] = [];
  const received: TrainRequest[][] = [];
  const api = {
    async trainGang(
      requests: TrainRequest[],
      onProgress: (index: number, p: TrainProgress) => void,
      onSettled: (index: number, result: GangMemberResult) => void,
    ): Promise<GangMemberResult[]> {
      received.push(requests);
      return Promise.all(
        requests.map(async (r, index): Promise<GangMemberResult> => {
          const ended = new Promise<'KILLED' | 'FINISHED'>((resolve) => {
            stops[index] = () => resolve('KILLED');
            finishes[index] = () => resolve('FINISHED');
          });
          const run = await tracking.startRun({ runName: r.runName });
          await onProgress(index, { type: 'started', runId: run.id, backend: 'cpu', epochs: 10 });
          const status = await ended;
          await run.end(status);
          const result = { outcome: { runId: run.id, status } };
          await onSettled(index, result);
          return result;
        }),
      );
    },
    stopMember(index: number): void {
      if (options.honoursStop) stops[index]?.();
    },
    stop(): void {
      if (options.honoursStop) stops.forEach((stop) => stop());
    },
  };
  return { api, finishes, received };
}

const realWorker = globalThis.Worker;
afterEach(() => {
  globalThis.Worker = realWorker;
});

function installWorker(api: object): FakeWorker[] {
  const started: FakeWorker[] = [];
  globalThis.Worker = function FakeWorkerConstructor() {
    const worker = new FakeWorker(api);
    started.push(worker);
    return worker;
  } as unknown as typeof Worker;
  return started;
}

/** `n` members, each with its own Stop and a promise of its run id once the worker reports it. */
function members(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const controller = new AbortController();
    let resolve: (id: string) => void = () => {};
    const runId = new Promise<string>((r) => (resolve = r));
    return {
      controller,
      runId,
      member: {
        signal: controller.signal,
        request: request(`trial ${i + 1}`),
        onProgress: (p: TrainProgress) => p.type === 'started' && resolve(p.runId),
      },
    };
  });
}

describe('TrainingBridge.trainTogether', () => {
  it('stops one member alone: its run ends KILLED at once while the others train on and finish', async () => {
    const tracking = await freshTracking();
    const worker = gangWorkerApi(tracking, { honoursStop: true });
    const workers = installWorker(worker.api);
    const bridge = new TrainingBridge(tracking);
    const trials = members(3);
    const outcomes = bridge.trainTogether(trials.map((t) => t.member));
    const runIds = await Promise.all(trials.map((t) => t.runId));

    trials[1].controller.abort();
    await expect(outcomes[1]).resolves.toEqual({ runId: runIds[1], status: 'KILLED' });
    const others = await tracking.searchRuns({ filter: "attributes.status = 'RUNNING'" });
    expect(others.map((r) => r.info.runId).sort()).toEqual([runIds[0], runIds[2]].sort());

    worker.finishes[0]();
    worker.finishes[2]();
    await expect(Promise.all([outcomes[0], outcomes[2]])).resolves.toEqual([
      { runId: runIds[0], status: 'FINISHED' },
      { runId: runIds[2], status: 'FINISHED' },
    ]);
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    bridge.dispose();
    tracking.close();
  });

  it('a member stopped before the call starts never reaches the worker', async () => {
    const tracking = await freshTracking();
    const worker = gangWorkerApi(tracking, { honoursStop: true });
    installWorker(worker.api);
    const bridge = new TrainingBridge(tracking);
    const trials = members(3);
    trials[0].controller.abort();
    const outcomes = bridge.trainTogether(trials.map((t) => t.member));
    await expect(outcomes[0]).rejects.toMatchObject({ name: 'AbortError' });
    await Promise.all([trials[1].runId, trials[2].runId]);
    expect(worker.received[0].map((r) => r.runName)).toEqual(['trial 2', 'trial 3']);
    worker.finishes[0]();
    worker.finishes[1]();
    await expect(outcomes[2]).resolves.toMatchObject({ status: 'FINISHED' });
    bridge.dispose();
    tracking.close();
  });

  it('when every member is stopped and the worker does not answer, it is terminated after the grace and the runs end KILLED from the page', async () => {
    const tracking = await freshTracking();
    const worker = gangWorkerApi(tracking, { honoursStop: false });
    const workers = installWorker(worker.api);
    const bridge = new TrainingBridge(tracking);
    const trials = members(2);
    const outcomes = bridge.trainTogether(trials.map((t) => t.member));
    const runIds = await Promise.all(trials.map((t) => t.runId));

    trials[0].controller.abort();
    // One member stopped is not a Cancel: the worker is left alone.
    await new Promise((r) => setTimeout(r, 50));
    expect(workers[0].terminated).toBe(false);
    trials[1].controller.abort();
    const ended: TrainOutcome[] = await Promise.all(outcomes);
    expect(ended).toEqual(runIds.map((runId) => ({ runId, status: 'KILLED' })));
    expect(workers[0].terminated).toBe(true);
    for (const runId of runIds) expect((await tracking.getRun(runId)).info.status).toBe('KILLED');
    tracking.close();
  }, 20_000);

  it('a crashed worker ends every unfinished member FAILED from the page; a member that had finished keeps its run', async () => {
    const tracking = await freshTracking();
    const worker = gangWorkerApi(tracking, { honoursStop: true });
    const workers = installWorker(worker.api);
    const bridge = new TrainingBridge(tracking);
    const trials = members(3);
    const outcomes = bridge.trainTogether(trials.map((t) => t.member));
    const runIds = await Promise.all(trials.map((t) => t.runId));
    worker.finishes[2]();
    await expect(outcomes[2]).resolves.toMatchObject({ status: 'FINISHED' });

    workers[0].crash('out of memory');
    const failed = await Promise.all([outcomes[0], outcomes[1]]);
    expect(failed.map((o) => o.status)).toEqual(['FAILED', 'FAILED']);
    expect(failed[0].error).toMatch(/training worker stopped unexpectedly: out of memory/);
    expect((await tracking.getRun(runIds[0])).data.tags['tabflow.error']).toMatch(/out of memory/);
    expect((await tracking.getRun(runIds[2])).info.status).toBe('FINISHED');
    await vi.waitFor(() => expect(workers[0].terminated).toBe(true));
    tracking.close();
  });
});
