import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import type { Dataset } from '../../../src/ml/dataset';
import { generateDataset, type GeneratorName } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { splitDataset } from '../../../src/ml/split';
import { trainModel, type EpochMetrics, type TrainOptions, type TrainResult } from '../../../src/ml/train';
import { batchCompatibilityKey, TrainingGang } from '../../../src/ml/training-gang';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/**
 * The largest difference allowed between a trial trained in a gang and the same trial trained alone, in any
 * metric of any epoch and in any final weight. On the cpu backend the gang computes the same float32 ops in the
 * same order: the measured difference is 0, so none is allowed. On wasm the final weights are equal and the
 * metrics differed by at most 1.2e-7 (one float32 step near 1: its reductions round by tensor shape); the wasm
 * bound allows two such steps.
 */
const TOLERANCE = 0;
const WASM_TOLERANCE = 2.4e-7;

/** Timing metrics differ by nature (two different runs' wall time). */
const TIMING = new Set(['epoch_time_ms', 'samples_per_sec']);

function problem(name: GeneratorName, seed = 3) {
  const { train, test } = splitDataset(generateDataset(name, { numPoints: 80, noise: 10, seed }), 0.25, seed);
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
    ['rmsprop, linear, sine regression', 'sine', { optimizer: 'rmsprop', activation: 'linear' }],
    [
      'adam, sigmoid, sine regression, L1 and L2',
      'sine',
      { optimizer: 'adam', activation: 'sigmoid', l1: 1e-3, l2: 1e-3 },
    ],
    // Batches longer than 48 rows add the bias by broadcasting, not as ones × bias (stacked-mlp.ts).
    ['adam, tanh, spiral, batches of 50', 'spiral', { optimizer: 'adam', activation: 'tanh', batchSize: 50 }],
  ];
  it.each(cases)('%s: every epoch metric and final weight within the tolerance', async (_name, data, overrides) => {
    const { metrics, weights, leaked } = await compare(fourTrials(overrides), problem(data));
    console.info(`${_name}: max metric difference ${metrics}, max weight difference ${weights}`);
    expect(metrics).toBeLessThanOrEqual(TOLERANCE);
    expect(weights).toBeLessThanOrEqual(TOLERANCE);
    expect(leaked).toBe(0);
  });
});

/** Runs `configs` as one gang; `options(i)` gives member i's options; settles every member. */
async function gangOf(
  configs: ModelConfig[],
  data: ReturnType<typeof problem>,
  options: (i: number) => TrainOptions = () => ({}),
  dataFor: (i: number) => ReturnType<typeof problem> = () => data,
) {
  const gang = new TrainingGang(tf, configs.length);
  const models = configs.map((config) => build(config, data.train));
  const before = tf.memory().numTensors;
  const settled = await Promise.allSettled(
    configs.map((config, i) => gang.member(i)(tf, models[i], dataFor(i).train, dataFor(i).test, config, options(i))),
  );
  const leaked = tf.memory().numTensors - before;
  const weights = models.map(weightsOf);
  models.forEach((model) => model.dispose());
  return { settled, weights, leaked };
}

function fulfilled(outcome: PromiseSettledResult<TrainResult>): TrainResult {
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}

describe('TrainingGang: a model without hidden layers (logistic regression)', () => {
  it('sgd, xor: every epoch metric and final weight within the tolerance', async () => {
    const configs = fourTrials({ optimizer: 'sgd' }).map((config) => ({ ...config, hiddenLayers: [] }));
    const { metrics, weights, leaked } = await compare(configs, problem('xor'));
    expect(metrics).toBeLessThanOrEqual(TOLERANCE);
    expect(weights).toBeLessThanOrEqual(TOLERANCE);
    expect(leaked).toBe(0);
  });
});

describe('TrainingGang on the wasm backend (the worker trains on wasm when it is fastest)', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('adam, relu, spiral: every epoch metric and final weight within the tolerance', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const { metrics, weights, leaked } = await compare(
      fourTrials({ activation: 'relu', epochs: 2 }),
      problem('spiral'),
    );
    console.info(`wasm: max metric difference ${metrics}, max weight difference ${weights}`);
    expect(metrics).toBeLessThanOrEqual(WASM_TOLERANCE);
    expect(weights).toBeLessThanOrEqual(WASM_TOLERANCE);
    expect(leaked).toBe(0);
  });
});

