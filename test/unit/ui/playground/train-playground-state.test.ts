import { describe, expect, it } from 'vitest';
import { datasetConfigToParams } from '../../../../src/ml/dataset-config';
import { configToParams, DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../../src/ml/model-config';
import { rerunHref } from '../../../../src/ui/playground/playground-link';
import { readState, stateQuery, type PlaygroundState } from '../../../../src/ui/playground/playground-state';

function queryOf(href: string): URLSearchParams {
  return new URLSearchParams(href.slice(href.indexOf('?') + 1));
}

const model: ModelConfig = {
  ...DEFAULT_MODEL_CONFIG,
  hiddenLayers: [16, 4, 3],
  activation: 'relu',
  optimizer: 'rmsprop',
  learningRate: 0.001,
  epochs: 7,
  l2: 0.0005,
  dropout: 0.1,
  seed: 42,
  backend: 'wasm',
  inputFeatures: ['x', 'xSquared', 'sinY'],
};

describe('Playground links', () => {
  it("rebuilds a run's exact config from its params and ignores everything else", () => {
    const dataset = {
      generator: 'gauss' as const,
      numPoints: 300,
      noise: 12.5,
      testFraction: 0.3,
      seed: 8,
      numClasses: 4,
    };
    const params = { ...datasetConfigToParams(dataset), ...configToParams(model), unrelated: 'x', 'mlflow.note': 'y' };
    const href = rerunHref(params);
    expect(href.startsWith('#/playground?')).toBe(true);
    expect(href).not.toContain('unrelated');
    const { state, problems } = readState(queryOf(href));
    expect(problems).toEqual([]);
    expect(state).toEqual({ dataset, csv: null, model, experimentId: '0' });
    expect(readState(queryOf(rerunHref(params, '1234'))).state.experimentId).toBe('1234');
    expect(rerunHref(params, '0')).not.toContain('experiment_id');
  });

  it('round-trips a state through the URL query, CSV source included', () => {
    const state: PlaygroundState = {
      dataset: { generator: 'spiral', numPoints: 500, noise: 0, testFraction: 0.2, seed: 3 },
      csv: { fileName: 'iris, cleaned.csv', target: 'species' },
      model,
      experimentId: 'e7f3',
    };
    const query = stateQuery(state);
    expect(query.get('experiment_id')).toBe('e7f3');
    const { state: back } = readState(query);
    expect(back).toEqual(state);
    // The Default experiment is left out of links.
    expect(stateQuery({ ...state, experimentId: '0' }).has('experiment_id')).toBe(false);
  });

  it('falls back to defaults with a message naming what in a link is wrong', () => {
    const { state, problems } = readState(new URLSearchParams('dataset=spiral&epochs=-3&dataset_noise=999'));
    expect(state.model.epochs).toBe(DEFAULT_MODEL_CONFIG.epochs);
    expect(problems.join(' ')).toMatch(/Epochs must be a whole number/);
    expect(problems.join(' ')).toMatch(/Noise must be between 0 and 50/);
  });
});
