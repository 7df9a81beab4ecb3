import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET_CONFIG } from '../../../src/ml/dataset-config';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { DatasetSource } from '../../../src/ml/training-messages';
import {
  applyTrialSettings,
  checkPoolSize,
  defaultPoolSize,
  estimateRemainingMs,
  parseValues,
  planTrials,
  sweepSetting,
  SweepDefinitionError,
  TrialQueue,
  type SweepDefinition,
  type TrialBase,
  type TrialView,
} from '../../../src/sweep';
import { formToDefinition, initialForm } from '../../../src/ui/sweep/sweep-form';

const base: TrialBase = {
  source: { kind: 'generated', config: { ...DEFAULT_DATASET_CONFIG } },
  model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [8, 8], inputFeatures: [] },
};
const csvSource: DatasetSource = {
  kind: 'csv',
  dataset: {
    featureNames: ['a'],
    x: new Float64Array([1, 2]),
    y: new Float64Array([0, 1]),
    task: 'classification',
    numClasses: 2,
    classLabels: ['0', '1'],
    targetName: 'label',
  } as never,
  fileName: 'data.csv',
  testFraction: 0.2,
  seed: 3,
};

describe('typed sweep values', () => {
  it('reads numbers, whole numbers and choices, dropping repeats', () => {
    expect(parseValues(sweepSetting('learningRate'), '0.01, 0.1;1e-3 0.01')).toEqual([0.01, 0.1, 0.001]);
    expect(parseValues(sweepSetting('hiddenUnits'), '2, 8')).toEqual([2, 8]);
    expect(parseValues(sweepSetting('activation'), 'relu, tanh')).toEqual(['relu', 'tanh']);
  });

  it('says what is wrong in words', () => {
    expect(() => parseValues(sweepSetting('learningRate'), '0.1, fast')).toThrow(
      'Learning rate: "fast" is not a number.',
    );
    expect(() => parseValues(sweepSetting('hiddenUnits'), '2.5')).toThrow(
      'Hidden units (per layer) takes whole numbers, got 2.5.',
    );
    expect(() => parseValues(sweepSetting('optimizer'), 'adam, lbfgs')).toThrow(
      /must be one of sgd, adam, rmsprop, got "lbfgs"/,
    );
    expect(() => parseValues(sweepSetting('epochs'), ' , ')).toThrow(/at least one value/);
    expect(() => sweepSetting('colour')).toThrow(SweepDefinitionError);
  });
});

describe('applying a trial to the base setup', () => {
  it('sets model fields, units on every layer, the layer count before units, and dataset fields', () => {
    const t = applyTrialSettings(base, {
      hiddenUnits: 4,
      hiddenLayerCount: 3,
      learningRate: 0.1,
      noise: 10,
      datasetSeed: 9,
    });
    expect(t.model.hiddenLayers).toEqual([4, 4, 4]);
    expect(t.model.learningRate).toBe(0.1);
    expect(t.source).toMatchObject({ kind: 'generated', config: { noise: 10, seed: 9, generator: 'spiral' } });
    expect(applyTrialSettings(base, { hiddenLayerCount: 1 }).model.hiddenLayers).toEqual([8]);
    // The base is untouched.
    expect(base.model.hiddenLayers).toEqual([8, 8]);
    expect(base.source.kind === 'generated' && base.source.config.noise).toBe(0);
  });

  it('varies a CSV only by its split', () => {
    const csv: TrialBase = { ...base, source: csvSource };
    expect(applyTrialSettings(csv, { testFraction: 0.5, datasetSeed: 4 }).source).toMatchObject({
      kind: 'csv',
      testFraction: 0.5,
      seed: 4,
    });
    expect(() => applyTrialSettings(csv, { noise: 5 })).toThrow(/uploaded CSV cannot vary it/);
  });
});

