/**
 * The page's side of the training worker, after Squoosh's worker bridge: the worker starts on the first call
 * (so tfjs loads only then, and only in the worker), calls run one at a time, and every call takes an
 * AbortSignal. Aborting asks the worker to stop: it ends the training at the next batch, commits every finished
 * epoch's metrics and ends the run KILLED itself (or creates none), and the bridge resolves with that outcome.
 * A worker that has not done so within a grace period (stuck in a long op, or out of memory) is terminated, and
 * the bridge ends the run KILLED from the page; only the epoch whose metrics were still being written is lost.
 * A worker that crashes or cannot load ends its run FAILED (from the page) with the reason in `tabflow.error`.
 */
import * as Comlink from 'comlink';
import type { TrackingClient } from '../tracking';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../ml/training-messages';
import type { CsvOptions } from '../ml/csv';
import type { Dataset } from '../ml/dataset';
import type { TrainWorkerApi } from '../../workers/train.worker';
import { WorkerBridge, WorkerFailedError } from '../shared/worker-bridge';
import { abortError, EARLY_STOP_GRACE_MS, endFailed, endKilled, STOP_GRACE_MS } from './training-stop';
import { trainGangInWorker, type GangMember } from './training-gang-call';
import { WASM_THREADS_PREFERENCE } from '../ml/wasm-threads-setting';

/** How long an idle training worker is kept before it is terminated. */
const IDLE_MS = 5 * 60_000;

export class TrainingBridge {
  private readonly bridge = new WorkerBridge<TrainWorkerApi>({
    label: 'training',
    create: () =>
      new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'tabflow-train' }),
    // A warm worker keeps its tfjs backend between a class's back-to-back runs; an idle one gives its memory back.
    idleMs: IDLE_MS,
    abortError,
  });
  private queue: Promise<unknown> = Promise.resolve();
  /** The wasm thread setting the current worker read; undefined before it has started. */
  private workerWasmThreads: unknown = undefined;

  constructor(private readonly tracking: TrackingClient) {}

  /**
   * A worker's wasm module keeps the thread count it started with, so when Settings' "Threads for the wasm backend"
   * changed since, the (idle) worker is let go and the next call starts one that reads the new count.
   */
  private async followWasmThreadSetting(): Promise<void> {
    const setting = (await this.tracking.getPreference(WASM_THREADS_PREFERENCE)) ?? null;
    if (this.workerWasmThreads !== undefined && setting !== this.workerWasmThreads) this.bridge.dispose();
    this.workerWasmThreads = setting;
  }

  train(
    signal: AbortSignal,
    request: TrainRequest,
    onProgress: (progress: TrainProgress) => void,
  ): Promise<TrainOutcome> {
    const job = this.queue
      .then(() => this.followWasmThreadSetting())
      .then(() => this.trainNow(signal, request, onProgress));
    this.queue = job.catch(() => {});
    return job;
  }

  /**
   * Trains sweep trials together in this bridge's worker as one batched model (after any call before it), each
   * its own run: one promise per member, settled when that member's run ends. Aborting a member's signal stops it
   * alone; see training-gang-call.ts.
   */
  trainTogether(members: GangMember[]): Promise<TrainOutcome>[] {
    const started = this.queue
      .then(() => this.followWasmThreadSetting())
      .then(() => trainGangInWorker(this.bridge, this.tracking, members));
    this.queue = started.then((outcomes) => Promise.allSettled(outcomes)).catch(() => {});
    return members.map((_, i) => started.then((outcomes) => outcomes[i]));
  }

  /**
   * Starts the worker now rather than on the first training: loading its script (tfjs, several MB to parse) takes
   * a second or two on a slow machine, which a sweep's pool spends while the person is still setting it up.
   */
  warmUp(): void {
    void this.bridge.call(undefined, (api) => api.warmUp()).catch(() => {});
  }

  parseCsv(text: string, options: CsvOptions): Promise<Dataset> {
    return this.bridge.call(undefined, (api) => api.parseCsv(text, options));
  }

  /** Terminates the idle worker (a sweep's pool lets its workers go when it ends); the next call starts a new one. */
  dispose(): void {
    this.bridge.dispose();
  }

  /**
   * The bridge's own abort would terminate the worker at once; Stop must let the worker end the run itself, so
   * the train call takes no signal and Stop is handled here: ask, wait out the grace, then terminate.
   */
  private trainNow(
    signal: AbortSignal,
    request: TrainRequest,
    onProgress: (progress: TrainProgress) => void,
  ): Promise<TrainOutcome> {
    if (signal.aborted) return Promise.reject(abortError());
    let runId: string | null = null;
    let settled = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;

    return new Promise<TrainOutcome>((resolve, reject) => {
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(graceTimer);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = () => {
        void this.bridge.call(undefined, (api) => api.stop()).catch(() => {});
        graceTimer = setTimeout(
          () => {
            finish(() => (runId ? resolve(endKilled(this.tracking, runId)) : reject(abortError())));
            this.bridge.terminate();
          },
          runId ? STOP_GRACE_MS : EARLY_STOP_GRACE_MS,
        );
      };
      const onFailure = (error: unknown) => {
        // A worker that crashed or could not load cannot end its run: the page ends it FAILED with the reason.
        if (error instanceof WorkerFailedError && error.kind !== 'interrupted') {
          if (runId) resolve(endFailed(this.tracking, runId, error.message));
          else reject(error);
        } else reject(signal.aborted ? abortError() : error);
      };
      signal.addEventListener('abort', onAbort, { once: true });

      const progress = (p: TrainProgress) => {
        if (settled) return;
        if (p.type === 'started') runId = p.runId;
        onProgress(p);
      };
      this.bridge
        .call(undefined, (api) => api.train(request, Comlink.proxy(progress)))
        .then(
          (outcome) => finish(() => resolve(outcome)),
          (error: unknown) => finish(() => onFailure(error)),
        );
    });
  }
}
