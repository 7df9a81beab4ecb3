/**
 * What a hyperparameter sweep tries. Keys name Playground settings (ModelConfig fields such as `learningRate`,
 * `hiddenLayers`, or dataset settings); values are what each trial sets them to.
 */

export type SweepValue = string | number | boolean | number[];

export type SweepSpace =
  /** An explicit list: every value in a grid sweep; one picked uniformly in a random sweep. */
  | { kind: 'values'; values: SweepValue[] }
  /** A continuous (or whole-number) range, sampled in a random sweep. */
  | { kind: 'range'; min: number; max: number; scale: 'uniform' | 'log-uniform'; integer?: boolean };

export type Direction = 'minimize' | 'maximize';

/** Each trial repeated over seeds (see repeat.ts); with no swept setting, the base config alone is repeated. */
export interface SweepRepeats {
  /** How many times each trial runs, repeat k with model seed k. */
  seeds: number;
  /** Also give each repeat its own data seed (a different split and noise draw). */
  dataSeeds?: boolean;
}

export interface SweepDefinition {
  method: 'grid' | 'random';
  space: Record<string, SweepSpace>;
  /** Random search: how many trials to draw. */
  trials?: number;
  /** Random search: the sampler's seed, so the same definition draws the same trials. */
  seed?: number;
  /** The metric that names the best trial, e.g. `val_accuracy`, and whether bigger is better. */
  metric: string;
  direction: Direction;
  /** Median stopping rule: stop a trial whose metric at epoch k is worse than the median of completed trials at k. */
  earlyStopping?: { minCompletedTrials: number; minEpochs: number };
  /** Repeat each trial over N model seeds (and optionally data seeds). */
  repeats?: SweepRepeats;
}

export class SweepDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepDefinitionError';
  }
}

/** Problems with a definition, in words; throws the first. */
export function checkDefinition(def: SweepDefinition): void {
  const keys = Object.keys(def.space);
  if (keys.length === 0 && !def.repeats) throw new SweepDefinitionError('Mark at least one setting as swept.');
  for (const key of keys) {
    const space = def.space[key];
    if (space.kind === 'values') {
      if (space.values.length === 0) throw new SweepDefinitionError(`"${key}" has no values to try.`);
    } else {
      if (def.method === 'grid')
        throw new SweepDefinitionError(
          `"${key}" is a range: a grid sweep needs a list of values (or use random search).`,
        );
      if (!(Number.isFinite(space.min) && Number.isFinite(space.max) && space.min <= space.max)) {
        throw new SweepDefinitionError(`"${key}" needs a range with min ≤ max, got ${space.min} to ${space.max}.`);
      }
      if (space.scale === 'log-uniform' && space.min <= 0) {
        throw new SweepDefinitionError(
          `"${key}" uses a log-uniform scale, so its range must be above 0 (got min ${space.min}).`,
        );
      }
    }
  }
  if (def.method === 'random' && !(Number.isInteger(def.trials) && (def.trials ?? 0) >= 1)) {
    throw new SweepDefinitionError('Random search needs a whole number of trials, at least 1.');
  }
  if (!def.metric) throw new SweepDefinitionError('Choose the metric that names the best trial.');
}
