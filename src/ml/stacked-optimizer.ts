/**
 * SGD, Adam and RMSProp over stacked variables ([T, ...], one slice per trial) with a learning rate per trial.
 * Each update is written op for op as tfjs-core's optimizer writes it (optimizers/sgd_optimizer, adam_optimizer,
 * rmsprop_optimizer with tf.train's defaults), so a trial's slice moves exactly as its own model's weights would:
 * an element-wise op on a rate tensor holding trial t's rate at trial t's elements gives each element what the
 * same op on that trial's scalar rate gives.
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
  apply(variables: readonly Variable[], grads: Record<string, Tensor>): void;
  /** Keeps the state of the given trials (stack rows, in order) only, after the stack dropped the others. */
  keepTrials(rows: readonly number[]): void;
  dispose(): void;
}

/** tf.train.adam's and tf.train.rmsprop's defaults. */
const ADAM = { beta1: 0.9, beta2: 0.999 } as const;
const RMSPROP_DECAY = 0.9;

/**
 * What an update works on, laid out as the flat parameter vector: the per-element rates (negated for SGD and
 * Adam, which add rate × step) and the optimizer's accumulators, which start at zero as zerosLike(value) does.
 */
interface State {
  rates: Tensor;
  accumulators: Variable[];
}

/** The new flat values from the old ones and the gradients; called inside tf.tidy. */
type Update = (state: State, values: Tensor, gradients: Tensor) => Tensor;

const sgd =
  (tf: Tf): Update =>
  ({ rates }, value, gradient) =>
    tf.add(tf.mul(rates, gradient), value);

/**
 * tfjs keeps beta^t in float32 variables (accBeta1/2, multiplied by beta after every step) and divides by
 * 1 - beta^t; the same float32 numbers are kept here in JavaScript with Math.fround (a float32 product or
 * difference rounded from its exact double value is what the float32 op gives), which saves two ops a step.
 */
function adam(tf: Tf, epsilon: number): Update {
  let accBeta1 = Math.fround(ADAM.beta1);
  let accBeta2 = Math.fround(ADAM.beta2);
  return ({ rates, accumulators: [m, v] }, value, gradient) => {
    const newM = tf.add(tf.mul(m, ADAM.beta1), tf.mul(gradient, 1 - ADAM.beta1));
    const newV = tf.add(tf.mul(v, ADAM.beta2), tf.mul(tf.square(gradient), 1 - ADAM.beta2));
    const correctedM = tf.div(newM, Math.fround(1 - accBeta1));
    const correctedV = tf.div(newV, Math.fround(1 - accBeta2));
    m.assign(newM);
    v.assign(newV);
    accBeta1 = Math.fround(accBeta1 * Math.fround(ADAM.beta1));
    accBeta2 = Math.fround(accBeta2 * Math.fround(ADAM.beta2));
    return tf.add(tf.mul(tf.div(correctedM, tf.add(tf.sqrt(correctedV), epsilon)), rates), value);
  };
}

/**
 * tf.train.rmsprop's defaults: decay 0.9, momentum 0, not centered. tfjs still keeps a momentum accumulator,
 * mom' = mom × 0 + step; with momentum 0 that is the step itself, so it is left out.
 */
const rmsprop =
  (tf: Tf, epsilon: number): Update =>
  ({ rates, accumulators: [meanSquare] }, value, gradient) => {
    const newMeanSquare = tf.add(tf.mul(meanSquare, RMSPROP_DECAY), tf.mul(tf.square(gradient), 1 - RMSPROP_DECAY));
    const step = tf.div(tf.mul(gradient, rates), tf.sqrt(tf.add(newMeanSquare, epsilon)));
    meanSquare.assign(newMeanSquare);
    return tf.sub(value, step);
  };

/** The optimizer `name` with trial t's learning rate on slice t of every variable. */
export function stackedOptimizer(
  tf: Tf,
  name: OptimizerName,
  learningRates: readonly number[],
  variables: readonly Variable[],
): StackedOptimizer {
  let trials = learningRates.length;
  /** Each variable's size per trial; the flat vector holds variable after variable, each [trials, size] row-major. */
  const perTrial = variables.map((v) => v.size / trials);
  // Each variable's values one after another (a variable's own rows stay contiguous), so splitting the result
  // back is a plain copy of each part; splitting [T, P] along P would copy element by element.
  const flat = (tensors: readonly Tensor[]) => tf.concat(tensors.map((t) => tf.reshape(t, [-1])));
  // One rate per element, not a broadcast [T, 1] column: the cpu backend's element-wise ops are several times
  // slower when they broadcast.
  const rates = tf.tidy(() => {
    const column = tf.tensor2d(
      learningRates.map((rate) => (name === 'rmsprop' ? rate : -rate)),
      [trials, 1],
    );
    return flat(perTrial.map((size) => tf.broadcastTo(column, [trials, size])));
  });
  const zeros = () => tf.tidy(() => tf.zerosLike(rates).variable(false));
  const state: State = { rates, accumulators: Array.from({ length: { sgd: 0, adam: 2, rmsprop: 1 }[name] }, zeros) };
  // tfjs's optimizers take epsilon from the backend (1e-7 on cpu and wasm) when none is given, as tf.train does.
  const epsilon = tf.backend().epsilon();
  const update = name === 'sgd' ? sgd(tf) : name === 'adam' ? adam(tf, epsilon) : rmsprop(tf, epsilon);

  /** The rows `index` of a flat vector, variable by variable. */
  const selectRows = (vector: Tensor, index: Tensor) => {
    const parts = tf.split(
      vector,
      perTrial.map((size) => size * trials),
    );
    return flat(parts.map((part, i) => tf.gather(tf.reshape(part, [trials, perTrial[i]]), index)));
  };

  return {
    apply(current, grads) {
      const updated = update(state, flat(current), flat(current.map((v) => grads[v.name])));
      tf.split(
        updated,
        perTrial.map((size) => size * trials),
      ).forEach((part, i) => current[i].assign(tf.reshape(part, current[i].shape)));
    },
    keepTrials(rows) {
      const kept = tf.tidy(() => {
        const index = tf.tensor1d(Int32Array.from(rows), 'int32');
        return [selectRows(state.rates, index), ...state.accumulators.map((a) => selectRows(a, index).variable(false))];
      });
      tf.dispose([state.rates, ...state.accumulators]);
      [state.rates] = kept;
      state.accumulators = kept.slice(1) as Variable[];
      trials = rows.length;
    },
    dispose() {
      tf.dispose([state.rates, ...state.accumulators]);
    },
  };
}
