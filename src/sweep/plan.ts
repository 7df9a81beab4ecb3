/**
 * A sweep checked from end to end before anything runs: every trial's config must be one the Playground could
 * train, so a typo in the values fails the sweep at the start, in words, instead of failing trial 7 later.
 */
import { checkDatasetConfig } from '../ml/dataset-config';
import { errorMessage } from '../shared/errors';
import { validateModelConfig } from '../ml/model-config';
import { checkDefinition, SweepDefinitionError, type SweepDefinition } from './definition';
import { expandTrials, type TrialSettings } from './expand';
import { applyTrialSettings, describeSettings, sweepSetting, type TrialBase } from './settings';

export interface PlannedTrial {
  settings: TrialSettings;
  config: TrialBase;
}

/** The most trials one sweep may queue: enough for any grid a person means, few enough to keep the queue view light. */
export const MAX_TRIALS = 1000;

export function planTrials(def: SweepDefinition, base: TrialBase): PlannedTrial[] {
  checkDefinition(def);
  for (const key of Object.keys(def.space)) {
    const setting = sweepSetting(key);
    const space = def.space[key];
    if (space.kind === 'range' && setting.kind === 'choice') {
      throw new SweepDefinitionError(`${setting.label} is a choice: list the values to try instead of a range.`);
    }
  }
  const settings = expandTrials(def);
  if (settings.length > MAX_TRIALS) {
    throw new SweepDefinitionError(
      `This sweep would run ${settings.length} trials; at most ${MAX_TRIALS} fit in one sweep.`,
    );
  }
  return settings.map((s, index) => {
    const config = applyTrialSettings(base, s);
    const problems = validateModelConfig(config.model).map((p) => p.message);
    if (config.source.kind === 'generated') {
      try {
        checkDatasetConfig(config.source.config);
      } catch (error) {
        problems.push(errorMessage(error));
      }
    }
    if (problems.length > 0) {
      throw new SweepDefinitionError(`Trial ${index + 1} (${describeSettings(s)}) cannot train: ${problems.join(' ')}`);
    }
    return { settings: s, config };
  });
}

/** What the sweep panel asks the sweep service to run. */
export interface SweepPlan {
  definition: SweepDefinition;
  base: TrialBase;
  /** Workers trained on at once. */
  poolSize: number;
  /**
   * Train compatible trials together, as one batched model per worker (see batches.ts); on unless false. Each
   * trial is still its own child run.
   */
  batch?: boolean;
  /** Defaults to the Default experiment. */
  experimentId?: string;
}

/** One worker per core but one (the page keeps a core), and at least one. */
export function defaultPoolSize(cores: number | undefined): number {
  return Math.max(1, Math.floor((cores ?? 2) - 1));
}

/** The most workers one sweep may start: each holds its own tfjs and data. */
export const MAX_POOL_SIZE = 16;

export function checkPoolSize(poolSize: number): void {
  if (!(Number.isInteger(poolSize) && poolSize >= 1 && poolSize <= MAX_POOL_SIZE)) {
    throw new SweepDefinitionError(
      `The pool size must be a whole number of workers from 1 to ${MAX_POOL_SIZE}, got ${poolSize}.`,
    );
  }
}
