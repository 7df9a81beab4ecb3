import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import {
  DEFAULT_MODEL_CONFIG,
  configToParams,
  paramsToConfig,
  validateModelConfig,
  type ModelConfig,
} from '../../../src/ml/model-config';

const shape = { width: 28, height: 28, channels: 1, classNames: Array.from({ length: 10 }, (_, i) => String(i)) };
const cnn: ModelConfig = {
  ...DEFAULT_MODEL_CONFIG,
  hiddenLayers: [32],
  activation: 'relu',
  dropout: 0.25,
  modelType: 'cnn',
  filters: [4, 8],
  kernelSize: 5,
  pooling: 'avg',
  inputFeatures: [],
};

describe('image models', () => {
  it('a CNN config round-trips through MLflow params', () => {
    const params = configToParams(cnn);
    expect(params).toMatchObject({
      model_type: 'cnn',
      filters: '[4,8]',
      kernel_size: '5',
      pooling: 'avg',
      dropout: '0.25',
    });
    expect(paramsToConfig(params)).toEqual(cnn);
  });

  it('an MLP config logs no image keys, and a run without them reads back as an MLP', () => {
    const mlp = { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [64], inputFeatures: [] };
    const params = configToParams(mlp);
    expect(Object.keys(params)).not.toContain('model_type');
    expect(paramsToConfig(params)).toEqual(mlp);
  });

  it('refuses bad CNN fields in words', () => {
    const messages = validateModelConfig({ ...cnn, filters: [], kernelSize: 9 }).map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/Filters must list 1 to 4/),
      expect.stringMatching(/Kernel size must be a whole number from 1 to 7, got 9/),
    ]);
    expect(() => paramsToConfig({ ...configToParams(cnn), pooling: 'median' })).toThrow(
      /pooling.*not one of max, avg, none/,
    );
  });

  it('builds conv → pool → … → dense over flat pixel rows, with the same weights for the same seed', () => {
    const a = buildModel(tf, cnn, 784, 'classification', 10, shape);
    const b = buildModel(tf, cnn, 784, 'classification', 10, shape);
    expect(a.layers.map((l) => l.getClassName())).toEqual([
      'Reshape',
      'Conv2D',
      'AveragePooling2D',
      'Conv2D',
      'AveragePooling2D',
      'Flatten',
      'Dense',
      'Dropout',
      'Dense',
    ]);
    expect(a.outputs[0].shape).toEqual([null, 10]);
    const out = tf.tidy(() => (a.predict(tf.zeros([2, 784])) as tf.Tensor).shape);
    expect(out).toEqual([2, 10]);
    expect(a.getWeights()[0].dataSync()).toEqual(b.getWeights()[0].dataSync());
    a.dispose();
    b.dispose();
  });

  it('says what to do when a CNN is asked for data without pictures', () => {
    expect(() => buildModel(tf, cnn, 2, 'classification', 2)).toThrow(/needs image data/);
  });
});
