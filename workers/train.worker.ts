/**
 * The training worker: trains Playground models with tfjs off the main thread and records each run itself
 * through its own tracking client (same IndexedDB as the page, whose live queries show the writes). The page
 * talks to it through src/app/training-bridge.ts with comlink and imports only this file's type.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { openTracking, type TrackingClient } from '../src/tracking';
import { parseCsv, type CsvOptions } from '../src/ml/csv';
import { numFeatures, type Dataset } from '../src/ml/dataset';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../src/ml/training-messages';
import { useBackend } from './backends';
import { renderBoundaryPng } from './boundary-png';
import { runTrackedTraining } from './train-run';

let tracking: Promise<TrackingClient> | null = null;
/** Aborted by the page's Stop; the training in progress then ends its run KILLED itself. */
let stopController = new AbortController();

/** The raw feature count the model will see, for the backend choice, before any data is generated. */
function inputDim(request: TrainRequest): number {
  if (request.model.inputFeatures.length > 0) return request.model.inputFeatures.length;
  if (request.source.kind === 'csv') return numFeatures(request.source.dataset);
  return request.source.config.generator === 'sine' ? 1 : 2;
}

const api = {
  /** Trains one model; resolves when the run has ended (FINISHED, or FAILED with the reason). */
  async train(request: TrainRequest, onProgress: (progress: TrainProgress) => void): Promise<TrainOutcome> {
    stopController = new AbortController();
    const { signal } = stopController;
    tracking ??= openTracking();
    const client = await tracking;
    const backend = await useBackend(request.model.backend, request.model, inputDim(request));
    if (signal.aborted) throw new DOMException('Training was stopped before it started.', 'AbortError');
    return runTrackedTraining(tf, client, request, {
      backend,
      signal,
      // The live view is best effort: a page that went away must not fail the run.
      onProgress: (progress) => void Promise.resolve(onProgress(progress)).catch(() => {}),
      renderPng: renderBoundaryPng,
    });
  },

  /**
   * Stops the training in progress: before its run starts (no run), right after creating it, or at the next batch
   * boundary; `train` then resolves with the run ended KILLED and every finished epoch's metrics kept.
   */
  stop(): void {
    stopController.abort();
  },

  /** Parses an uploaded CSV off the page's thread; a bad file rejects with the CsvError's words (row and column). */
  parseCsv(text: string, options: CsvOptions): Dataset {
    return parseCsv(text, options);
  },
};

export type TrainWorkerApi = typeof api;

Comlink.expose(api);
