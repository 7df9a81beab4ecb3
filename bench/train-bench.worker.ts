/**
 * The benchmark's training worker: trains the same Playground model twice, once through the app's tracked
 * routine (workers/train-run.ts: run, params, dataset input, metrics flushed on a timer, model, confusion
 * matrix) and once as a plain model.fit loop with no tracking, on the same backend in the same worker.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { openTracking, type TrackingClient } from '../src/tracking';
import { buildModel } from '../src/ml/build-model';
import { numFeatures } from '../src/ml/dataset';
import { DEFAULT_DATASET_CONFIG } from '../src/ml/dataset-config';
import { expandFeatures } from '../src/ml/features';
import { generateDataset } from '../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../src/ml/model-config';
import { splitDataset } from '../src/ml/split';
import { trainModel } from '../src/ml/train';
import { useBackend } from '../workers/backends';
import { runTrackedTraining, TRAINING_FLUSH_MS } from '../workers/train-run';

export interface TrainingSample {
  backend: string;
  epochs: number;
  /** From the end of the first epoch to the end of the last: the steady per-epoch cost. */
  epochSpanMs: number;
  /** The whole call, set-up and (when tracked) the run's start and end included. */
  totalMs: number;
  /** How long logged metrics wait before they are written (tracked only). */
  flushEveryMs?: number;
}

let tracking: Promise<TrackingClient> | null = null;

function modelConfig(epochs: number): ModelConfig {
  return { ...DEFAULT_MODEL_CONFIG, epochs, hiddenLayers: [...DEFAULT_MODEL_CONFIG.hiddenLayers], inputFeatures: [] };
}

const api = {
  async tracked(epochs: number, dbName: string): Promise<TrainingSample> {
    tracking ??= openTracking({ dbName });
    const client = await tracking;
    const model = modelConfig(epochs);
    const backend = await useBackend(model.backend, model, 2);
    const epochEnds: number[] = [];
    const start = performance.now();
    const outcome = await runTrackedTraining(
      tf,
      client,
      { source: { kind: 'generated', config: { ...DEFAULT_DATASET_CONFIG } }, model, liveBoundary: false },
      {
        backend,
        onProgress: (p) => {
          if (p.type === 'epoch') epochEnds.push(performance.now());
        },
      },
    );
    const totalMs = performance.now() - start;
    if (outcome.status !== 'FINISHED')
      throw new Error(`tracked training ended ${outcome.status}: ${outcome.error ?? ''}`);
    const logged = (await client.getRun(outcome.runId)).data.metrics.loss?.count;
    if (logged !== epochs) throw new Error(`tracked training logged ${logged} loss points, expected ${epochs}`);
    return {
      backend,
      epochs,
      epochSpanMs: epochEnds[epochEnds.length - 1] - epochEnds[0],
      totalMs,
      flushEveryMs: TRAINING_FLUSH_MS,
    };
  },

  async plain(epochs: number): Promise<TrainingSample> {
    const config = modelConfig(epochs);
    const backend = await useBackend(config.backend, config, 2);
    const epochEnds: number[] = [];
    const start = performance.now();
    const dataConfig = DEFAULT_DATASET_CONFIG;
    const full = generateDataset(dataConfig.generator, {
      numPoints: dataConfig.numPoints,
      noise: dataConfig.noise,
      seed: dataConfig.seed,
    });
    const split = splitDataset(full, dataConfig.testFraction, dataConfig.seed);
    const train = expandFeatures(split.train, config.inputFeatures);
    const test = expandFeatures(split.test, config.inputFeatures);
    const model = buildModel(tf, config, numFeatures(train), train.task, train.numClasses);
    try {
      await trainModel(tf, model, train, test, config, { onEpochEnd: () => void epochEnds.push(performance.now()) });
    } finally {
      model.dispose();
    }
    const totalMs = performance.now() - start;
    return { backend, epochs, epochSpanMs: epochEnds[epochEnds.length - 1] - epochEnds[0], totalMs };
  },
};

export type TrainBenchApi = typeof api;

Comlink.expose(api);
