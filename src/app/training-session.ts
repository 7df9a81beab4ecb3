/**
 * The `training` service: the Playground's one training at a time, held by the app outside any page (as
 * sweep-service.ts holds a sweep), so a person can leave the Playground to watch the run in the Experiments table
 * and come back to live charts, a heatmap and a working Stop button.
 */
import type { EpochMetrics } from '../ml/train';
import type { LiveNetwork, NetworkLayout } from '../ml/network-frame';
import { sendStep } from '../ml/step-channel';
import type { StepSize } from '../ml/stepped-training';
import type { BoundaryGrid, TrainOutcome, TrainProgress, TrainRequest } from '../ml/training-messages';
import { errorMessage, isAbortError } from '../shared/errors';
import type { TrainingService, TrainingSnapshot } from '../ui/services';
import { isStorageFullError } from '../ui/settings/storage-errors';
import type { TrainingBridge } from './training-bridge';

/**
 * Progress arrives once per epoch, often ten times a second; listeners hear of it at most this often, so the
 * page redraws its charts and heatmap a few times a second whatever the training speed.
 */
const PUBLISH_INTERVAL_MS = 200;

export class TrainingSession implements TrainingService {
  private latest: TrainingSnapshot | null = null;
  private readonly listeners = new Set<(snapshot: TrainingSnapshot | null) => void>();
  private abort: AbortController | null = null;
  private trainings = 0;
  /** Progress received since listeners last heard, applied to `latest` on the next publish. */
  private pending: { epochs: EpochMetrics[]; grid: BoundaryGrid | null; network: LiveNetwork | null } = {
    epochs: [],
    grid: null,
    network: null,
  };
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Steps asked for while the worker is still starting. The worker opens its step channel only once its training
   * call begins (after tfjs loads), and a BroadcastChannel message sent before that reaches no one; so they wait
   * here for the training's 'started', which comes after the channel is open.
   */
  private waitingSteps: StepSize[] = [];

  /** `bridge` is the training bridge in the app, an in-process double in unit tests. */
  constructor(private readonly bridge: Pick<TrainingBridge, 'train' | 'parseCsv'>) {}

  get current(): TrainingSnapshot | null {
    return this.latest;
  }

  subscribe(listener: (snapshot: TrainingSnapshot | null) => void): () => void {
    this.listeners.add(listener);
    listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  start(request: TrainRequest): Promise<TrainingSnapshot> {
    if (this.abort)
      throw new Error('A training is already running: stop it or wait for it to end before starting another.');
    const abort = new AbortController();
    this.abort = abort;
    this.pending = { epochs: [], grid: null, network: null };
    this.waitingSteps = [];
    this.publish({
      id: ++this.trainings,
      request,
      phase: 'starting',
      runId: null,
      backend: '',
      epochs: request.stepped ? 0 : request.model.epochs,
      history: [],
      grid: null,
      network: null,
      failure: null,
    });
    return this.bridge
      .train(abort.signal, request, (p) => this.onProgress(p))
      .then(
        (outcome) => this.end(outcome),
        (error: unknown) => this.fail(error),
      )
      .finally(() => {
        if (this.abort === abort) this.abort = null;
      });
  }

  stop(): void {
    this.abort?.abort();
  }

  step(request: TrainRequest, size: StepSize): void {
    const stepped = this.abort ? this.latest?.request.stepped : undefined;
    if (stepped) {
      if (this.latest?.phase === 'starting') this.waitingSteps.push(size);
      else sendStep(stepped.token, size);
      return;
    }
    if (this.abort)
      throw new Error('A training is running: stop it or wait for it to end before stepping through a new one.');
    void this.start({ ...request, stepped: { token: crypto.randomUUID(), first: size } });
  }

  train: TrainingService['train'] = (signal, request, onProgress) => this.bridge.train(signal, request, onProgress);

  parseCsv: TrainingService['parseCsv'] = (text, options) => this.bridge.parseCsv(text, options);

  private onProgress(p: TrainProgress): void {
    const latest = this.latest;
    if (!latest) return;
    if (p.type === 'started') {
      this.publish({ ...latest, phase: 'running', runId: p.runId, backend: p.backend, epochs: p.epochs });
      const token = latest.request.stepped?.token;
      if (token) for (const size of this.waitingSteps.splice(0)) sendStep(token, size);
      return;
    }
    if (p.type === 'epoch') this.pending.epochs.push(p.metrics);
    else if (p.type === 'network') this.pending.network = { layout: this.sameLayout(p.layout), frame: p.frame };
    else this.pending.grid = p.grid;
    this.publishTimer ??= setTimeout(() => this.publish(this.withPending()), PUBLISH_INTERVAL_MS);
  }

  /**
   * The frames' layout as one object for as long as it stays the same: each frame crosses from the worker as a copy
   * with a layout of its own, and the network view does its per-layout work (its unit buttons, the weights' lines)
   * again for every new layout object.
   */
  private sameLayout(layout: NetworkLayout): NetworkLayout {
    const known = this.pending.network?.layout ?? this.latest?.network?.layout;
    return known && JSON.stringify(known) === JSON.stringify(layout) ? known : layout;
  }

  /** The latest snapshot with the progress received since, which empties the pending progress. */
  private withPending(): TrainingSnapshot {
    const latest = this.latest!;
    const { epochs, grid, network } = this.pending;
    this.pending = { epochs: [], grid: null, network: null };
    return {
      ...latest,
      history: epochs.length > 0 ? [...latest.history, ...epochs] : latest.history,
      grid: grid ?? latest.grid,
      network: network ?? latest.network,
    };
  }

  private end(outcome: TrainOutcome): TrainingSnapshot {
    const failure = outcome.status === 'FAILED' ? `Training failed: ${outcome.error ?? 'unknown error'}` : null;
    const snapshot: TrainingSnapshot = {
      ...this.withPending(),
      phase: outcome.status,
      runId: outcome.runId,
      failure: failure ? { message: failure, storageFull: isStorageFullError(outcome.error) } : null,
    };
    this.publish(snapshot);
    return snapshot;
  }

  /** The bridge rejects when no run could be made (or Stop came first, which leaves no run at all). */
  private fail(error: unknown): TrainingSnapshot {
    const failure = isAbortError(error)
      ? null
      : { message: `Training could not run: ${errorMessage(error)}`, storageFull: isStorageFullError(error) };
    const snapshot: TrainingSnapshot = { ...this.withPending(), phase: failure ? 'FAILED' : 'KILLED', failure };
    this.publish(snapshot);
    return snapshot;
  }

  private publish(snapshot: TrainingSnapshot): void {
    if (this.publishTimer !== null) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    this.latest = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }
}
