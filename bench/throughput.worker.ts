/**
 * The "training throughput" figure's worker: samples/s of one model on one backend, the model built directly with
 * tfjs layers, and for `auto` the app's own choice (workers/backend-calibration.ts for MLPs, workers/image-backend.ts
 * for the CNN), so the figure compares what the app picks against the best backend measured in the same run.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { openTracking, type TrackingClient } from '../src/tracking';
import { errorMessage } from '../src/shared/errors';
import { DEFAULT_CNN_FIELDS } from '../src/ml/image-model-config';
import { DEFAULT_MODEL_CONFIG, type BackendChoice, type ModelConfig } from '../src/ml/model-config';
import { backendTags, useBackend } from '../workers/backends';
import { useAutoBackend } from '../workers/backend-calibration';
import { useBackendFor } from '../workers/image-backend';
import { setWasmThreads } from '../workers/wasm-threads';

export type ThroughputModel = 'playground' | 'mlp784' | 'cnn';

export interface ThroughputSample {
  model: ThroughputModel;
  backend: string;
  samplesPerSecond?: number;
  /** Why the backend could not train the model. */
  unsupported?: string;
  /** For `auto`: why the app chose its backend. */
  reason?: string;
  wasmBuild?: string;
  wasmThreads?: string;
}

interface ModelSpec {
  /** The app's config of the same network, for `auto`'s choice. */
  config: ModelConfig;
  inputShape: number[];
  classes: number;
  build: () => tf.Sequential;
}

const SPECS: Record<ThroughputModel, ModelSpec> = {
  playground: {
    config: { ...DEFAULT_MODEL_CONFIG, backend: 'auto' },
    inputShape: [2],
    classes: 2,
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }),
          tf.layers.dense({ units: 8, activation: 'tanh' }),
          tf.layers.dense({ units: 2, activation: 'softmax' }),
        ],
      }),
  },
  mlp784: {
    config: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [128, 64], activation: 'relu', batchSize: 32, backend: 'auto' },
    inputShape: [784],
    classes: 10,
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
          tf.layers.dense({ units: 64, activation: 'relu' }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      }),
  },
  cnn: {
    config: {
      ...DEFAULT_MODEL_CONFIG,
      ...DEFAULT_CNN_FIELDS,
      hiddenLayers: [64],
      activation: 'relu',
      batchSize: 32,
      backend: 'auto',
    },
    inputShape: [28, 28, 1],
    classes: 10,
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 64, activation: 'relu' }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      }),
  },
};

let tracking: Promise<TrackingClient> | null = null;

async function chooseAuto(model: ThroughputModel, dbName: string): Promise<{ name: string; reason?: string }> {
  const spec = SPECS[model];
  const inputDim = spec.inputShape.reduce((a, b) => a * b, 1);
  if (model === 'cnn') return useBackendFor(spec.config, inputDim);
  tracking ??= openTracking({ dbName });
  const client = await tracking;
  const first = await useAutoBackend(client, spec.config, inputDim, spec.classes);
  if (!first.calibrateLater) return first;
  // As the app after a shape's first run: measure it; the figure times auto's measured choice.
  await first.calibrateLater();
  return useAutoBackend(client, spec.config, inputDim, spec.classes);
}

/**
 * Epochs over the samples are repeated until this much training is timed: the CNN's 256 samples are 8 batches,
 * a second or two, and two such timings of the same backend differed by up to 2× on a loaded machine.
 */
const MIN_TIMED_MS = 3000;

/** Pause before a timing: what the last measurement left running is not counted against this one. */
const SETTLE_MS = 500;

/**
 * Lets the previous measurement's leftovers finish before the clock starts: its garbage (collected here when the
 * browser exposes gc), and a software-rendered WebGL backend's GPU threads, which go on working after its last
 * fit. Without it, whatever ran first after a webgl timing (the next model's first backend) ran ~15 % slower.
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/**
 * Trains `samples` random samples (after a two-batch warm-up), epoch after epoch until MIN_TIMED_MS, and returns
 * samples/s; checks the loss is a number.
 */
async function timeTraining(spec: ModelSpec, samples: number): Promise<number> {
  const model = spec.build();
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const batchSize = spec.config.batchSize;
  const xs = tf.randomUniform([samples, ...spec.inputShape], 0, 1, 'float32', 1);
  const ys = tf.oneHot(tf.randomUniform([samples], 0, spec.classes, 'int32', 2), spec.classes);
  const warmX = xs.slice(0, 2 * batchSize);
  const warmY = ys.slice(0, 2 * batchSize);
  try {
    await model.fit(warmX, warmY, { batchSize, epochs: 1, verbose: 0 });
    await settle();
    const started = performance.now();
    let trained = 0;
    while (performance.now() - started < MIN_TIMED_MS) {
      const history = await model.fit(xs, ys, { batchSize, epochs: 1, verbose: 0, shuffle: false });
      const loss = history.history.loss[0] as number;
      if (!Number.isFinite(loss)) throw new Error(`training gave a loss of ${loss}`);
      trained += samples;
    }
    return trained / ((performance.now() - started) / 1000);
  } finally {
    model.dispose();
    tf.dispose([xs, ys, warmX, warmY]);
  }
}

const api = {
  /** Before the first wasm training: how many threads its backend gets (null: tfjs's own count). */
  setWasmThreads(threads: number | null): void {
    setWasmThreads(threads);
  },

  async throughput(
    model: ThroughputModel,
    backend: BackendChoice,
    samples: number,
    dbName: string,
  ): Promise<ThroughputSample> {
    const spec = SPECS[model];
    let name: string;
    let reason: string | undefined;
    try {
      ({ name, reason } =
        backend === 'auto' ? await chooseAuto(model, dbName) : { name: await useBackend(backend, spec.config, 1) });
    } catch (error) {
      return { model, backend, unsupported: errorMessage(error) };
    }
    const tags = await backendTags(name);
    const common = {
      model,
      backend: name,
      reason,
      wasmBuild: tags['tabflow.wasm_build'],
      wasmThreads: tags['tabflow.wasm_threads'],
    };
    try {
      return { ...common, samplesPerSecond: await timeTraining(spec, samples) };
    } catch (error) {
      // A backend without one of the model's kernels (wasm: Conv2DBackpropFilter) fails here, and says so.
      if (backend === 'auto') throw error;
      return { ...common, unsupported: errorMessage(error) };
    }
  },
};

export type ThroughputApi = typeof api;

Comlink.expose(api);
