import { expect, it } from 'vitest';
import { countTrials, expandTrials, SweepDefinitionError, type SweepDefinition } from '../../../src/sweep';

const base: SweepDefinition = { method: 'grid', space: {}, metric: 'val_accuracy', direction: 'maximize' };

it('repeats the base config alone over N model seeds when nothing is swept', () => {
  const def = { ...base, repeats: { seeds: 3 } };
  expect(countTrials(def)).toBe(3);
  expect(expandTrials(def)).toEqual([{ seed: 1 }, { seed: 2 }, { seed: 3 }]);
});

it('repeats each trial over seeds, optionally data seeds too, keeping the trial order', () => {
  const def: SweepDefinition = {
    ...base,
    space: { learningRate: { kind: 'values', values: [0.1, 0.01] } },
    repeats: { seeds: 2, dataSeeds: true },
  };
  expect(countTrials(def)).toBe(4);
  expect(expandTrials(def)).toEqual([
    { learningRate: 0.1, seed: 1, datasetSeed: 1 },
    { learningRate: 0.1, seed: 2, datasetSeed: 2 },
    { learningRate: 0.01, seed: 1, datasetSeed: 1 },
    { learningRate: 0.01, seed: 2, datasetSeed: 2 },
  ]);
});

it('refuses a bad seed count or a seed that is also swept, in words', () => {
  expect(() => expandTrials({ ...base, repeats: { seeds: 0 } })).toThrow(
    /Seeds: enter a whole number from 1 to 50, got 0/,
  );
  expect(() => expandTrials({ ...base, repeats: { seeds: 2.5 } })).toThrow(SweepDefinitionError);
  expect(() =>
    expandTrials({ ...base, space: { seed: { kind: 'values', values: [1, 2] } }, repeats: { seeds: 2 } }),
  ).toThrow(/"seed" is both swept and set by the repeat/);
  expect(() => expandTrials(base)).toThrow(/Mark at least one setting as swept/);
});

it('the sweep form repeats each trial over "Seeds per trial" when more than one', async () => {
  const { formToDefinition } = await import('../../../src/ui/sweep/sweep-form');
  const form = {
    method: 'grid' as const,
    settings: { learningRate: { swept: true, values: '0.1, 0.01', min: '', max: '', scale: 'log-uniform' as const } },
    trials: '8',
    seed: '1',
    metric: 'val_accuracy',
    direction: 'maximize' as const,
    earlyStopping: false,
    poolSize: '1',
    trainTogether: true,
  };
  expect(formToDefinition(form, 10).repeats).toBeUndefined();
  const def = formToDefinition({ ...form, repeatSeeds: '3' }, 10);
  expect(def.repeats).toEqual({ seeds: 3 });
  expect(countTrials(def)).toBe(6);
  expect(() => expandTrials(formToDefinition({ ...form, repeatSeeds: '0' }, 10))).toThrow(
    /Seeds: enter a whole number from 1 to 50/,
  );
});
