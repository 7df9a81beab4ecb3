/**
 * ModelConfig → a compiled tf.Sequential. Every random initializer gets its own seed derived from config.seed,
 * so the same config builds the same weights on any backend (tfjs draws seeded initial values in JavaScript).
 */
import type { ImageShape, Task } from './dataset';
import { addConvolutionBlocks } from './image-model';
import { isCnn } from './image-model-config';
import { validateModelConfig, type ModelConfig } from './model-config';
import { deriveSeed } from './random';
import type { Sequential, Tf } from './tf-types';

type DenseArgs = Parameters<Tf['layers']['dense']>[0];

/** Seed streams, so layer i's weights and its dropout never share random numbers. */
export const SEED_STREAM = { weights: 1, dropout: 2, shuffle: 3 } as const;

/** The weight penalty on every dense kernel: L1, L2, both, or none. */
function kernelPenalty(tf: Tf, { l1, l2 }: ModelConfig) {
  if (l1 > 0 && l2 > 0) return tf.regularizers.l1l2({ l1, l2 });
  if (l1 > 0) return tf.regularizers.l1({ l1 });
  return l2 > 0 ? tf.regularizers.l2({ l2 }) : undefined;
}

function makeOptimizer(tf: Tf, config: ModelConfig) {
  switch (config.optimizer) {
    case 'sgd':
      return tf.train.sgd(config.learningRate);
    case 'adam':
      return tf.train.adam(config.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(config.learningRate);
  }
}

/**
 * For a CNN, convolution blocks over `image` first (image-model.ts). Then dense hidden layers (each followed by
 * dropout when config.dropout > 0) and an output layer: softmax over
 * `numClasses` with categorical cross-entropy for classification (labels one-hot), one linear unit with mean
 * squared error for regression. Metrics: accuracy or mean absolute error.
 */
export function buildModel(
  tf: Tf,
  config: ModelConfig,
  inputDim: number,
  task: Task,
  numClasses: number,
  image?: ImageShape,
): Sequential {
  const problems = validateModelConfig(config);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join(' '));
  if (!(Number.isInteger(inputDim) && inputDim >= 1)) throw new Error(`The model needs at least one input feature.`);
  if (task === 'classification' && !(Number.isInteger(numClasses) && numClasses >= 2)) {
    throw new Error(`Classification needs at least 2 classes, got ${numClasses}.`);
  }

  const model = tf.sequential();
  const kernelRegularizer = kernelPenalty(tf, config);
  const dense = (index: number, units: number, activation: DenseArgs['activation']) =>
    tf.layers.dense({
      units,
      activation,
      inputShape: index === 0 && model.layers.length === 0 ? [inputDim] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(config.seed, SEED_STREAM.weights, index) }),
      biasInitializer: 'zeros',
      kernelRegularizer,
    });

  if (isCnn(config))
    addConvolutionBlocks(tf, model, { ...config, weightsStream: SEED_STREAM.weights }, inputDim, image);
  config.hiddenLayers.forEach((units, i) => {
    model.add(dense(i, units, config.activation));
    if (config.dropout > 0) {
      model.add(tf.layers.dropout({ rate: config.dropout, seed: deriveSeed(config.seed, SEED_STREAM.dropout, i) }));
    }
  });
  const classification = task === 'classification';
  model.add(dense(config.hiddenLayers.length, classification ? numClasses : 1, classification ? 'softmax' : 'linear'));
  model.compile({
    optimizer: makeOptimizer(tf, config),
    loss: classification ? 'categoricalCrossentropy' : 'meanSquaredError',
    metrics: [classification ? 'accuracy' : 'mae'],
  });
  return model;
}
