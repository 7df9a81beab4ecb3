import { describe, expect, it } from 'vitest';
import { TrainingSession } from '../../../src/app/training-session';
import { DEFAULT_DATASET_CONFIG } from '../../../src/ml/dataset-config';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import { stepReceiver } from '../../../src/ml/step-channel';
import type { StepCommand } from '../../../src/ml/stepped-training';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';

const request: TrainRequest = {
  source: { kind: 'generated', config: DEFAULT_DATASET_CONFIG },
  model: DEFAULT_MODEL_CONFIG,
};

/**
 * A bridge whose "worker" starts only when the test says (as the real one waits for tfjs to load): then it opens
 * the step channel for its run's token, as train.worker.ts does, and reports 'started'.
 */
function slowStartingBridge() {
  let begin = () => {};
  const started = new Promise<void>((resolve) => (begin = resolve));
  let steps: ReturnType<typeof stepReceiver> | null = null;
  const bridge = {
    train: async (_signal: AbortSignal, req: TrainRequest, progress: (p: TrainProgress) => void) => {
      await started;
      steps = stepReceiver(req.stepped!.token);
      progress({ type: 'started', runId: 'r1', backend: 'cpu', epochs: 0 });
      return new Promise<TrainOutcome>(() => {});
    },
    parseCsv: () => Promise.reject(new Error('not used')),
  };
  return { bridge, begin, next: (): Promise<StepCommand> => steps!.next(), close: () => steps?.close() };
}

/** Resolves with what `promise` gave within `ms` of real time, or 'nothing' when it gave nothing. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'nothing'> {
  return Promise.race([promise, new Promise<'nothing'>((resolve) => setTimeout(() => resolve('nothing'), ms))]);
}

describe('TrainingSession steps', () => {
  it('keeps the Steps pressed while the worker is still starting and sends them, in order, once it has started', async () => {
    const worker = slowStartingBridge();
    const session = new TrainingSession(worker.bridge);
    session.step(request, 'epoch');
    expect(session.current?.phase).toBe('starting');
    // Two more presses before the worker is up: the first step is in the request, these two must not be lost.
    session.step(request, 'batch');
    session.step(request, 'epoch');
    worker.begin();
    await expect.poll(() => session.current?.phase).toBe('running');
    expect(await within(worker.next(), 5_000)).toBe('batch');
    expect(await within(worker.next(), 5_000)).toBe('epoch');
    // Nothing else was queued; a press now goes straight to the running training.
    expect(await within(worker.next(), 200)).toBe('nothing');
    session.step(request, 'batch');
    expect(await within(worker.next(), 5_000)).toBe('batch');
    worker.close();
  });
});
