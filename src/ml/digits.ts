/**
 * The Digits dataset: the 10,000 MNIST digits shipped with the app (see digits-pack.ts), as a seeded
 * train/test split with an optional subset size. Its recipe round-trips through MLflow params under the
 * same keys as a generated dataset's (`dataset=digits`), so "Re-run" and sweeps rebuild the same data.
 */
import { decodeDigits } from './digits-pack';
import type { Dataset } from './dataset';
import { imageSetToDataset, imageTableShape } from './image-dataset';
import type { ModelConfig } from './model-config';
import { readNumber, type Params } from './param-codec';
import { checkSeed } from './problems';

/** The value of the `dataset` param for digits, where a generated dataset puts its generator's name. */
export const DIGITS_DATASET = 'digits';

/** Where the build puts the file (scripts/vite-digits-plugin.ts), relative to the app's page. */
export const DIGITS_FILE = 'digits.bin';

/** Pixels per digit image (28 × 28 grayscale): the model's input size, known before the file is loaded. */
export const DIGIT_PIXELS = 28 * 28;

export const DIGIT_CLASS_NAMES = Array.from({ length: 10 }, (_, d) => String(d));

export interface DigitsConfig {
  /** How many of the 10,000 digits to use, picked at random (seeded); 0 uses all. */
  subset: number;
  testFraction: number;
  seed: number;
}

export const DEFAULT_DIGITS_CONFIG: Readonly<DigitsConfig> = Object.freeze({
  subset: 2000,
  testFraction: 0.2,
  seed: 1,
});

const KEYS = { subset: 'dataset_subset', testFraction: 'dataset_test_fraction', seed: 'dataset_seed' } as const;

export function checkDigitsConfig(config: DigitsConfig): void {
  if (!(Number.isInteger(config.subset) && config.subset >= 0)) {
    throw new RangeError(`Subset must be a whole number of digits (0 for all 10,000), got ${config.subset}.`);
  }
  if (config.subset > 0 && config.subset < 20)
    throw new RangeError(`Subset must be at least 20 digits (or 0 for all), got ${config.subset}.`);
  if (!(config.testFraction >= 0 && config.testFraction < 1)) {
    throw new RangeError(`Test fraction must be at least 0 and below 1, got ${config.testFraction}.`);
  }
  const seedProblem = checkSeed(config.seed);
  if (seedProblem) throw new RangeError(seedProblem);
}

export function isDigitsParams(params: Params): boolean {
  return params.dataset === DIGITS_DATASET;
}

export function digitsConfigToParams(config: DigitsConfig): Record<string, string> {
  return {
    dataset: DIGITS_DATASET,
    [KEYS.subset]: String(config.subset),
    [KEYS.testFraction]: String(config.testFraction),
    [KEYS.seed]: String(config.seed),
  };
}

export function paramsToDigitsConfig(params: Params): DigitsConfig {
  const d = DEFAULT_DIGITS_CONFIG;
  const config = {
    subset: readNumber(params, KEYS.subset, d.subset),
    testFraction: readNumber(params, KEYS.testFraction, d.testFraction),
    seed: readNumber(params, KEYS.seed, d.seed),
  };
  checkDigitsConfig(config);
  return config;
}

/** The shipped file's bytes as the Digits table (all of it, or the config's subset). */
export function digitsDataset(file: Uint8Array, config: Pick<DigitsConfig, 'subset' | 'seed'>): Dataset {
  const packed = decodeDigits(file);
  const shape = { width: packed.width, height: packed.height, channels: 1, classNames: DIGIT_CLASS_NAMES };
  return imageSetToDataset(
    { name: 'mnist-digits', shape, pixels: packed.pixels, labels: packed.labels },
    config.subset,
    config.seed,
  );
}

/**
 * The Digits table's columns and classes without its rows: what the page shows and checks (features, task,
 * classes) before the worker loads the file, which only the worker does.
 */
export function digitsTableShape(): Dataset {
  return imageTableShape('mnist-digits', { width: 28, height: 28, channels: 1, classNames: DIGIT_CLASS_NAMES });
}

/** A model that learns digits in a few seconds, offered when Digits is chosen over the 2-D Playground defaults. */
export const DIGITS_MODEL_SETTINGS: Readonly<Partial<ModelConfig>> = Object.freeze({
  hiddenLayers: [64],
  activation: 'relu',
  learningRate: 0.005,
  batchSize: 32,
  epochs: 5,
});
