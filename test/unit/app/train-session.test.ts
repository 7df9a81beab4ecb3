import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainingSession } from '../../../src/app/training-session';
import { DEFAULT_DATASET_CONFIG } from '../../../src/ml/dataset-config';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { EpochMetrics } from '../../../src/ml/train';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import { QuotaExceededError } from '../../../src/tracking';
import type { TrainingSnapshot } from '../../../src/ui/services';

const request: TrainRequest = {
  source: { kind: 'generated', config: DEFAULT_DATASET_CONFIG },
  model: { ...DEFAULT_MODEL_CONFIG, epochs: 50 },
};

/** A bridge double driven by the test: it hands out the progress callback and settles when told to. */
function fakeBridge() {
  const calls: {
    signal: AbortSignal;
    progress: (p: TrainProgress) => void;
    resolve: (o: TrainOutcome) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const bridge = {
    train: (signal: AbortSignal, _request: TrainRequest, progress: (p: TrainProgress) => void) =>
      new Promise<TrainOutcome>((resolve, reject) => calls.push({ signal, progress, resolve, reject })),
    parseCsv: () => Promise.reject(new Error('not used')),
  };
  return { bridge, calls };
}

const epoch = (i: number): EpochMetrics => ({ loss: 1 / (i + 1), accuracy: i / 50 });

describe('TrainingSession', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the live state for any later subscriber and publishes epochs in batches, not one by one', async () => {
    const { bridge, calls } = fakeBridge();
    const session = new TrainingSession(bridge);
    const heard: (TrainingSnapshot | null)[] = [];
    session.subscribe((s) => heard.push(s));
    const ended = session.start(request);
    expect(session.current).toMatchObject({ phase: 'starting', runId: null, epochs: 50 });
    calls[0].progress({ type: 'started', runId: 'r1', backend: 'cpu', epochs: 50 });
    for (let i = 0; i < 10; i++) calls[0].progress({ type: 'epoch', epoch: i, metrics: epoch(i) });
    const grid = { width: 1, height: 1, bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, values: new Float32Array(1) };
    calls[0].progress({ type: 'boundary', epoch: 9, grid });
    // null, starting, running: the ten epochs wait for the next publish.
    expect(heard.map((s) => s?.phase ?? null)).toEqual([null, 'starting', 'running']);
    vi.advanceTimersByTime(250);
    expect(heard).toHaveLength(4);
    expect(heard[3]!.history).toHaveLength(10);
    expect(heard[3]!.grid).toBe(grid);

    // A page shown later (the person came back) gets the whole series so far at once.
    let late: TrainingSnapshot | null = null;
    session.subscribe((s) => (late = s));
    expect(late!.history.map((m) => m.loss)).toEqual(Array.from({ length: 10 }, (_, i) => 1 / (i + 1)));

    calls[0].progress({ type: 'epoch', epoch: 10, metrics: epoch(10) });
    calls[0].resolve({ runId: 'r1', status: 'FINISHED' });
    const last = await ended;
    expect(last).toMatchObject({ phase: 'FINISHED', runId: 'r1', failure: null });
    expect(last.history).toHaveLength(11);
  });

  it('refuses a second training while one runs, and Stop aborts the bridge signal', async () => {
    const { bridge, calls } = fakeBridge();
    const session = new TrainingSession(bridge);
    const ended = session.start(request);
    expect(() => session.start(request)).toThrow(/already running/);
    session.stop();
    expect(calls[0].signal.aborted).toBe(true);
    calls[0].reject(new DOMException('stopped', 'AbortError'));
    expect(await ended).toMatchObject({ phase: 'KILLED', runId: null, failure: null });
    // Free again.
    void session.start(request);
    expect(calls).toHaveLength(2);
  });

  it('marks a storage-full failure, so the page can raise the app notice, and words other failures', async () => {
    const { bridge, calls } = fakeBridge();
    const session = new TrainingSession(bridge);
    let ended = session.start(request);
    calls[0].resolve({ runId: 'r1', status: 'FAILED', error: new QuotaExceededError().message });
    expect((await ended).failure).toEqual({
      message: `Training failed: ${new QuotaExceededError().message}`,
      storageFull: true,
    });

    ended = session.start(request);
    calls[1].reject(new Error('the worker could not load'));
    expect(await ended).toMatchObject({
      phase: 'FAILED',
      failure: { message: 'Training could not run: the worker could not load', storageFull: false },
    });
  });
});
