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
import { DIGIT_CLASS_NAMES, DIGIT_PIXELS } from '../src/ml/digits';
import { pixelsPerImage } from '../src/ml/image-dataset';
import { IMAGE_SIZES } from '../src/ml/image-folder';
import { useBackendFor } from './image-backend';
import { decodeImageFolder } from './image-decode';
import { fetchBytes } from './fetch-bytes';
import { renderPredictionGridPng, renderSpritePng } from './image-png';
import { renderBoundaryPng } from './boundary-png';
import { stepReceiver } from '../src/ml/step-channel';
import { runTrackedTraining } from './train-run';
import { runGangTraining, type GangMemberResult } from './train-gang';
import { backendTags } from './backends';
import { useAutoBackend, type AutoChoice } from './backend-calibration';
import { isCnn } from '../src/ml/image-model-config';
import { storedWasmThreads, WASM_THREADS_PREFERENCE } from '../src/ml/wasm-threads-setting';
import { setWasmThreads } from './wasm-threads';

let tracking: Promise<TrackingClient> | null = null;
/** An `auto` model shape being measured after its first run; the next training waits for it (it switches backends). */
let calibrating: Promise<void> = Promise.resolve();
/** Aborted by the page's Stop; the training in progress then ends its run KILLED itself. */
let stopController = new AbortController();

/** The raw feature count the model will see, for the backend choice, before any data is generated. */
function inputDim(request: TrainRequest): number {
  if (request.model.inputFeatures.length > 0) return request.model.inputFeatures.length;
  if (request.source.kind === 'csv') return numFeatures(request.source.dataset);
  if (request.source.kind === 'digits') return DIGIT_PIXELS;
  if (request.source.kind === 'images') return pixelsPerImage(IMAGE_SIZES[request.source.size]);
  return request.source.config.generator === 'sine' ? 1 : 2;
}

/** The backend a request trains on (switched to), with the tags that say which and why. */
async function chooseBackend(
  client: TrackingClient,
  request: TrainRequest,
): Promise<{ backend: string; tags: Record<string, string>; calibrateLater?: () => Promise<void> }> {
  // Settings' "Threads for the wasm backend" (read by the wasm module only when it starts in this worker).
  setWasmThreads(
    storedWasmThreads(await client.getPreference(WASM_THREADS_PREFERENCE), navigator.hardwareConcurrency || 1),
  );
  // `auto` for an MLP goes by measurements on this machine (once per model shape); a CNN's is image-backend.ts's.
  const choice: Partial<AutoChoice> & { name: string } =
    request.model.backend === 'auto' && !isCnn(request.model)
      ? await useAutoBackend(
          client,
          request.model,
          inputDim(request),
          request.source.kind === 'digits' ? DIGIT_CLASS_NAMES.length : 2,
        )
      : await useBackendFor(request.model, inputDim(request));
  const { name: backend, reason } = choice;
  const tags = { ...(await backendTags(backend)), ...(reason ? { 'tabflow.backend_reason': reason } : {}) };
  return { backend, tags, calibrateLater: choice.calibrateLater };
}

/** The worker's picture painters and image loaders, the same for a run trained alone or in a gang. */
const workerHooks = {
  renderPng: renderBoundaryPng,
  images: {
    loadBytes: fetchBytes,
    renderGrid: renderPredictionGridPng,
    renderSprite: renderSpritePng,
    decodeFolder: decodeImageFolder,
  },
};

/** The members of the gang in progress, each stopped by its own controller. */
let gangStops: AbortController[] = [];

const api = {
  /**
   * Nothing but readiness: answering means this worker's script (tfjs with it) has loaded, and its tracking client
   * is open. A sweep's pool calls it while the person is still setting the sweep up (see TrainingBridge.warmUp).
   */
  async warmUp(): Promise<void> {
    tracking ??= openTracking();
    await tracking;
  },

  /** Trains one model; resolves when the run has ended (FINISHED, or FAILED with the reason). */
  async train(request: TrainRequest, onProgress: (progress: TrainProgress) => void): Promise<TrainOutcome> {
    stopController = new AbortController();
    const { signal } = stopController;
    tracking ??= openTracking();
    const client = await tracking;
    await calibrating;
    const { backend, tags, calibrateLater } = await chooseBackend(client, request);
    if (signal.aborted) throw new DOMException('Training was stopped before it started.', 'AbortError');
    const tagged = { ...request, tags: { ...request.tags, ...tags } };
    // A stepped training hears the page's Step button on the step channel until it ends.
    const steps = request.stepped ? stepReceiver(request.stepped.token) : null;
    return runTrackedTraining(tf, client, tagged, {
      ...workerHooks,
      backend,
      signal,
      nextStep: steps?.next,
      // The live view is best effort: a page that went away must not fail the run.
      onProgress: (progress) => void Promise.resolve(onProgress(progress)).catch(() => {}),
    }).finally(() => {
      steps?.close();
      // Sweep trials leave measuring to a Playground run: a whole pool measuring at once would slow the sweep.
      if (calibrateLater && request.parentRunId === undefined) calibrating = calibrateLater().catch(() => {});
    });
  },

  /**
   * Trains compatible sweep trials together as one stacked model (train-gang.ts), each recorded as its own run.
   * `onSettled` hears each member as soon as its run ends; `stopMember(i)` stops member i alone, `stop()` all.
   * The backend is the one the first request would get: the members differ only where the gang allows.
   */
  async trainGang(
    requests: TrainRequest[],
    onProgress: (index: number, progress: TrainProgress) => void,
    onSettled: (index: number, result: GangMemberResult) => void,
  ): Promise<GangMemberResult[]> {
    gangStops = requests.map(() => new AbortController());
    const signals = gangStops.map((c) => c.signal);
    tracking ??= openTracking();
    const client = await tracking;
    await calibrating;
    const { backend, tags } = await chooseBackend(client, requests[0]);
    const tagged = requests.map((r) => ({ ...r, tags: { ...r.tags, ...tags } }));
    // Progress and endings are best effort: a page that went away must not fail the runs.
    return runGangTraining(tf, client, tagged, {
      shared: { ...workerHooks, backend },
      signals,
      onProgress: (index, progress) => void Promise.resolve(onProgress(index, progress)).catch(() => {}),
      onSettled: (index, result) => void Promise.resolve(onSettled(index, result)).catch(() => {}),
    });
  },

  /** Stops member `index` of the gang in progress at its next stacked batch; the others train on. */
  stopMember(index: number): void {
    gangStops[index]?.abort();
  },

  /**
   * Stops the training in progress: before its run starts (no run), right after creating it, or at the next batch
   * boundary; `train` then resolves with the run ended KILLED and every finished epoch's metrics kept.
   */
  stop(): void {
    stopController.abort();
    for (const stop of gangStops) stop.abort();
  },

  /** Parses an uploaded CSV off the page's thread; a bad file rejects with the CsvError's words (row and column). */
  parseCsv(text: string, options: CsvOptions): Dataset {
    return parseCsv(text, options);
  },
};

export type TrainWorkerApi = typeof api;

Comlink.expose(api);
