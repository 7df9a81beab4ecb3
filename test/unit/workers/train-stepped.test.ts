import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import { decodeReplay, REPLAY_DATA_PATH, REPLAY_HEADER_PATH } from '../../../src/ml/replay-format';
import type { StepCommand, StepSize } from '../../../src/ml/stepped-training';
import type { TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import type { TrackingClient } from '../../../src/tracking';
import { runTrackedTraining } from '../../../workers/train-run';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const base: TrainRequest = {
  source: { kind: 'generated', config: { generator: 'spiral', numPoints: 80, noise: 0, testFraction: 0.25, seed: 2 } },
  model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [6, 6], batchSize: 20, epochs: 3, backend: 'cpu', dropout: 0.2 },
};

/** Steps as a person would: `first`, then each of `then` in turn. */
function stepped(
  tracking: TrackingClient,
  first: StepSize,
  then: StepCommand[],
  progress: TrainProgress[] = [],
  signal?: AbortSignal,
) {
  const queue = [...then];
  return runTrackedTraining(
    tf,
    tracking,
    { ...base, stepped: { token: 't', first } },
    {
      backend: 'cpu',
      signal,
      onProgress: (p) => progress.push(p),
      nextStep: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise<StepCommand>(() => {})),
    },
  );
}

async function histories(tracking: TrackingClient, runId: string, keys: string[]) {
  return Object.fromEntries(
    await Promise.all(
      keys.map(async (k) => [k, Array.from((await tracking.getMetricHistory(runId, k)).values)] as const),
    ),
  );
}

describe('stepped training', () => {
  it('Step three times (Epoch) gives one run of 3 epochs whose metrics equal a normal 3-epoch run with the same seed', async () => {
    const tracking = await freshTracking();
    const steppedRun = await stepped(tracking, 'epoch', ['epoch', 'epoch', 'end']);
    const normal = await runTrackedTraining(tf, tracking, base, { backend: 'cpu' });
    expect(steppedRun.status).toBe('FINISHED');
    const run = await tracking.getRun(steppedRun.runId);
    expect(run.data.params.epochs).toBe('3');
    expect(run.data.tags['tabflow.stepped']).toBe('true');
    const keys = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];
    expect(Array.from((await tracking.getMetricHistory(steppedRun.runId, 'loss')).steps)).toEqual([0, 1, 2]);
    expect(await histories(tracking, steppedRun.runId, keys)).toEqual(await histories(tracking, normal.runId, keys));
    expect((await tracking.searchRuns({ experimentIds: ['0'] })).length).toBe(2);
  });

  it('Batch steps train one batch each, log an epoch when its last batch is done, and show the network after every step', async () => {
    const tracking = await freshTracking();
    const progress: TrainProgress[] = [];
    // 60 training rows in batches of 20: three batch steps finish epoch 1, the fourth is into epoch 2.
    const outcome = await stepped(tracking, 'batch', ['batch', 'batch', 'batch', 'end'], progress);
    expect(outcome.status).toBe('FINISHED');
    expect(Array.from((await tracking.getMetricHistory(outcome.runId, 'loss')).steps)).toEqual([0]);
    expect(Object.keys((await tracking.getRun(outcome.runId)).data.metrics).sort()).toEqual([
      'accuracy',
      'epoch_time_ms',
      'loss',
      'samples_per_sec',
      'val_accuracy',
      'val_loss',
    ]);
    const frames = progress.filter((p) => p.type === 'network').map((p) => p.frame.epoch);
    expect(frames).toEqual([0, 0, 0, 1, 1]);
    const header = await (await tracking.getArtifact(outcome.runId, REPLAY_HEADER_PATH)).text();
    const bytes = new Uint8Array(await (await tracking.getArtifact(outcome.runId, REPLAY_DATA_PATH)).arrayBuffer());
    expect(decodeReplay(header, bytes).header.snapshots).toEqual([0, 1]);
  });

  it('Stop while it waits for a step ends the run FINISHED with its model', async () => {
    const tracking = await freshTracking();
    const stop = new AbortController();
    const progress: TrainProgress[] = [];
    const running = stepped(tracking, 'epoch', [], progress, stop.signal);
    await expect.poll(() => progress.some((p) => p.type === 'epoch'), { timeout: 30_000 }).toBe(true);
    stop.abort();
    const outcome = await running;
    expect(outcome.status).toBe('FINISHED');
    expect((await tracking.getRun(outcome.runId)).data.params.epochs).toBe('1');
    expect((await tracking.listArtifacts(outcome.runId, 'model')).length).toBeGreaterThan(0);
  });
});