describe('TrainingGang: members', () => {
  const data = problem('spiral');
  const configs = fourTrials({ optimizer: 'adam', epochs: 3 });

  it('a member stopped mid-epoch stops alone, at the same point as the same trial stopped alone', async () => {
    // Stop trial 2 after 6 batches (an epoch is 4: 60 rows in 16s): it reports epoch 0 only, as trainModel does.
    const stopAfter = 6;
    const stopper = () => {
      const controller = new AbortController();
      let batches = 0;
      return {
        signal: controller.signal,
        afterBatch: () => {
          if (++batches === stopAfter) controller.abort();
        },
      };
    };
    const { settled, weights, leaked } = await gangOf(configs, data, (i) => (i === 2 ? stopper() : {}));
    const stopped = fulfilled(settled[2]);
    expect(stopped.aborted).toBe(true);
    expect(stopped.history).toHaveLength(1);

    const model = build(configs[2], data.train);
    const single = await trainModel(tf, model, data.train, data.test, configs[2], stopper());
    expect(historyDifference(stopped.history, single.history)).toBeLessThanOrEqual(TOLERANCE);
    expect(weightsDifference(weights[2], weightsOf(model))).toBeLessThanOrEqual(TOLERANCE);
    model.dispose();

    for (const i of [0, 1, 3]) {
      const other = fulfilled(settled[i]);
      expect(other.aborted).toBe(false);
      const alone1 = await alone(configs[i], data);
      expect(historyDifference(other.history, alone1.result.history)).toBeLessThanOrEqual(TOLERANCE);
    }
    expect(leaked).toBe(0);
  });

  it.each([
    ['adam, tanh', {}],
    [
      'rmsprop, sigmoid, L1 and L2 (masked gradients)',
      { optimizer: 'rmsprop', activation: 'sigmoid', l1: 1e-3, l2: 1e-3 },
    ],
  ] as [string, Partial<ModelConfig>][])(
    '%s: trials with different epoch counts train together, each ending after its own last epoch (the stack drops it)',
    async (_name, overrides) => {
      const mixed = configs.map((config, i) => ({ ...config, ...overrides, epochs: [2, 4, 1, 3][i] }));
      const { metrics, weights, leaked } = await compare(mixed, data);
      expect(metrics).toBeLessThanOrEqual(TOLERANCE);
      expect(weights).toBeLessThanOrEqual(TOLERANCE);
      expect(leaked).toBe(0);
    },
  );

  it('a member whose signal aborted before training ends at once with no epochs', async () => {
    const controller = new AbortController();
    controller.abort();
    const { settled, leaked } = await gangOf(configs, data, (i) => (i === 1 ? { signal: controller.signal } : {}));
    expect(fulfilled(settled[1])).toEqual({ history: [], aborted: true });
    expect(settled.map((s) => fulfilled(s).history.length)).toEqual([3, 0, 3, 3]);
    expect(leaked).toBe(0);
  });

  it('a member that leaves before training does not hold up the others', async () => {
    const gang = new TrainingGang(tf, 3);
    const models = configs.slice(0, 2).map((config) => build(config, data.train));
    const training = models.map((model, i) => gang.member(i)(tf, model, data.train, data.test, configs[i]));
    gang.leave(2);
    const results = await Promise.all(training);
    const single = await alone(configs[1], data);
    expect(historyDifference(results[1].history, single.result.history)).toBeLessThanOrEqual(TOLERANCE);
    expect(weightsDifference(weightsOf(models[1]), single.weights)).toBeLessThanOrEqual(TOLERANCE);
    models.forEach((model) => model.dispose());
  });

  it('refuses, in words, a member whose data differ, and trains the rest', async () => {
    const other = problem('spiral', 4);
    const { settled, leaked } = await gangOf(configs, data, undefined, (i) => (i === 3 ? other : data));
    expect(settled[3].status).toBe('rejected');
    expect((settled[3] as PromiseRejectedResult).reason.message).toBe(
      "Trial 4's data differ from trial 1's: a batch trains every trial on the same rows. Give it the same dataset, split and seed, or train it on its own.",
    );
    expect(settled.slice(0, 3).map((s) => fulfilled(s).history.length)).toEqual([3, 3, 3]);
    expect(leaked).toBe(0);
  });

  it('refuses, in words, a member that cannot share the batch, and a member that cannot batch at all', async () => {
    const mixed = [configs[0], { ...configs[1], optimizer: 'sgd' as const }, { ...configs[2], dropout: 0.2 }];
    const { settled } = await gangOf(mixed, data);
    expect(fulfilled(settled[0]).history).toHaveLength(3);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe(
      'Trial 2 cannot train in one batch with trial 1: trials in a batch must share the number of hidden layers, activation, optimizer, batch size, backend and input features.',
    );
    expect((settled[2] as PromiseRejectedResult).reason.message).toBe(
      'Trial 3 cannot train in a batch (a CNN or dropout above 0 cannot be stacked): train it on its own.',
    );
  });

  it('refuses, in words, a model that is not the network its config describes', async () => {
    const gang = new TrainingGang(tf, 2);
    const models = [build(configs[0], data.train), build(configs[1], data.train)];
    const wrong = { ...configs[1], hiddenLayers: [5, 5] };
    const training = [
      gang.member(0)(tf, models[0], data.train, data.test, configs[0]),
      gang.member(1)(tf, models[1], data.train, data.test, wrong),
    ];
    await expect(training[1]).rejects.toThrow(
      "Trial 2's model is not the dense network its config and data describe (2-5-5-2): build it with buildModel.",
    );
    expect((await training[0]).history).toHaveLength(3);
    models.forEach((model) => model.dispose());
  });

  it("an onEpochEnd or afterBatch that throws rejects only its member; each onEpochEnd sees its trial's weights", async () => {
    const seen: number[][][][] = configs.map(() => []);
    const models: tf.LayersModel[] = [];
    const gang = new TrainingGang(tf, configs.length);
    const calls: number[] = configs.map(() => 0);
    const training = configs.map((config, i) => {
      const model = build(config, data.train);
      models.push(model);
      return gang.member(i)(tf, model, data.train, data.test, config, {
        afterBatch: () => {
          calls[i]++;
          if (i === 1 && calls[i] === 6) throw new Error('worker gone');
        },
        onEpochEnd: (epoch) => {
          if (i === 0 && epoch === 1) throw new Error('disk full');
          seen[i].push(weightsOf(model));
        },
      });
    });
    const settled = await Promise.allSettled(training);
    expect((settled[0] as PromiseRejectedResult).reason.message).toBe('disk full');
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('worker gone');
    // Member 0 took part in 2 epochs of 4 batches, member 1 in 6 batches; the others in all 3 epochs.
    expect(calls).toEqual([8, 6, 12, 12]);
    expect(seen[1]).toHaveLength(1);
    for (const i of [2, 3]) {
      expect(fulfilled(settled[i]).history).toHaveLength(3);
      const model = build(configs[i], data.train);
      const alonePerEpoch: number[][][] = [];
      await trainModel(tf, model, data.train, data.test, configs[i], {
        onEpochEnd: () => {
          alonePerEpoch.push(weightsOf(model));
        },
      });
      model.dispose();
      seen[i].forEach((weights, epoch) =>
        expect(weightsDifference(weights, alonePerEpoch[epoch])).toBeLessThanOrEqual(TOLERANCE),
      );
    }
    models.forEach((model) => model.dispose());
  });
});

