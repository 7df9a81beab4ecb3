import type { TrackingClient } from '../tracking';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../ml/training-messages';
import type { PredictService } from '../ml/predict-api';

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
}

/** Trains one model at a time in a Web Worker, which records the run itself through the tracking API. */
export interface TrainingService {
  /**
   * Resolves when the run has ended: FINISHED, FAILED (with the reason) or KILLED when `signal` aborts, which
   * keeps the metrics of every finished epoch. `onProgress` feeds the live view only.
   */
  train(signal: AbortSignal, request: TrainRequest, onProgress: (progress: TrainProgress) => void): Promise<TrainOutcome>;
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

/** A readable one-line message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
