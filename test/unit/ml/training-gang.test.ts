import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import type { Dataset } from '../../../src/ml/dataset';
import { generateDataset, type GeneratorName } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { splitDataset } from '../../../src/ml/split';
import { trainModel, type EpochMetrics } from '../../../src/ml/train';
import { TrainingGang } from '../../../src/ml/training-gang';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/**
 * The largest difference allowed between a trial trained in a gang and the same trial trained alone, in any
 * metric of any epoch and in any final weight. On the cpu backend the gang computes the same float32 ops in the
 * same order, so the measured difference is 0; this bound only absorbs a future kernel change of rounding.
 */
const TOLERANCE = 1e-6;

/** Timing metrics differ by nature (two different runs' wall time). */
const TIMING = new Set(['epoch_time_ms', 'samples_per_sec']);

function problem(name: GeneratorName, seed = 3) {
  const { train, test } = splitDataset(generateDataset(name, { numPoints: 120, noise: 10, seed }), 0.25, seed);
  return { train, test };
}

function build(config: ModelConfig, data: Dataset) {
  const classification = data.task === 'classification';
  return buildModel(tf, config, data.featureNames.length, data.task, classification ? data.numClasses : 0);
}

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

/** The largest absolute difference between two histories' non-timing metrics (same keys in the same order). */
function historyDifference(a: EpochMetrics[], b: EpochMetrics[]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((epoch, e) => {
    expect(Object.keys(epoch)).toEqual(Object.keys(b[e]));
    for (const [key, value] of Object.entries(epoch)) {
      if (TIMING.has(key)) continue;
      expect(Number.isFinite(value)).toBe(true);
      worst = Math.max(worst, Math.abs(value - b[e][key]));
    }
  });
  return worst;
}

function weightsDifference(a: number[][], b: number[][]): number {
  expect(a.map((w) => w.length)).toEqual(b.map((w) => w.length));
  return Math.max(...a.flatMap((w, i) => w.map((v, j) => Math.abs(v - b[i][j]))));
}

async function alone(config: ModelConfig, data: ReturnType<typeof problem>) {
  const model = build(config, data.train);
  const result = await trainModel(tf, model, data.train, data.test, config);
  const weights = weightsOf(model);
  model.dispose();
  return { result, weights };
}

async function together(configs: ModelConfig[], data: ReturnType<typeof problem>) {
  const gang = new TrainingGang(tf, configs.length);
  const models = configs.map((config) => build(config, data.train));
  const epochsSeen = configs.map(() => [] as number[]);
  const before = tf.memory().numTensors;
  const results = await Promise.all(
    configs.map((config, i) =>
      gang.member(i)(tf, models[i], data.train, data.test, config, {
        onEpochEnd: (epoch) => {
          epochsSeen[i].push(epoch);
        },
      }),
    ),
  );
  const leaked = tf.memory().numTensors - before;
  const weights = models.map(weightsOf);
  models.forEach((model) => model.dispose());
  return { results, weights, epochsSeen, leaked };
}

/** Trains `configs` together and each alone; returns the worst metric and weight differences. */
async function compare(configs: ModelConfig[], data: ReturnType<typeof problem>) {
  const gang = await together(configs, data);
  let metrics = 0;
  let weights = 0;
  for (const [i, config] of configs.entries()) {
    const single = await alone(config, data);
    expect(gang.results[i].aborted).toBe(false);
    expect(gang.epochsSeen[i]).toEqual(Array.from({ length: config.epochs }, (_, e) => e));
    metrics = Math.max(metrics, historyDifference(gang.results[i].history, single.result.history));
    weights = Math.max(weights, weightsDifference(gang.weights[i], single.weights));
  }
  return { metrics, weights, leaked: gang.leaked };
}

function fourTrials(overrides: Partial<ModelConfig>): ModelConfig[] {
  const base: ModelConfig = { ...DEFAULT_MODEL_CONFIG, backend: 'cpu', epochs: 4, batchSize: 16, ...overrides };
  return [
    { ...base, hiddenLayers: [8, 8], learningRate: 0.03, seed: 1 },
    // No penalty, whatever the others have: its loss must not pick up theirs.
    { ...base, hiddenLayers: [4, 4], learningRate: 0.1, seed: 2, l1: 0, l2: 0 },
    { ...base, hiddenLayers: [8, 2], learningRate: 0.01, seed: 3 },
    { ...base, hiddenLayers: [6, 6], learningRate: 0.05, seed: 4 },
  ];
}

describe('TrainingGang: trials trained together equal the same trials trained alone', () => {
  const cases: [string, GeneratorName, Partial<ModelConfig>][] = [
    ['sgd, tanh, spiral', 'spiral', { optimizer: 'sgd', activation: 'tanh' }],
    ['adam, tanh, spiral', 'spiral', { optimizer: 'adam', activation: 'tanh' }],
    ['adam, relu, xor, L2', 'xor', { optimizer: 'adam', activation: 'relu', l2: 0.001 }],
    ['rmsprop, sigmoid, xor, L1', 'xor', { optimizer: 'rmsprop', activation: 'sigmoid', l1: 0.001 }],
    ['sgd, relu, sine regression', 'sine', { optimizer: 'sgd', activation: 'relu' }],
    [
      'adam, sigmoid, sine regression, L1 and L2',
      'sine',
      { optimizer: 'adam', activation: 'sigmoid', l1: 1e-3, l2: 1e-3 },
    ],
  ];
  it.each(cases)('%s: every epoch metric and final weight within the tolerance', async (_name, data, overrides) => {
    const { metrics, weights, leaked } = await compare(fourTrials(overrides), problem(data));
    console.info(`${_name}: max metric difference ${metrics}, max weight difference ${weights}`);
    expect(metrics).toBeLessThanOrEqual(TOLERANCE);
    expect(weights).toBeLessThanOrEqual(TOLERANCE);
    expect(leaked).toBe(0);
  });
});
