import { describe, expect, it } from 'vitest';
import { csvSourceParams } from '../../../../src/ml/csv-params';
import { datasetConfigToParams, DEFAULT_DATASET_CONFIG } from '../../../../src/ml/dataset-config';
import { digitsConfigToParams } from '../../../../src/ml/digits';
import { configToParams, DEFAULT_MODEL_CONFIG } from '../../../../src/ml/model-config';
import type { Run } from '../../../../src/tracking';
import { repeatSource } from '../../../../src/ui/run/repeat-base';
import { finishedRun } from '../../run-fixture';

function run(params: Record<string, string>, metrics: string[] = ['val_accuracy']): Run {
  const summary = { value: 1, step: 0, timestamp: 0, min: 1, max: 1, count: 1 };
  return finishedRun('r', { params, metrics: Object.fromEntries(metrics.map((m) => [m, summary])) });
}

const model = { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [6, 3], learningRate: 0.3, inputFeatures: [] };
const page = 'https://school.example/tabflow/index.html';

describe('repeatSource: a run page repeats the setup its params describe', () => {
  it('rebuilds a generated dataset and the model from the params the Playground logged', () => {
    const dataset = { ...DEFAULT_DATASET_CONFIG, generator: 'xor' as const, numPoints: 120, testFraction: 0.25 };
    const source = repeatSource(run({ ...datasetConfigToParams(dataset), ...configToParams(model) }), page);
    if (!source.base) throw new Error(source.problem);
    expect(source.base.source).toEqual({ kind: 'generated', config: dataset });
    expect(source.base.model.hiddenLayers).toEqual([6, 3]);
    expect(source.base.model.learningRate).toBe(0.3);
    expect(source).toMatchObject({ task: 'classification', hasTest: true });
  });

  it('finds the shipped digits next to the page, and ranks a regression on its error', () => {
    const params = { ...digitsConfigToParams({ subset: 500, testFraction: 0, seed: 4 }), ...configToParams(model) };
    const source = repeatSource(run(params, ['mae', 'loss']), page);
    if (!source.base) throw new Error(source.problem);
    expect(source.base.source).toEqual({
      kind: 'digits',
      url: 'https://school.example/tabflow/digits.bin',
      subset: 500,
      testFraction: 0,
      seed: 4,
    });
    expect(source).toMatchObject({ task: 'regression', hasTest: false });
  });

  it('says why a run cannot be repeated here: its CSV is not stored, or it has no Playground settings', () => {
    const csv = repeatSource(
      run({ ...csvSourceParams('iris.csv', 'species', 0.2, 1), ...configToParams(model) }),
      page,
    );
    expect(csv).toEqual({
      base: null,
      problem:
        'This run trained on the uploaded CSV “iris.csv”, which is not stored with the run. Repeat it in the Playground, which opens with its settings: pick the file there again.',
    });
    expect(repeatSource(run({ group: '1', seed: '2' }), page)).toEqual({
      base: null,
      problem: 'This run has no dataset and model settings to train again (it was not trained in tabflow).',
    });
  });
});
