/**
 * The "digits training" benchmark's worker: the Playground's tracked digits training (workers/train-run.ts: run,
 * params, dataset input, per-epoch metrics, prediction grids, model, confusion matrix with examples) against the
 * same data, model and trainModel loop with no tracking, in this one worker on the same tfjs backend.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { openTracking, type TrackingClient } from '../src/tracking';
import { buildModel } from '../src/ml/build-model';
import { numFeatures } from '../src/ml/dataset';
import { digitsDataset } from '../src/ml/digits';
import { DEFAULT_MODEL_CONFIG, type BackendChoice, type ModelConfig } from '../src/ml/model-config';
import { splitDataset } from '../src/ml/split';
import { trainModel } from '../src/ml/train';
import { useBackend } from '../workers/backends';
import { renderPredictionGridPng, renderSpritePng } from '../workers/image-png';
import { runTrackedTraining } from '../workers/train-run';

export interface DigitsSample {
  backend: string;
  /** Training rows per second between the first and the last epoch's end (the steady rate). */
  samplesPerSecond: number;
  trainRows: number;
}

export interface DigitsSetup {
  url: string;
  subset: number;
  epochs: number;
  backend: BackendChoice;
}

const TEST_FRACTION = 0.2;
const SEED = 1;
let tracking: Promise<TrackingClient> | null = null;
let file: Promise<Uint8Array> | null = null;

const bytes = (url: string) => (file ??= fetch(url).then(async (r) => new Uint8Array(await r.arrayBuffer())));

/** The MLP: 784-128-64-10, relu, adam, batch 32. */
function modelConfig(setup: DigitsSetup): ModelConfig {
  return {
    ...DEFAULT_MODEL_CONFIG,
    hiddenLayers: [128, 64],
    activation: 'relu',
    learningRate: 0.005,
    batchSize: 32,
    epochs: setup.epochs,
    backend: setup.backend,
    inputFeatures: [],
  };
}

function rate(epochEnds: number[], trainRows: number): number {
  return (trainRows * (epochEnds.length - 1)) / ((epochEnds[epochEnds.length - 1] - epochEnds[0]) / 1000);
}

const api = {
  async tracked(setup: DigitsSetup, dbName: string): Promise<DigitsSample> {
    tracking ??= openTracking({ dbName });
    const client = await tracking;
    const model = modelConfig(setup);
    const backend = await useBackend(setup.backend, model, 784);
    const file = await bytes(setup.url);
    const epochEnds: number[] = [];
    const outcome = await runTrackedTraining(
      tf,
      client,
      {
        source: { kind: 'digits', url: setup.url, subset: setup.subset, testFraction: TEST_FRACTION, seed: SEED },
        model,
      },
      {
        backend,
        onProgress: (p) => void (p.type === 'epoch' && epochEnds.push(performance.now())),
        images: { loadBytes: async () => file, renderGrid: renderPredictionGridPng, renderSprite: renderSpritePng },
      },
    );
    if (outcome.status !== 'FINISHED')
      throw new Error(`tracked digits training ended ${outcome.status}: ${outcome.error ?? ''}`);
    const trainRows = setup.subset - Math.round(setup.subset * TEST_FRACTION);
    return { backend, samplesPerSecond: rate(epochEnds, trainRows), trainRows };
  },

  async plain(setup: DigitsSetup): Promise<DigitsSample> {
    const config = modelConfig(setup);
    const backend = await useBackend(setup.backend, config, 784);
    const full = digitsDataset(await bytes(setup.url), { subset: setup.subset, seed: SEED });
    const { train, test } = splitDataset(full, TEST_FRACTION, SEED);
    const model = buildModel(tf, config, numFeatures(train), train.task, train.numClasses, train.image);
    const epochEnds: number[] = [];
    try {
      await trainModel(tf, model, train, test, config, { onEpochEnd: () => void epochEnds.push(performance.now()) });
    } finally {
      model.dispose();
    }
    return { backend, samplesPerSecond: rate(epochEnds, train.y.length), trainRows: train.y.length };
  },
};

export type DigitsBenchApi = typeof api;

Comlink.expose(api);
