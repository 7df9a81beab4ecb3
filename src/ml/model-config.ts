/**
 * The multilayer perceptron a Playground run trains: its shape, its training settings, and their round trip
 * through MLflow params, which is how "Re-run" rebuilds the exact config of a finished run.
 */
import { checkSeed, type Problem } from './problems';
import { readChoice, readList, readNumber, type Params } from './param-codec';
import {
  imageModelToParams,
  IMAGE_MODEL_PARAM_KEYS,
  paramsToImageModel,
  validateImageModel,
  type ImageModelFields,
} from './image-model-config';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop'] as const;
export const BACKENDS = ['auto', 'cpu', 'wasm', 'webgl'] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type BackendChoice = (typeof BACKENDS)[number];

/** The image fields (model type, filters, kernel, pooling) live in image-model-config.ts. */
export interface ModelConfig extends ImageModelFields {
  /** Units per hidden layer; [] is a linear (or logistic) model. */
  hiddenLayers: number[];
  activation: Activation;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** L2 penalty on every dense kernel; 0 turns it off. */
  l2: number;
  /** L1 penalty on every dense kernel (the Playground's "Regularization: L1"); 0 turns it off. */
  l1: number;
  /** Dropout rate after every hidden layer, 0 ≤ rate < 1; 0 adds no dropout layers. */
  dropout: number;
  /** Seeds the initial weights, the per-epoch shuffle and dropout. */
  seed: number;
  backend: BackendChoice;
  /** Columns the model sees, raw or derived (see features.ts); [] means the dataset's own columns. */
  inputFeatures: string[];
}

/** Trains a spiral well in a few seconds on two cores. */
export const DEFAULT_MODEL_CONFIG: Readonly<ModelConfig> = Object.freeze({
  hiddenLayers: [8, 8],
  activation: 'tanh',
  optimizer: 'adam',
  learningRate: 0.03,
  batchSize: 10,
  epochs: 50,
  l2: 0,
  l1: 0,
  dropout: 0,
  seed: 1,
  backend: 'auto',
  inputFeatures: [],
});

export const LIMITS = { maxLayers: 32, maxUnits: 4096, maxBatchSize: 65536, maxEpochs: 100_000 } as const;

function wholeNumberIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Every problem of a config, in words, by field; [] when the config is usable. */
export function validateModelConfig(config: ModelConfig): Problem<keyof ModelConfig>[] {
  const problems: Problem<keyof ModelConfig>[] = [];
  const add = (field: keyof ModelConfig, message: string) => problems.push({ field, message });
  const { hiddenLayers, learningRate, batchSize, epochs, l2, dropout, inputFeatures } = config;

  if (!Array.isArray(hiddenLayers) || hiddenLayers.length > LIMITS.maxLayers) {
    add('hiddenLayers', `Hidden layers must be a list of at most ${LIMITS.maxLayers} layer sizes.`);
  } else {
    hiddenLayers.forEach((units, i) => {
      if (!wholeNumberIn(units, 1, LIMITS.maxUnits)) {
        add('hiddenLayers', `Hidden layer ${i + 1} must have 1 to ${LIMITS.maxUnits} units, got ${units}.`);
      }
    });
  }
  if (!ACTIVATIONS.includes(config.activation)) {
    add('activation', `Activation must be one of ${ACTIVATIONS.join(', ')}, got "${config.activation}".`);
  }
  if (!OPTIMIZERS.includes(config.optimizer)) {
    add('optimizer', `Optimizer must be one of ${OPTIMIZERS.join(', ')}, got "${config.optimizer}".`);
  }
  if (!BACKENDS.includes(config.backend)) {
    add('backend', `Backend must be one of ${BACKENDS.join(', ')}, got "${config.backend}".`);
  }
  if (!(Number.isFinite(learningRate) && learningRate > 0)) {
    add('learningRate', `Learning rate must be a number above 0, got ${learningRate}.`);
  }
  if (!wholeNumberIn(batchSize, 1, LIMITS.maxBatchSize)) {
    add('batchSize', `Batch size must be a whole number from 1 to ${LIMITS.maxBatchSize}, got ${batchSize}.`);
  }
  if (!wholeNumberIn(epochs, 1, LIMITS.maxEpochs)) {
    add('epochs', `Epochs must be a whole number from 1 to ${LIMITS.maxEpochs}, got ${epochs}.`);
  }
  if (!(Number.isFinite(l2) && l2 >= 0)) add('l2', `L2 must be a number of at least 0, got ${l2}.`);
  if (!(Number.isFinite(config.l1) && config.l1 >= 0))
    add('l1', `L1 must be a number of at least 0, got ${config.l1}.`);
  if (!(dropout >= 0 && dropout < 1)) add('dropout', `Dropout must be at least 0 and below 1, got ${dropout}.`);
  const seedProblem = checkSeed(config.seed);
  if (seedProblem) add('seed', seedProblem);
  if (!Array.isArray(inputFeatures) || inputFeatures.some((name) => typeof name !== 'string' || name === '')) {
    add('inputFeatures', 'Input features must be a list of feature names.');
  } else if (new Set(inputFeatures).size !== inputFeatures.length) {
    add('inputFeatures', 'Input features must not list a feature twice.');
  }
  problems.push(...validateImageModel(config));
  return problems;
}

