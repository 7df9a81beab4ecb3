import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import { numFeatures } from '../../../src/ml/dataset';
import { generateDataset } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import type { LayersModel } from '../../../src/ml/tf-types';
import { trainModel } from '../../../src/ml/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Counts the batches each fit call runs, and aborts `stop` once `at` batches of `epoch` have ended. */
function watchBatches(model: LayersModel, stop: AbortController, epoch: number, at: number): number[] {
  const batchesPerFit: number[] = [];
  const fit = model.fit.bind(model);
  model.fit = (x, y, args) => {
    const fitIndex = batchesPerFit.push(0) - 1;
    const counter = {
      onBatchEnd: async () => {
        batchesPerFit[fitIndex]++;
        if (fitIndex === epoch && batchesPerFit[fitIndex] === at) stop.abort();
      },
    };
    return fit(x, y, { ...args, callbacks: [counter, args!.callbacks as object] });
  };
  return batchesPerFit;
}

describe('trainModel with a signal', () => {
  it('stops at the end of the batch during which it was aborted, not at the end of the epoch', async () => {
    const config: ModelConfig = {
      ...DEFAULT_MODEL_CONFIG,
      hiddenLayers: [4],
      epochs: 5,
      batchSize: 10,
      seed: 2,
      backend: 'cpu',
    };
    const data = generateDataset('spiral', { numPoints: 100, noise: 0, seed: 1 });
    const model = buildModel(tf, config, numFeatures(data), data.task, data.numClasses);
    const stop = new AbortController();
    const batchesPerFit = watchBatches(model, stop, 1, 3);
    const reported: number[] = [];
    const result = await trainModel(tf, model, data, null, config, {
      signal: stop.signal,
      onEpochEnd: (epoch) => void reported.push(epoch),
    });
    model.dispose();
    // 100 rows in batches of 10: epoch 0 runs all 10 batches; epoch 1 stops after its third.
    expect(batchesPerFit).toEqual([10, 3]);
    expect(result.aborted).toBe(true);
    expect(result.history).toHaveLength(1);
    expect(reported).toEqual([0]);
  });
});
