import { describe, expect, it } from 'vitest';
import { buildArtifactTree, previewKind } from '../../../../src/ui/run/artifact-tree';
import { summarizeModel } from '../../../../src/ui/run/model-summary';

describe('model summary from a stored model.json', () => {
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'seq',
        layers: [
          {
            class_name: 'Dense',
            config: { name: 'dense_Dense1', units: 8, activation: 'relu', batch_input_shape: [null, 2] },
          },
          { class_name: 'Dropout', config: { name: 'dropout_Dropout1', rate: 0.1 } },
          { class_name: 'Dense', config: { name: 'dense_Dense2', units: 3, activation: 'softmax' } },
        ],
      },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of1.bin'],
        weights: [
          { name: 'dense_Dense1/kernel', shape: [2, 8], dtype: 'float32' },
          { name: 'dense_Dense1/bias', shape: [8], dtype: 'float32' },
          { name: 'dense_Dense2/kernel', shape: [8, 3], dtype: 'float32' },
          { name: 'dense_Dense2/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ],
  });

  it('lists layers with their config and counts parameters per layer from the weight shapes', () => {
    const summary = summarizeModel(modelJson);
    expect(summary.modelClass).toBe('Sequential');
    expect(summary.totalParams).toBe(16 + 8 + 24 + 3);
    expect(summary.layers).toEqual([
      {
        name: 'dense_Dense1',
        type: 'Dense',
        details: 'units=8, activation=relu, batch_input_shape=[None, 2]',
        params: 24,
      },
      { name: 'dropout_Dropout1', type: 'Dropout', details: 'rate=0.1', params: 0 },
      { name: 'dense_Dense2', type: 'Dense', details: 'units=3, activation=softmax', params: 27 },
    ]);
  });

  it('reads functional models, whose layers carry their name outside config', () => {
    const functional = JSON.stringify({
      modelTopology: {
        class_name: 'Model',
        config: { layers: [{ class_name: 'InputLayer', name: 'input1', config: { batch_input_shape: [null, 4] } }] },
      },
      weightsManifest: [],
    });
    expect(summarizeModel(functional).layers).toEqual([
      { name: 'input1', type: 'InputLayer', details: 'batch_input_shape=[None, 4]', params: 0 },
    ]);
  });

  it('says what is wrong with text that is not a layers model', () => {
    expect(() => summarizeModel('{oops')).toThrow(/not valid JSON/);
    expect(() => summarizeModel('{"format":"graph-model"}')).toThrow(/no modelTopology/);
  });
});

describe('artifact tree', () => {
  const files = [
    { path: 'model/model.json', size: 100, mimeType: 'application/json' },
    { path: 'notes.txt', size: 5, mimeType: 'text/plain' },
    { path: 'model/group1-shard1of1.bin', size: 400, mimeType: 'application/octet-stream' },
    { path: 'plots/a/boundary.png', size: 2048, mimeType: 'image/png' },
    { path: 'model/MLmodel', size: 50, mimeType: 'application/yaml' },
  ];

  it('folds paths into sorted folders with total sizes', () => {
    const root = buildArtifactTree(files);
    expect(root.size).toBe(2603);
    expect(root.folders.map((f) => f.path)).toEqual(['model', 'plots']);
    expect(root.files.map((f) => f.path)).toEqual(['notes.txt']);
    expect(root.folders[0].files.map((f) => f.path)).toEqual([
      'model/MLmodel',
      'model/group1-shard1of1.bin',
      'model/model.json',
    ]);
    expect(root.folders[0].size).toBe(550);
    expect(root.folders[1].folders[0]).toMatchObject({ name: 'a', path: 'plots/a', size: 2048 });
  });

  it('previews images as images, JSON as JSON, text-like files as text and nothing else', () => {
    expect(files.map(previewKind)).toEqual(['json', 'text', 'none', 'image', 'text']);
    expect(previewKind({ path: 'data.csv', size: 1, mimeType: 'text/csv' })).toBe('text');
  });
});