describe('batchCompatibilityKey', () => {
  const base: ModelConfig = { ...DEFAULT_MODEL_CONFIG };
  it('lets widths, learning rate, seed, penalties and epochs differ inside one key', () => {
    const key = batchCompatibilityKey(base);
    expect(key).not.toBeNull();
    const variants = [
      { hiddenLayers: [3, 2] },
      { learningRate: 0.5 },
      { seed: 9 },
      { l1: 0.1, l2: 0.2 },
      { epochs: 7 },
    ];
    for (const variant of variants) expect(batchCompatibilityKey({ ...base, ...variant })).toBe(key);
  });

  it('separates what the stacked math needs equal, and refuses CNNs and dropout', () => {
    const key = batchCompatibilityKey(base);
    const variants: Partial<ModelConfig>[] = [
      { hiddenLayers: [8] },
      { activation: 'relu' },
      { optimizer: 'sgd' },
      { batchSize: 11 },
      { backend: 'wasm' },
      { inputFeatures: ['x', 'y', 'xy'] },
    ];
    for (const variant of variants) expect(batchCompatibilityKey({ ...base, ...variant })).not.toBe(key);
    expect(batchCompatibilityKey({ ...base, dropout: 0.1 })).toBeNull();
    expect(batchCompatibilityKey({ ...base, modelType: 'cnn' })).toBeNull();
  });
});
