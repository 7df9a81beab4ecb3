import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import { expandFeatures } from '../../../src/ml/features';
import { generateDataset } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { modelScorer, predictDataset } from '../../../src/ml/predict';
import { dataBounds, predictGrid } from '../../../src/ml/predict-grid';
import { splitDataset } from '../../../src/ml/split';
import { trainModel } from '../../../src/ml/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const config: ModelConfig = { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [8, 8], epochs: 3, batchSize: 10, seed: 11 };
const spiral = generateDataset('spiral', { numPoints: 60, noise: 10, seed: 2 });
const { train, test } = splitDataset(spiral, 0.25, 2);

async function trainOnce(cfg: ModelConfig) {
  const model = buildModel(tf, cfg, 2, 'classification', 2);
  const result = await trainModel(tf, model, train, test, cfg);
  model.dispose();
  return result;
}

describe('buildModel', () => {
  it('stacks hidden layers, dropout and an output layer as configured', () => {
    const model = buildModel(tf, { ...config, hiddenLayers: [5, 3], dropout: 0.2 }, 4, 'classification', 3);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dropout', 'Dense', 'Dropout', 'Dense']);
    const dense = model.layers.filter((l) => l.getClassName() === 'Dense');
    expect(dense.map((l) => (l.getConfig() as { units: number }).units)).toEqual([5, 3, 3]);
    expect(dense.map((l) => (l.getConfig() as { activation: string }).activation)).toEqual(['tanh', 'tanh', 'softmax']);
    expect(model.inputs[0].shape).toEqual([null, 4]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    model.dispose();
  });

  it('builds a single linear unit for regression, without hidden layers if asked', () => {
    const model = buildModel(tf, { ...config, hiddenLayers: [] }, 1, 'regression', 0);
    expect(model.layers).toHaveLength(1);
    expect(model.outputs[0].shape).toEqual([null, 1]);
    model.dispose();
  });

  it('draws the same initial weights for a seed and others for another seed', () => {
    const weights = (seed: number) => {
      const model = buildModel(tf, { ...config, seed }, 2, 'classification', 2);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)).not.toEqual(weights(4));
  });

  it('refuses a bad config or class count in words', () => {
    expect(() => buildModel(tf, { ...config, learningRate: -1 }, 2, 'classification', 2)).toThrow(/Learning rate/);
    expect(() => buildModel(tf, config, 2, 'classification', 1)).toThrow(/at least 2 classes/);
  });
});

describe('trainModel', () => {
  it('logs the MLflow metric names every epoch', async () => {
    const seen: number[] = [];
    const model = buildModel(tf, config, 2, 'classification', 2);
    const { history, aborted } = await trainModel(tf, model, train, test, config, {
      onEpochEnd: (epoch) => void seen.push(epoch),
    });
    model.dispose();
    expect(aborted).toBe(false);
    expect(seen).toEqual([0, 1, 2]);
    expect(Object.keys(history[0]).sort()).toEqual(
      ['accuracy', 'epoch_time_ms', 'loss', 'samples_per_sec', 'val_accuracy', 'val_loss'].sort(),
    );
    for (const metrics of history) expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
  });

  it('gives identical metrics twice with the same seed, and others with another seed', async () => {
    const strip = (history: Record<string, number>[]) =>
      history.map(({ loss, accuracy, val_loss, val_accuracy }) => ({ loss, accuracy, val_loss, val_accuracy }));
    const first = strip((await trainOnce(config)).history);
    expect(strip((await trainOnce(config)).history)).toEqual(first);
    expect(strip((await trainOnce({ ...config, seed: 12 })).history)).not.toEqual(first);
  });

  it('stays deterministic with dropout', async () => {
    const withDropout = { ...config, dropout: 0.3, epochs: 2 };
    const losses = async () => (await trainOnce(withDropout)).history.map((m) => m.loss);
    expect(await losses()).toEqual(await losses());
  });

  it('logs mae for regression and trains without test data', async () => {
    const plane = generateDataset('plane', { numPoints: 30, noise: 0, seed: 1 });
    const cfg = { ...config, epochs: 1 };
    const model = buildModel(tf, cfg, 2, 'regression', 0);
    const { history } = await trainModel(tf, model, plane, null, cfg);
    model.dispose();
    expect(Object.keys(history[0]).sort()).toEqual(['epoch_time_ms', 'loss', 'mae', 'samples_per_sec']);
  });

  it('stops when aborted and keeps the finished epochs', async () => {
    const controller = new AbortController();
    const cfg = { ...config, epochs: 20 };
    const model = buildModel(tf, cfg, 2, 'classification', 2);
    const { history, aborted } = await trainModel(tf, model, train, test, cfg, {
      signal: controller.signal,
      onEpochEnd: (epoch) => {
        if (epoch === 1) controller.abort();
      },
    });
    model.dispose();
    expect(aborted).toBe(true);
    expect(history).toHaveLength(2);
  });

  it('trains on derived features', async () => {
    const chosen = ['x', 'y', 'xSquared', 'sinY'];
    const cfg = { ...config, epochs: 1, inputFeatures: chosen };
    const model = buildModel(tf, cfg, chosen.length, 'classification', 2);
    const { history } = await trainModel(tf, model, expandFeatures(train, chosen), expandFeatures(test, chosen), cfg);
    expect(history).toHaveLength(1);

    // The grid is scored in raw (x, y) space and expanded on the way in.
    const grid = await predictGrid(
      dataBounds(spiral),
      6,
      4,
      modelScorer(tf, model, ['x', 'y'], chosen, 'classification', 2),
    );
    expect(grid).toHaveLength(24);
    expect(grid.every((p) => p >= 0 && p <= 1)).toBe(true);
    model.dispose();
  });
});

describe('model round trip', () => {
  it('predicts identically after save and load', async () => {
    const model = buildModel(tf, config, 2, 'classification', 2);
    await trainModel(tf, model, train, null, { ...config, epochs: 1 });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(Array.from(await predictDataset(tf, loaded, test))).toEqual(
      Array.from(await predictDataset(tf, model, test)),
    );
    model.dispose();
    loaded.dispose();
  });
});
