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
/** Set by an early Stop (the page does not know the run yet, so it cannot terminate this worker safely). */
let stopRequested = false;

/** The raw feature count the model will see, for the backend choice, before any data is generated. */
function inputDim(request: TrainRequest): number {
  if (request.model.inputFeatures.length > 0) return request.model.inputFeatures.length;
  if (request.source.kind === 'csv') return numFeatures(request.source.dataset);
  return request.source.config.generator === 'sine' ? 1 : 2;
}

const api = {
  /** Trains one model; resolves when the run has ended (FINISHED, or FAILED with the reason). */
  async train(request: TrainRequest, onProgress: (progress: TrainProgress) => void): Promise<TrainOutcome> {
    stopRequested = false;
    tracking ??= openTracking();
    const client = await tracking;
    const backend = await useBackend(request.model.backend, request.model, inputDim(request));
    if (stopRequested) throw new DOMException('Training was stopped before it started.', 'AbortError');
    return runTrackedTraining(tf, client, request, {
      backend,
      stopRequested: () => stopRequested,
      // The live view is best effort: a page that went away must not fail the run.
      onProgress: (progress) => void Promise.resolve(onProgress(progress)).catch(() => {}),
      renderPng: renderBoundaryPng,
    });
  },

  /** Stops the training before its run starts, or ends the run KILLED right after creating it. */
  stop(): void {
    stopRequested = true;
  },

  /** Parses an uploaded CSV off the page's thread; a bad file rejects with the CsvError's words (row and column). */
  parseCsv(text: string, options: CsvOptions): Dataset {
    return parseCsv(text, options);
  },
};

export type TrainWorkerApi = typeof api;

Comlink.expose(api);
