import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import { generateDataset } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, paramsToConfig, configToParams, type ModelConfig } from '../../../src/ml/model-config';
import { trainModel } from '../../../src/ml/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const data = generateDataset('xor', { numPoints: 64, noise: 0, seed: 7 });
const base: ModelConfig = {
  ...DEFAULT_MODEL_CONFIG,
  hiddenLayers: [6, 4],
  backend: 'cpu',
  seed: 11,
  optimizer: 'sgd',
  learningRate: 1e-12,
  batchSize: 64,
  epochs: 1,
};

/**
 * The training loss of one full-batch epoch at a learning rate too small to move the weights: the data loss plus
 * the penalty at the initial weights (the same seed gives the same initial weights whatever the penalty).
 * model.evaluate would not do: tfjs adds regularization only to the loss it trains on.
 */
async function lossAndKernels(config: ModelConfig) {
  const model = buildModel(tf, config, 2, 'classification', 2);
  const kernels = model.layers.map((layer) => Array.from(layer.getWeights()[0].dataSync())).flat();
  const { history } = await trainModel(tf, model, data, null, config);
  model.dispose();
  return { loss: history[0].loss, kernels };
}

describe('Regularization', () => {
  it('L1 adds rate × the sum of |kernel weights| to the training loss, L2 rate × the sum of their squares', async () => {
    const plain = await lossAndKernels(base);
    const l1 = await lossAndKernels({ ...base, l1: 0.01 });
    const l2 = await lossAndKernels({ ...base, l2: 0.01 });
    expect(l1.kernels).toEqual(plain.kernels);
    const sumAbs = plain.kernels.reduce((s, w) => s + Math.abs(w), 0);
    const sumSquares = plain.kernels.reduce((s, w) => s + w * w, 0);
    expect(l1.loss - plain.loss).toBeCloseTo(0.01 * sumAbs, 4);
    expect(l2.loss - plain.loss).toBeCloseTo(0.01 * sumSquares, 4);
    expect(sumAbs).toBeGreaterThan(sumSquares);
  });

  it('round-trips the L1 rate through the run params, and rejects a negative one in words', () => {
    const config = { ...base, l1: 0.003 };
    expect(configToParams(config).l1).toBe('0.003');
    expect(paramsToConfig(configToParams(config))).toEqual(config);
    expect(() => paramsToConfig({ l1: '-1' })).toThrow('L1 must be a number of at least 0, got -1.');
  });
});