describe('planning a sweep', () => {
  const grid: SweepDefinition = {
    method: 'grid',
    space: { learningRate: { kind: 'values', values: [0.01, 0.1] }, hiddenUnits: { kind: 'values', values: [2, 8] } },
    metric: 'val_loss',
    direction: 'minimize',
  };

  it('gives every trial its full config', () => {
    const trials = planTrials(grid, base);
    expect(trials.map((t) => [t.config.model.learningRate, t.config.model.hiddenLayers])).toEqual([
      [0.01, [2, 2]],
      [0.01, [8, 8]],
      [0.1, [2, 2]],
      [0.1, [8, 8]],
    ]);
  });

  it('refuses, before anything runs, a trial the Playground could not train, naming it', () => {
    const bad: SweepDefinition = { ...grid, space: { learningRate: { kind: 'values', values: [0.1, -1] } } };
    expect(() => planTrials(bad, base)).toThrow(
      'Trial 2 (learningRate=-1) cannot train: Learning rate must be a number above 0, got -1.',
    );
    const range: SweepDefinition = {
      ...grid,
      method: 'random',
      trials: 2,
      space: { optimizer: { kind: 'range', min: 0, max: 1, scale: 'uniform' } },
    };
    expect(() => planTrials(range, base)).toThrow(/is a choice/);
  });

  it('keeps pool sizes sensible', () => {
    expect(defaultPoolSize(8)).toBe(7);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(undefined)).toBe(1);
    expect(() => checkPoolSize(0)).toThrow(/from 1 to 16/);
    expect(() => checkPoolSize(2.5)).toThrow(SweepDefinitionError);
    expect(() => checkPoolSize(2)).not.toThrow();
  });
});

describe('the sweep form', () => {
  it('makes a grid of value lists, or random ranges (whole numbers for int settings) with trials and seed', () => {
    const form = initialForm(base.model, 'val_accuracy', 3);
    expect(form).toMatchObject({ direction: 'maximize', poolSize: '3', method: 'grid' });
    expect(form.settings.learningRate.values).toBe('0.03');
    form.settings.learningRate = {
      ...form.settings.learningRate,
      swept: true,
      values: '0.01, 0.1',
      min: '0.001',
      max: '1',
    };
    form.settings.hiddenUnits = { ...form.settings.hiddenUnits, swept: true, values: '2, 8', min: '2', max: '32' };
    expect(formToDefinition(form, 40).space).toEqual({
      learningRate: { kind: 'values', values: [0.01, 0.1] },
      hiddenUnits: { kind: 'values', values: [2, 8] },
    });
    const random = formToDefinition({ ...form, method: 'random', trials: '5', seed: '7', earlyStopping: true }, 40);
    expect(random).toMatchObject({
      method: 'random',
      trials: 5,
      seed: 7,
      earlyStopping: { minCompletedTrials: 2, minEpochs: 10 },
      space: {
        learningRate: { kind: 'range', min: 0.001, max: 1, scale: 'log-uniform' },
        hiddenUnits: { kind: 'range', min: 2, max: 32, scale: 'uniform', integer: true },
      },
    });
  });

  it('names what is missing', () => {
    const form = initialForm(base.model, 'val_loss', 1);
    expect(() => formToDefinition(form, 10)).toThrow('Mark at least one setting as swept.');
    form.settings.l2 = { ...form.settings.l2, swept: true };
    expect(() => formToDefinition({ ...form, method: 'random' }, 10)).toThrow('Minimum l2 penalty: enter a number.');
  });
});

describe('time remaining', () => {
  function views(queue: TrialQueue, epochsDone: number[]): TrialView[] {
    return queue.trials.map((t, i) => ({ ...t, epochs: 10, epochsDone: epochsDone[i] ?? 0 }));
  }

  it('estimates from the running trials pace before any trial ended', () => {
    const queue = new TrialQueue([{}, {}, {}, {}]);
    queue.start(0);
    queue.start(0);
    const now = 2000;
    // Two trials at 5 of 10 epochs after 2 s: each takes 4 s; 2 s left on each, then 2 pending on 2 workers.
    expect(estimateRemainingMs(views(queue, [5, 5]), queue.progress(2, now), 2, now)).toBe((2 * 4000 + 2 * 2000) / 2);
    const fresh = new TrialQueue([{}]);
    expect(estimateRemainingMs(views(fresh, []), fresh.progress(1, 0), 1, 0)).toBeNull();
  });

  it('uses the queue estimate once a trial ended', () => {
    const queue = new TrialQueue([{}, {}]);
    queue.start(0);
    queue.finish(0, 1, {}, 1000);
    const p = queue.progress(1, 1000);
    expect(estimateRemainingMs(views(queue, [10]), p, 1, 1000)).toBe(p.remainingMs);
  });
});
