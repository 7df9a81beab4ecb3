/**
 * SGD, Adam and RMSProp over stacked variables ([T, ...], one slice per trial) with a learning rate per trial.
 * Each update is written op for op as tfjs-core's optimizer writes it (optimizers/sgd_optimizer, adam_optimizer,
 * rmsprop_optimizer with tf.train's defaults), so a trial's slice moves exactly as its own model's weights would:
 * an element-wise op on a rate tensor holding trial t's rate in slice t gives each element what the same op on
 * that trial's scalar rate gives.
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

/** A zero state variable per stacked variable (the optimizers' accumulators). */
function zeroStates(tf: Tf, variables: readonly Variable[]): Variable[] {
  return variables.map((v) => tf.tidy(() => tf.zerosLike(v).variable(false)));
}

function sgd(tf: Tf, negRates: Tensor[], variables: readonly Variable[]): StackedOptimizer {
  return {
    apply(grads) {
      variables.forEach((value, i) => value.assign(tf.add(tf.mul(negRates[i], grads[value.name]), value)));
    },
    dispose() {},
  };
}

/**
 * tfjs keeps beta^t in float32 variables (accBeta1/2, multiplied by beta after every step) and divides by
 * 1 - beta^t; the same float32 numbers are kept here in JavaScript with Math.fround (a float32 product or
 * difference rounded from its exact double value is what the float32 op gives), which saves two ops a step.
 */
function adam(tf: Tf, negRates: Tensor[], variables: readonly Variable[], epsilon: number): StackedOptimizer {
  const firstMoments = zeroStates(tf, variables);
  const secondMoments = zeroStates(tf, variables);
  let accBeta1 = Math.fround(ADAM.beta1);
  let accBeta2 = Math.fround(ADAM.beta2);
  return {
    apply(grads) {
      const oneMinusAccBeta1 = Math.fround(1 - accBeta1);
      const oneMinusAccBeta2 = Math.fround(1 - accBeta2);
      variables.forEach((value, i) => {
        const gradient = grads[value.name];
        const [m, v] = [firstMoments[i], secondMoments[i]];
        const newM = tf.add(tf.mul(m, ADAM.beta1), tf.mul(gradient, 1 - ADAM.beta1));
        const newV = tf.add(tf.mul(v, ADAM.beta2), tf.mul(tf.square(gradient), 1 - ADAM.beta2));
        const correctedM = tf.div(newM, oneMinusAccBeta1);
        const correctedV = tf.div(newV, oneMinusAccBeta2);
        m.assign(newM);
        v.assign(newV);
        value.assign(tf.add(tf.mul(tf.div(correctedM, tf.add(tf.sqrt(correctedV), epsilon)), negRates[i]), value));
      });
      accBeta1 = Math.fround(accBeta1 * Math.fround(ADAM.beta1));
      accBeta2 = Math.fround(accBeta2 * Math.fround(ADAM.beta2));
    },
    dispose() {
      tf.dispose([...firstMoments, ...secondMoments]);
    },
  };
}

/**
 * tf.train.rmsprop's defaults: decay 0.9, momentum 0, not centered. tfjs still keeps a momentum accumulator,
 * mom' = mom × 0 + step; with momentum 0 that is the step itself, so it is left out.
 */
function rmsprop(tf: Tf, rates: Tensor[], variables: readonly Variable[], epsilon: number): StackedOptimizer {
  const meanSquares = zeroStates(tf, variables);
  return {
    apply(grads) {
      variables.forEach((value, i) => {
        const gradient = grads[value.name];
        const meanSquare = meanSquares[i];
        const newMeanSquare = tf.add(tf.mul(meanSquare, RMSPROP_DECAY), tf.mul(tf.square(gradient), 1 - RMSPROP_DECAY));
        const step = tf.div(tf.mul(gradient, rates[i]), tf.sqrt(tf.add(newMeanSquare, epsilon)));
        meanSquare.assign(newMeanSquare);
        value.assign(tf.sub(value, step));
      });
    },
    dispose() {
      tf.dispose(meanSquares);
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
  // tfjs's optimizers take epsilon from the backend (1e-7 on cpu and wasm) when none is given, as tf.train does.
  const epsilon = tf.backend().epsilon();
  // One rate tensor of each variable's own shape: the cpu backend's element-wise ops are several times slower
  // when they broadcast, and an op with a [T, 1, 1] rate would broadcast on every step.
  const rates = tf.tidy(() => {
    const perTrial = tf.tensor3d(
      learningRates.map((rate) => (name === 'rmsprop' ? rate : -rate)),
      [learningRates.length, 1, 1],
    );
    return variables.map((v) => tf.broadcastTo(perTrial, v.shape));
  });
  const optimizer =
    name === 'sgd'
      ? sgd(tf, rates, variables)
      : name === 'adam'
        ? adam(tf, rates, variables, epsilon)
        : rmsprop(tf, rates, variables, epsilon);
  return {
    apply: (grads) => optimizer.apply(grads),
    dispose() {
      optimizer.dispose();
      tf.dispose(rates);
    },
  };
}
