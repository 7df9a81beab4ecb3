import { SweepDefinitionError, type SweepDefinition, type SweepRepeats } from './definition';
import type { TrialSettings } from './expand';

/**
 * Repeating trials over seeds: one lucky seed is not a better recipe, so each trial can run N times with model
 * seeds 1 … N (and, optionally, data seeds 1 … N, so the split and noise change too). The repeats are ordinary
 * trials whose settings include the seed, so the sweep's pool, queue and child runs need nothing new.
 */

/** Enough for a class's error bars; more belongs in a sweep of its own. */
export const MAX_SEEDS = 50;

/** The setting keys a repeat sets (see settings.ts). */
export function repeatedKeys(repeats: SweepRepeats | undefined): string[] {
  if (!repeats) return [];
  return repeats.dataSeeds ? ['seed', 'datasetSeed'] : ['seed'];
}

export function checkRepeats(def: SweepDefinition): void {
  const repeats = def.repeats;
  if (!repeats) return;
  if (!(Number.isInteger(repeats.seeds) && repeats.seeds >= 1 && repeats.seeds <= MAX_SEEDS)) {
    throw new SweepDefinitionError(`Seeds: enter a whole number from 1 to ${MAX_SEEDS}, got ${repeats.seeds}.`);
  }
  for (const key of repeatedKeys(repeats)) {
    if (Object.hasOwn(def.space, key)) {
      throw new SweepDefinitionError(
        `"${key}" is both swept and set by the repeat over seeds: remove it from the swept settings.`,
      );
    }
  }
}

/** Each trial N times in a row, repeat k (from 1) with seed k. */
export function repeatTrials(trials: readonly TrialSettings[], repeats: SweepRepeats | undefined): TrialSettings[] {
  if (!repeats) return [...trials];
  const keys = repeatedKeys(repeats);
  return trials.flatMap((trial) =>
    Array.from({ length: repeats.seeds }, (_, k) => ({
      ...trial,
      ...Object.fromEntries(keys.map((key) => [key, k + 1])),
    })),
  );
}