/** The MLflow param keys, snake_case as MLflow's autologgers write them. */
const KEYS = {
  hiddenLayers: 'hidden_layers',
  activation: 'activation',
  optimizer: 'optimizer',
  learningRate: 'learning_rate',
  batchSize: 'batch_size',
  epochs: 'epochs',
  l2: 'l2',
  l1: 'l1',
  dropout: 'dropout',
  seed: 'seed',
  backend: 'backend',
  inputFeatures: 'input_features',
} as const satisfies Record<Exclude<keyof ModelConfig, keyof ImageModelFields>, string>;

export const MODEL_PARAM_KEYS: readonly string[] = [...Object.values(KEYS), ...IMAGE_MODEL_PARAM_KEYS];

export function configToParams(config: ModelConfig): Record<string, string> {
  return {
    [KEYS.hiddenLayers]: JSON.stringify(config.hiddenLayers),
    [KEYS.activation]: config.activation,
    [KEYS.optimizer]: config.optimizer,
    [KEYS.learningRate]: String(config.learningRate),
    [KEYS.batchSize]: String(config.batchSize),
    [KEYS.epochs]: String(config.epochs),
    [KEYS.l2]: String(config.l2),
    [KEYS.l1]: String(config.l1),
    [KEYS.dropout]: String(config.dropout),
    [KEYS.seed]: String(config.seed),
    [KEYS.backend]: config.backend,
    [KEYS.inputFeatures]: JSON.stringify(config.inputFeatures),
    ...imageModelToParams(config),
  };
}

/**
 * The config a run was trained with, from its params. Keys this module does not know are ignored (a run also
 * logs dataset params); a missing key takes its default, so runs logged before a field existed still re-run.
 * Throws a ParamError naming the key of an unreadable value, or an Error listing what fails validation.
 */
export function paramsToConfig(params: Params): ModelConfig {
  const d = DEFAULT_MODEL_CONFIG;
  const config: ModelConfig = {
    hiddenLayers: readList<number>(params, KEYS.hiddenLayers, 'number', d.hiddenLayers),
    activation: readChoice(params, KEYS.activation, ACTIVATIONS, d.activation),
    optimizer: readChoice(params, KEYS.optimizer, OPTIMIZERS, d.optimizer),
    learningRate: readNumber(params, KEYS.learningRate, d.learningRate),
    batchSize: readNumber(params, KEYS.batchSize, d.batchSize),
    epochs: readNumber(params, KEYS.epochs, d.epochs),
    l2: readNumber(params, KEYS.l2, d.l2),
    l1: readNumber(params, KEYS.l1, d.l1),
    dropout: readNumber(params, KEYS.dropout, d.dropout),
    seed: readNumber(params, KEYS.seed, d.seed),
    backend: readChoice(params, KEYS.backend, BACKENDS, d.backend),
    inputFeatures: readList<string>(params, KEYS.inputFeatures, 'string', d.inputFeatures),
    ...paramsToImageModel(params),
  };
  const problems = validateModelConfig(config);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join(' '));
  return config;
}
