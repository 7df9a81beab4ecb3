import type { TrackingClient } from '../tracking';
import type { LiveNetwork } from '../ml/network-frame';
import type { StepSize } from '../ml/stepped-training';
import type { BoundaryGrid, TrainOutcome, TrainProgress, TrainRequest } from '../ml/training-messages';
import type { EpochMetrics } from '../ml/train';
import type { CsvOptions } from '../ml/csv';
import type { Dataset } from '../ml/dataset';
import type { PredictService } from '../ml/predict-api';
import type { SweepPlan, SweepSnapshot } from '../sweep';
import type { MlflowService } from './mlflow/mlflow-service';

/**
 * What the composition root (src/app) hands to every page. Pages reach data and workers only through these, so
 * the UI never imports Dexie, tfjs or the app module.
 */
export interface AppServices {
  tracking: TrackingClient;
  /** Trains Playground models in a worker; absent where no worker can run. */
  training?: TrainingService;
  /** Loads stored models in a worker to predict and evaluate (see ml/predict-api.ts); absent without workers. */
  predict?: PredictService;
  /** Hyperparameter sweeps on a pool of training workers; absent without workers. */
  sweeps?: SweepService;
  /** Push to and pull from an MLflow tracking server (settings, outbox); absent in tests that need none. */
  mlflow?: MlflowService;
}

/**
 * Runs one sweep at a time, outside any page: the sweep goes on when the page that started it goes away, and
 * any page can subscribe to its progress and result.
 */
export interface SweepService {
  /** Workers a sweep gets unless told otherwise: `navigator.hardwareConcurrency - 1`, at least 1. */
  readonly defaultPoolSize: number;
  /** The sweep in progress, or the last one; null before the first. */
  readonly current: SweepSnapshot | null;
  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (snapshot: SweepSnapshot | null) => void): () => void;
  /**
   * Resolves once the sweep has started (its parent run exists); rejects in words, with nothing written, when
   * the plan cannot run or another sweep is running. The sweep's progress and end arrive through `subscribe`.
   */
  start(plan: SweepPlan): Promise<void>;
  /** Stops every running trial (they end KILLED); pending trials never start; the parent ends KILLED. */
  cancel(): void;
  /**
   * Starts up to `poolSize` workers (no more than the cores) ahead of the next sweep — the sweep panel opens — so
   * that Start trains at once instead of waiting for tfjs to load in each worker. Idle ones go after a while.
   */
  prepare(poolSize: number): void;
}

/** Where the Playground's training stands: `starting` until the worker has created the run, then `running`. */
export type TrainingPhase = 'starting' | 'running' | 'FINISHED' | 'KILLED' | 'FAILED';

/**
 * The Playground's training as the live view needs it, kept by the app outside any page: the page can go away
 * while it trains and, when shown again, redraw its charts and heatmap from here. Each snapshot is a new object.
 */
export interface TrainingSnapshot {
  /** Counts trainings since the app opened, so a page can tell a new one from one it has seen. */
  readonly id: number;
  readonly request: TrainRequest;
  readonly phase: TrainingPhase;
  /** Null until the worker has created the run (and when it was stopped before that). */
  readonly runId: string | null;
  readonly backend: string;
  readonly epochs: number;
  /** One entry per finished epoch, in order. */
  readonly history: readonly EpochMetrics[];
  /** The latest live decision boundary, if the data has a picture. */
  readonly grid: BoundaryGrid | null;
  /** The latest network view (every unit's heatmap and the weights), over 2-D data. */
  readonly network: LiveNetwork | null;
  /** Why the training failed or could not run, in words; `storageFull` when the browser refused the writes. */
  readonly failure: { message: string; storageFull: boolean } | null;
}

/**
 * Trains one Playground model at a time in a Web Worker, which records the run itself through the tracking API.
 * The training goes on when the page that started it goes away; any page can subscribe to it.
 */
export interface TrainingService {
  /** The training in progress, or the last one; null before the first. */
  readonly current: TrainingSnapshot | null;
  /** Calls `listener` now and on every change (at most a few times a second); returns the unsubscribe function. */
  subscribe(listener: (snapshot: TrainingSnapshot | null) => void): () => void;
  /**
   * Starts a training; resolves when it has ended, never rejects (a failure is in the snapshot). Throws at once
   * in words when a training is already running.
   */
  start(request: TrainRequest): Promise<TrainingSnapshot>;
  /**
   * Stops the training: its run ends KILLED (also before the worker created it), keeping every finished epoch. A
   * stepped training ends FINISHED instead, with its model: ending it is how a person finishes stepping.
   */
  stop(): void;
  /**
   * The Playground's Step: trains one more epoch or batch of the stepped training in progress, or starts one (a
   * new run, its model initialized from the model seed) with this first step. Throws in words while a normal
   * training runs.
   */
  step(request: TrainRequest, size: StepSize): void;
  /**
   * Trains outside the Playground's session (the devtools console, tests), after any training in progress; no
   * live state is kept. Resolves when the run has ended; `signal` ends it KILLED.
   */
  train(
    signal: AbortSignal,
    request: TrainRequest,
    onProgress: (progress: TrainProgress) => void,
  ): Promise<TrainOutcome>;
  /** Parses an uploaded CSV in the worker, so a large file never freezes the page; rejects naming the row and column. */
  parseCsv(text: string, options: CsvOptions): Promise<Dataset>;
}

/** The contract of a page element: `<name>-page` in src/ui/pages/<name>-page.ts, given services and its route. */
export interface PageElement extends HTMLElement {
  services: AppServices;
  route: PageRoute;
}

export interface PageRoute {
  page: string;
  segments: string[];
  query: URLSearchParams;
}

/** Bubbles an error up to the app, which shows it in words in the page (role="alert"). */
export function reportError(from: HTMLElement, error: unknown): void {
  from.dispatchEvent(new CustomEvent('tabflow-error', { detail: error, bubbles: true, composed: true }));
}

export { errorMessage } from '../shared/errors';
