/**
 * Which generated dataset a run used, as plain values that round-trip through MLflow params (and a URL hash), so
 * "Re-run" regenerates the identical data. An uploaded CSV has no such recipe; its run keeps the digest instead.
 */
import { checkGeneratorOptions, GENERATOR_NAMES, generateDataset, type GeneratorName } from './generators';
import { readChoice, readNumber, type Params } from './param-codec';
import { splitDataset, type SplitDataset } from './split';

export interface DatasetConfig {
  generator: GeneratorName;
  numPoints: number;
  /** 0..50, the Playground's noise scale. */
  noise: number;
  /** Share of the rows held out for validation, 0 ≤ f < 1. */
  testFraction: number;
  seed: number;
  /** Clusters, for "gauss" only. */
  numClasses?: number;
}

/** The Playground's opening state: 500 points, no noise, half for testing. */
export const DEFAULT_DATASET_CONFIG: Readonly<DatasetConfig> = Object.freeze({
  generator: 'spiral',
  numPoints: 500,
  noise: 0,
  testFraction: 0.5,
  seed: 1,
});

const KEYS = {
  generator: 'dataset',
  numPoints: 'dataset_points',
  noise: 'dataset_noise',
  testFraction: 'dataset_test_fraction',
  seed: 'dataset_seed',
  numClasses: 'dataset_classes',
} as const satisfies Record<keyof DatasetConfig, string>;

/** Throws a RangeError, in words, when the config cannot generate a dataset. */
export function checkDatasetConfig(config: DatasetConfig): void {
  const { generator, numPoints, noise, seed, numClasses, testFraction } = config;
  if (!GENERATOR_NAMES.includes(generator)) {
    throw new RangeError(`Dataset must be one of ${GENERATOR_NAMES.join(', ')}, got "${generator}".`);
  }
  checkGeneratorOptions(generator, { numPoints, noise, seed, numClasses });
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new RangeError(`Test fraction must be at least 0 and below 1, got ${testFraction}.`);
  }
}

/** Generates the dataset and splits it, both seeded by `config.seed`. */
export function buildSplitDataset(config: DatasetConfig): SplitDataset {
  checkDatasetConfig(config);
  const { generator, numPoints, noise, seed, numClasses } = config;
  return splitDataset(generateDataset(generator, { numPoints, noise, seed, numClasses }), config.testFraction, seed);
}

export function datasetConfigToParams(config: DatasetConfig): Record<string, string> {
  const params: Record<string, string> = {
    [KEYS.generator]: config.generator,
    [KEYS.numPoints]: String(config.numPoints),
    [KEYS.noise]: String(config.noise),
    [KEYS.testFraction]: String(config.testFraction),
    [KEYS.seed]: String(config.seed),
  };
  if (config.numClasses !== undefined) params[KEYS.numClasses] = String(config.numClasses);
  return params;
}

/** The dataset config from a run's params; missing keys take defaults, other keys are ignored. */
export function paramsToDatasetConfig(params: Params): DatasetConfig {
  const d = DEFAULT_DATASET_CONFIG;
  const config: DatasetConfig = {
    generator: readChoice(params, KEYS.generator, GENERATOR_NAMES, d.generator),
    numPoints: readNumber(params, KEYS.numPoints, d.numPoints),
    noise: readNumber(params, KEYS.noise, d.noise),
    testFraction: readNumber(params, KEYS.testFraction, d.testFraction),
    seed: readNumber(params, KEYS.seed, d.seed),
  };
  if (params[KEYS.numClasses] !== undefined) config.numClasses = readNumber(params, KEYS.numClasses, 2);
  checkDatasetConfig(config);
  return config;
}
