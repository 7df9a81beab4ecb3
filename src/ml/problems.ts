import { MAX_SEED } from './random';

/** One reason a config cannot be used, tied to the field a form should mark. */
export interface Problem<Field extends string> {
  field: Field;
  message: string;
}

/** The words for a bad seed, or null: shared by model and dataset configs so both say the same thing. */
export function checkSeed(seed: number): string | null {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED
    ? null
    : `Seed must be a whole number from 0 to ${MAX_SEED}, got ${seed}.`;
}
