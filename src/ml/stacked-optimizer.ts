/**
 * SGD, Adam and RMSProp over stacked variables ([T, ...], one slice per trial) with a learning rate per trial.
 * Each update is written op for op as tfjs-core's optimizer writes it (optimizers/sgd_optimizer, adam_optimizer,
 * rmsprop_optimizer with tf.train's defaults), so a trial's slice moves exactly as its own model's weights would:
 * an element-wise op on a rate tensor holding trial t's rate at trial t's elements gives each element what the same op on
 * that trial's scalar rate gives.
 *
 * tfjs updates one variable at a time (about 15 ops each for Adam); here all variables are flattened into one
 * vector, updated once and split back, because small models spend their time in per-op overhead.
 * Element-wise ops give each element the same result whatever tensor it sits in, so nothing changes numerically.
 */
import type { OptimizerName } from './model-config';
import type { Tensor, Tf } from './tf-types';
import type * as tfjs from '@tensorflow/tfjs';

type Variable = tfjs.Variable;

export interface StackedOptimizer {
  /** One step: every variable moves by its gradient (grads keyed by variable name). Call inside tf.tidy. */
  apply(grads: Record<string, Tensor>): void;
  dispose(): void;
}

/** tf.train.adam's and tf.train.rmsprop's defaults. */
const ADAM = { beta1: 0.9, beta2: 0.999 } as const;
const RMSPROP_DECAY = 0.9;

/** The new flat values from the old ones and the gradients; called inside tf.tidy. */
type Update = (values: Tensor, gradients: Tensor) => Tensor;

interface UpdateRule {
  update: Update;
  dispose(): void;
}

/** A zero accumulator, as the optimizers' zerosLike(value).variable(false). */
function zeroState(tf: Tf, shape: number[]): Variable {
  return tf.tidy(() => tf.zeros(shape).variable(false));
}

function sgd(tf: Tf, negRates: Tensor): UpdateRule {
  return { update: (value, gradient) => tf.add(tf.mul(negRates, gradient), value), dispose() {} };
}

/**
 * tfjs keeps beta^t in float32 variables (accBeta1/2, multiplied by beta after every step) and divides by
 * 1 - beta^t; the same float32 numbers are kept here in JavaScript with Math.fround (a float32 product or
 * difference rounded from its exact double value is what the float32 op gives), which saves two ops a step.
 */
function adam(tf: Tf, negRates: Tensor, epsilon: number): UpdateRule {
  const shape = negRates.shape;
  const [m, v] = [zeroState(tf, shape), zeroState(tf, shape)];
  let accBeta1 = Math.fround(ADAM.beta1);
  let accBeta2 = Math.fround(ADAM.beta2);
  return {
    update(value, gradient) {
      const newM = tf.add(tf.mul(m, ADAM.beta1), tf.mul(gradient, 1 - ADAM.beta1));
      const newV = tf.add(tf.mul(v, ADAM.beta2), tf.mul(tf.square(gradient), 1 - ADAM.beta2));
      const correctedM = tf.div(newM, Math.fround(1 - accBeta1));
      const correctedV = tf.div(newV, Math.fround(1 - accBeta2));
      m.assign(newM);
      v.assign(newV);
      accBeta1 = Math.fround(accBeta1 * Math.fround(ADAM.beta1));
      accBeta2 = Math.fround(accBeta2 * Math.fround(ADAM.beta2));
      return tf.add(tf.mul(tf.div(correctedM, tf.add(tf.sqrt(correctedV), epsilon)), negRates), value);
    },
    dispose() {
      tf.dispose([m, v]);
    },
  };
}

/**
 * tf.train.rmsprop's defaults: decay 0.9, momentum 0, not centered. tfjs still keeps a momentum accumulator,
 * mom' = mom × 0 + step; with momentum 0 that is the step itself, so it is left out.
 */
function rmsprop(tf: Tf, rates: Tensor, epsilon: number): UpdateRule {
  const meanSquare = zeroState(tf, rates.shape);
  return {
    update(value, gradient) {
      const newMeanSquare = tf.add(tf.mul(meanSquare, RMSPROP_DECAY), tf.mul(tf.square(gradient), 1 - RMSPROP_DECAY));
      const step = tf.div(tf.mul(gradient, rates), tf.sqrt(tf.add(newMeanSquare, epsilon)));
      meanSquare.assign(newMeanSquare);
      return tf.sub(value, step);
    },
    dispose() {
      meanSquare.dispose();
    },
  };
}

/** The optimizer `name` with trial t's learning rate on slice t of every variable. */
export function stackedOptimizer(
  tf: Tf,
  name: OptimizerName,
  learningRates: readonly number[],
  variables: readonly Variable[],
): StackedOptimizer {
  const trials = learningRates.length;
  const sizes = variables.map((v) => v.size);
  // Each variable's values one after another (a variable's own rows stay contiguous), so splitting the result
  // back is a plain copy of each part; splitting [T, P] along P would copy element by element.
  const flat = (tensors: Tensor[]) => tf.concat(tensors.map((t) => tf.reshape(t, [-1])));
  // One rate per element, not a broadcast [T, 1] column: the cpu backend's element-wise ops are several times
  // slower when they broadcast.
  const rates = tf.tidy(() => {
    const perTrial = tf.tensor2d(
      learningRates.map((rate) => (name === 'rmsprop' ? rate : -rate)),
      [trials, 1],
    );
    return flat(variables.map((v) => tf.broadcastTo(perTrial, [trials, v.size / trials])));
  });
  // tfjs's optimizers take epsilon from the backend (1e-7 on cpu and wasm) when none is given, as tf.train does.
  const epsilon = tf.backend().epsilon();
  const rule =
    name === 'sgd' ? sgd(tf, rates) : name === 'adam' ? adam(tf, rates, epsilon) : rmsprop(tf, rates, epsilon);
  return {
    apply(grads) {
      const updated = rule.update(flat([...variables]), flat(variables.map((v) => grads[v.name])));
      tf.split(updated, sizes).forEach((part, i) => variables[i].assign(tf.reshape(part, variables[i].shape)));
    },
    dispose() {
      rule.dispose();
      rates.dispose();
    },
  };
}
