import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import { ActiveRun, type TrackingClient } from '../../../src/tracking';
import { requestMetricFlush } from '../../../src/tracking/flush-requests';
import { runTrackedTraining, TRAINING_FLUSH_MS, type TrainHooks } from '../../../workers/train-run';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A tiny model, so that 1,000 epochs take a few seconds: the flush count, not the training, is under test. */
function request(epochs: number): TrainRequest {
  return {
    source: { kind: 'generated', config: { generator: 'xor', numPoints: 40, noise: 0, testFraction: 0.25, seed: 2 } },
    model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [3], batchSize: 30, epochs, seed: 1, backend: 'cpu' },
    liveBoundary: false,
  };
}

/** Counts the metric write transactions of every run. */
function countMetricWrites(): { count: number } {
  const counter = { count: 0 };
  const proto = ActiveRun.prototype as unknown as { writePoints: (...args: unknown[]) => Promise<void> };
  const original = proto.writePoints;
  vi.spyOn(proto, 'writePoints').mockImplementation(function (this: ActiveRun, ...args: unknown[]) {
    counter.count += 1;
    return original.apply(this, args);
  });
  return counter;
}

const storedLoss = async (tracking: TrackingClient, runId: string) =>
  (await tracking.getMetricHistory(runId, 'loss')).steps.length;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('metric flushes during training', () => {
  it(`a run logging 1,000 epochs writes on a ${TRAINING_FLUSH_MS} ms timer, a bounded number of times, and ends with every point`, async () => {
    const tracking = await freshTracking();
    const writes = countMetricWrites();
    const run = await tracking.startRun({ runName: 'thousand-epochs' });
    run.setFlushDelay(TRAINING_FLUSH_MS);
    const started = performance.now();
    // An epoch every ~3 ms, as a small model trains: 1,000 epochs in a few seconds.
    for (let epoch = 0; epoch < 1000; epoch++) {
      run.logMetrics({ loss: 1 / (epoch + 1), accuracy: epoch / 1000 }, epoch);
      await sleep(3);
    }
    const elapsed = performance.now() - started;
    await run.end();
    // One timer flush per TRAINING_FLUSH_MS at most, plus the one at end().
    expect(writes.count).toBeLessThanOrEqual(Math.ceil(elapsed / TRAINING_FLUSH_MS) + 1);
    expect(writes.count).toBeLessThan(50);
    expect(await storedLoss(tracking, run.id)).toBe(1000);
  }, 120_000);

  it('the tracked training flushes on the timer, not per epoch, and ends with every epoch', async () => {
    const tracking = await freshTracking();
    const writes = countMetricWrites();
    const started = performance.now();
    const outcome = await runTrackedTraining(tf, tracking, request(150), { backend: 'cpu' });
    const elapsed = performance.now() - started;
    expect(outcome.status).toBe('FINISHED');
    expect(writes.count).toBeLessThanOrEqual(Math.ceil(elapsed / TRAINING_FLUSH_MS) + 1);
    expect(writes.count).toBeLessThan(150);
    expect(await storedLoss(tracking, outcome.runId)).toBe(150);
  }, 120_000);

  it('Stop commits every finished epoch before the run ends KILLED', async () => {
    const tracking = await freshTracking();
    const stop = new AbortController();
    const epochs: number[] = [];
    const outcome = await runTrackedTraining(tf, tracking, request(1000), {
      backend: 'cpu',
      signal: stop.signal,
      // A timer that would not fire during the test: only the Stop's flush can write.
      flushEveryMs: 60_000,
      onProgress: (p: TrainProgress) => {
        if (p.type !== 'epoch') return;
        epochs.push(p.epoch);
        if (p.epoch === 60) stop.abort();
      },
    });
    expect(outcome.status).toBe('KILLED');
    expect(epochs.length).toBeGreaterThanOrEqual(61);
    expect(await storedLoss(tracking, outcome.runId)).toBe(epochs.length);
  }, 120_000);

  it('a page being hidden makes the training write its buffered metrics at once', async () => {
    const tracking = await freshTracking();
    let runId = '';
    let requestedAt = -1;
    const hooks: TrainHooks = {
      backend: 'cpu',
      // Far longer than the test: only the request can make these points reach the database while training runs.
      flushEveryMs: 60_000,
      onProgress: (p: TrainProgress) => {
        if (p.type === 'started') runId = p.runId;
        if (p.type === 'epoch' && p.epoch === 39) {
          requestedAt = p.epoch;
          requestMetricFlush();
        }
      },
    };
    let training = true;
    const outcome = runTrackedTraining(tf, tracking, request(3_000), hooks).finally(() => (training = false));
    await vi.waitFor(() => expect(requestedAt).toBe(39), { timeout: 60_000, interval: 20 });
    // The request travels as a BroadcastChannel message, which the loop hears the next time it takes a task.
    let stored = 0;
    while (training && stored < 40) {
      stored = await storedLoss(tracking, runId);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(training, 'the points were written while the run was still training').toBe(true);
    expect(stored).toBeGreaterThanOrEqual(40);
    expect((await outcome).status).toBe('FINISHED');
  }, 120_000);
});
