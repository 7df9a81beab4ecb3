import { describe, expect, it } from 'vitest';
import {
  buildSplitDataset,
  datasetConfigToParams,
  DEFAULT_DATASET_CONFIG,
  paramsToDatasetConfig,
  type DatasetConfig,
} from '../../../src/ml/dataset-config';
import {
  configToParams,
  DEFAULT_MODEL_CONFIG,
  paramsToConfig,
  validateModelConfig,
  type ModelConfig,
} from '../../../src/ml/model-config';
import { numRows } from '../../../src/ml/dataset';

const custom: ModelConfig = {
  hiddenLayers: [16, 3, 1],
  activation: 'relu',
  optimizer: 'rmsprop',
  learningRate: 0.1 + 0.2,
  batchSize: 7,
  epochs: 3,
  l2: 1e-7,
  l1: 0.002,
  dropout: 0.25,
  seed: 4294967295,
  backend: 'wasm',
  inputFeatures: ['x', 'xTimesY', 'col, with "comma"'],
};

describe('validateModelConfig', () => {
  it('accepts the defaults and a custom config', () => {
    expect(validateModelConfig({ ...DEFAULT_MODEL_CONFIG })).toEqual([]);
    expect(validateModelConfig(custom)).toEqual([]);
  });

  it('names every bad field in words', () => {
    const bad = {
      ...DEFAULT_MODEL_CONFIG,
      hiddenLayers: [4, 0, 2.5],
      activation: 'gelu',
      optimizer: 'lbfgs',
      learningRate: 0,
      batchSize: 0,
      epochs: 1.5,
      l2: -1,
      dropout: 1,
      seed: -3,
      backend: 'gpu',
      inputFeatures: ['x', 'x'],
    } as unknown as ModelConfig;
    const problems = validateModelConfig(bad);
    expect(problems.map((p) => p.field)).toEqual([
      'hiddenLayers',
      'hiddenLayers',
      'activation',
      'optimizer',
      'backend',
      'learningRate',
      'batchSize',
      'epochs',
      'l2',
      'dropout',
      'seed',
      'inputFeatures',
    ]);
    const messages = problems.map((p) => p.message);
    expect(messages).toContain('Hidden layer 2 must have 1 to 4096 units, got 0.');
    expect(messages).toContain('Activation must be one of relu, tanh, sigmoid, linear, got "gelu".');
    expect(messages).toContain('Learning rate must be a number above 0, got 0.');
    expect(messages).toContain('Dropout must be at least 0 and below 1, got 1.');
    expect(messages).toContain('Input features must not list a feature twice.');
  });
});

describe('model params', () => {
  it('round-trips exactly', () => {
    for (const config of [custom, { ...DEFAULT_MODEL_CONFIG }, { ...custom, hiddenLayers: [], inputFeatures: [] }]) {
      const params = configToParams(config);
      expect(Object.values(params).every((v) => typeof v === 'string')).toBe(true);
      expect(paramsToConfig(params)).toEqual(config);
    }
  });

  it('writes readable values', () => {
    expect(configToParams(custom)).toMatchObject({
      hidden_layers: '[16,3,1]',
      learning_rate: '0.30000000000000004',
      l2: '1e-7',
      input_features: '["x","xTimesY","col, with \\"comma\\""]',
    });
  });

  it('ignores unknown keys and fills missing ones with defaults', () => {
    expect(paramsToConfig({ epochs: '5', dataset: 'spiral' })).toEqual({ ...DEFAULT_MODEL_CONFIG, epochs: 5 });
  });

  it('rejects unreadable or invalid values, naming the key', () => {
    expect(() => paramsToConfig({ learning_rate: 'fast' })).toThrow('Param "learning_rate": "fast" is not a number.');
    expect(() => paramsToConfig({ epochs: '' })).toThrow('Param "epochs": "" is not a number.');
    expect(() => paramsToConfig({ hidden_layers: '8,8' })).toThrow(
      'Param "hidden_layers": "8,8" is not a JSON list of numbers.',
    );
    expect(() => paramsToConfig({ optimizer: 'Adam' })).toThrow(
      'Param "optimizer": "Adam" is not one of sgd, adam, rmsprop.',
    );
    expect(() => paramsToConfig({ batch_size: '-1' })).toThrow(/Batch size must be a whole number/);
  });
});

describe('dataset config', () => {
  it('round-trips through params, with and without clusters', () => {
    const configs: DatasetConfig[] = [
      { ...DEFAULT_DATASET_CONFIG },
      { generator: 'gauss', numPoints: 123, noise: 12.5, testFraction: 0.2, seed: 9, numClasses: 4 },
    ];
    for (const config of configs) expect(paramsToDatasetConfig(datasetConfigToParams(config))).toEqual(config);
  });

  it('rejects a bad generator or test fraction', () => {
    expect(() => paramsToDatasetConfig({ dataset: 'swiss-roll' })).toThrow(/"swiss-roll" is not one of spiral/);
    expect(() => paramsToDatasetConfig({ dataset_test_fraction: '1' })).toThrow(/Test fraction/);
  });

  it('regenerates the same split', () => {
    const config = { ...DEFAULT_DATASET_CONFIG, numPoints: 40 };
    const split = buildSplitDataset(config);
    expect(numRows(split.test)).toBe(20);
    expect(buildSplitDataset(paramsToDatasetConfig(datasetConfigToParams(config)))).toEqual(split);
  });
});
