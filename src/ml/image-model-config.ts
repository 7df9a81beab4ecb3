/**
 * The image-model part of a ModelConfig: an MLP over the flattened pixels (model type "mlp", the default) or a
 * small CNN (conv → pool per entry of `filters`, then the config's dense hidden layers). Kept apart from
 * model-config.ts so tabular configs and their params stay exactly as they were; the keys below are written only
 * for a CNN, and read back by paramsToConfig, so "Re-run" and sweeps rebuild the same network.
 */
import type { Problem } from './problems';
import { readChoice, readList, readNumber, type Params } from './param-codec';

export const MODEL_TYPES = ['mlp', 'cnn'] as const;
export const POOLINGS = ['max', 'avg', 'none'] as const;

export type ModelType = (typeof MODEL_TYPES)[number];
export type Pooling = (typeof POOLINGS)[number];

export interface ImageModelFields {
  /** Absent means "mlp": every config logged before images existed. */
  modelType?: ModelType;
  /** Filters of each convolution block, in order (CNN only). */
  filters?: number[];
  /** Square kernel side of every convolution (CNN only). */
  kernelSize?: number;
  /** The 2 × 2 pooling after each convolution (CNN only). */
  pooling?: Pooling;
}

export const DEFAULT_CNN_FIELDS: Readonly<Required<ImageModelFields>> = Object.freeze({
  modelType: 'cnn',
  filters: [8, 16],
  kernelSize: 3,
  pooling: 'max',
});

const LIMITS = { maxBlocks: 4, maxFilters: 256, maxKernel: 7 } as const;

const KEYS = { modelType: 'model_type', filters: 'filters', kernelSize: 'kernel_size', pooling: 'pooling' } as const;

export const IMAGE_MODEL_PARAM_KEYS: readonly string[] = Object.values(KEYS);

export function isCnn(fields: ImageModelFields): boolean {
  return fields.modelType === 'cnn';
}

/** The CNN's settings with defaults filled in. */
export function cnnFields(fields: ImageModelFields): Required<ImageModelFields> {
  return {
    modelType: 'cnn',
    filters: fields.filters ?? [...DEFAULT_CNN_FIELDS.filters],
    kernelSize: fields.kernelSize ?? DEFAULT_CNN_FIELDS.kernelSize,
    pooling: fields.pooling ?? DEFAULT_CNN_FIELDS.pooling,
  };
}

export function validateImageModel(fields: ImageModelFields): Problem<keyof ImageModelFields>[] {
  const problems: Problem<keyof ImageModelFields>[] = [];
  if (fields.modelType !== undefined && !MODEL_TYPES.includes(fields.modelType)) {
    problems.push({
      field: 'modelType',
      message: `Model type must be one of ${MODEL_TYPES.join(', ')}, got "${fields.modelType}".`,
    });
  }
  if (!isCnn(fields)) return problems;
  const { filters, kernelSize, pooling } = cnnFields(fields);
  if (!Array.isArray(filters) || filters.length < 1 || filters.length > LIMITS.maxBlocks) {
    problems.push({
      field: 'filters',
      message: `Filters must list 1 to ${LIMITS.maxBlocks} convolution sizes, e.g. "8, 16".`,
    });
  } else if (filters.some((f) => !(Number.isInteger(f) && f >= 1 && f <= LIMITS.maxFilters))) {
    problems.push({
      field: 'filters',
      message: `Each convolution must have 1 to ${LIMITS.maxFilters} filters, got ${filters.join(', ')}.`,
    });
  }
  if (!(Number.isInteger(kernelSize) && kernelSize >= 1 && kernelSize <= LIMITS.maxKernel)) {
    problems.push({
      field: 'kernelSize',
      message: `Kernel size must be a whole number from 1 to ${LIMITS.maxKernel}, got ${kernelSize}.`,
    });
  }
  if (!POOLINGS.includes(pooling)) {
    problems.push({ field: 'pooling', message: `Pooling must be one of ${POOLINGS.join(', ')}, got "${pooling}".` });
  }
  return problems;
}

/** Params for the image fields: none for an MLP (its params stay those of a tabular MLP). */
export function imageModelToParams(fields: ImageModelFields): Record<string, string> {
  if (!isCnn(fields)) return {};
  const cnn = cnnFields(fields);
  return {
    [KEYS.modelType]: cnn.modelType,
    [KEYS.filters]: JSON.stringify(cnn.filters),
    [KEYS.kernelSize]: String(cnn.kernelSize),
    [KEYS.pooling]: cnn.pooling,
  };
}

/** The image fields from a run's params; a run without `model_type` is an MLP. */
export function paramsToImageModel(params: Params): ImageModelFields {
  const modelType = readChoice(params, KEYS.modelType, MODEL_TYPES, 'mlp');
  if (modelType !== 'cnn') return {};
  const d = DEFAULT_CNN_FIELDS;
  return {
    modelType,
    filters: readList<number>(params, KEYS.filters, 'number', d.filters),
    kernelSize: readNumber(params, KEYS.kernelSize, d.kernelSize),
    pooling: readChoice(params, KEYS.pooling, POOLINGS, d.pooling),
  };
}
