/**
 * T multilayer perceptrons of the same depth held as one: layer l's kernels stacked into a [T, in, out] variable
 * and its biases into [T, 1, out], each trial's hidden layers zero-padded to the widest trial's. One batched
 * matMul per layer then runs every trial at once, which is the point: a small Playground model spends its time in
 * per-op overhead, not arithmetic, so T trials cost about what one does.
 *
 * Exactness (the stacked trial must compute what its own tf.layers model computes, bit for bit on the cpu backend):
 * - every op is the one tfjs-layers' Dense, losses, metrics and L1L2 regularizer use, in the same order (the L2
 *   square is mul(x, x), as K.square writes it), so the gradient tape adds the same terms in the same order;
 * - a padded unit starts with zero weights in and out and zero bias; zeros add exactly, so the real units see the
 *   same sums. With tanh, relu and linear the padded unit outputs 0 and gets zero gradients, so it stays zero by
 *   itself. Two things would move it: sigmoid (a padded unit outputs 0.5, so its outgoing weights get a gradient)
 *   and L1 (tfjs's |x| gradient at 0 is -1). For those the kernel gradients are multiplied by a 0/1 mask of the
 *   real entries (× 1 is exact for the real ones).
 */
import type { Activation } from './model-config';
import type { LayersModel, Tensor, Tf } from './tf-types';
import type * as tfjs from '@tensorflow/tfjs';

type Variable = tfjs.Variable;

export interface StackedLayer {
  /** [T, maxIn, maxOut] */
  kernel: Variable;
  /** [T, 1, maxOut] */
  bias: Variable;
  /** [T, maxIn, maxOut], 1 on each trial's real kernel entries; null when no entry is padded. */
  mask: Tensor | null;
  /**
   * [T, maxIn, maxOut], trial t's L1 (L2) rate in slice t; null when no trial has that penalty (its ops are then
   * left out). Kernel-shaped rather than [T, 1, 1] because the cpu backend's broadcasting ops are several times
   * slower than same-shape ones.
   */
  l1: Tensor | null;
  l2: Tensor | null;
}

/** One trial's place in the stack: its real layer widths, input first, output last. */
export interface TrialShape {
  widths: number[];
  /** Per-trial L1 and L2 rates (0 when the trial has no penalty). */
  l1: number;
  l2: number;
}

type OutputKind = 'softmax' | 'linear';

/**
 * Rows up to which the bias is added as ones [T, rows, 1] × bias [T, 1, out] on the cpu backend. Its add of a
 * [T, 1, out] bias broadcasts, and a broadcasting add looks up every element's index (a step's forward and
 * backward of one layer took ~1.4× as long as this way, in Node). ones × bias puts the bias on every row exactly
 * (one product by 1), and its gradient, onesᵀ × dz, sums each column's rows in order in double and rounds once, as
 * the broadcast add's gradient (a Sum over the rows) does — while the rows fit in one of the cpu matMul's
 * 48-long blocks of the shared dimension; longer batches would round per block, so they keep the broadcast add.
 */
const CPU_MATMUL_BLOCK = 48;

const ACTIVATIONS: Record<Activation | OutputKind, (tf: Tf, z: Tensor) => Tensor> = {
  relu: (tf, z) => tf.relu(z),
  tanh: (tf, z) => tf.tanh(z),
  sigmoid: (tf, z) => tf.sigmoid(z),
  softmax: (tf, z) => tf.softmax(z),
  linear: (_tf, z) => z,
};

/** Pads a [rows, cols] weight (or a [cols] bias as one row) into the top-left of a zero [maxRows, maxCols]. */
function padInto(values: Float32Array, rows: number, cols: number, out: Float32Array, offset: number, maxCols: number) {
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * cols, r * cols + cols), offset + r * maxCols);
}

export class StackedMlp {
  private layers: StackedLayer[];
  private trials: number;
  private readonly maxWidths: number[];

  constructor(
    private readonly tf: Tf,
    models: readonly LayersModel[],
    private shapes: readonly TrialShape[],
    private readonly hidden: Activation,
    private readonly output: OutputKind,
  ) {
    this.trials = models.length;
    const depth = shapes[0].widths.length - 1;
    this.maxWidths = shapes[0].widths.map((_, i) => Math.max(...shapes.map((s) => s.widths[i])));
    const weights = models.map((model) => model.getWeights().map((w) => w.dataSync() as Float32Array));
    const needsMask = hidden === 'sigmoid' || shapes.some((s) => s.l1 > 0);
    this.layers = Array.from({ length: depth }, (_, l) => this.stackLayer(weights, l, needsMask));
  }

  /** A kernel-shaped tensor of each trial's rate; null when every trial's rate is 0. */
  private rates(rate: (s: TrialShape) => number, shape: [number, number, number]): Tensor | null {
    if (!this.shapes.some((s) => rate(s) > 0)) return null;
    return this.tf.tidy(() => this.tf.broadcastTo(this.tf.tensor3d(this.shapes.map(rate), [this.trials, 1, 1]), shape));
  }

  private stackLayer(weights: Float32Array[][], l: number, needsMask: boolean): StackedLayer {
    const { tf, trials } = this;
    const [maxIn, maxOut] = [this.maxWidths[l], this.maxWidths[l + 1]];
    const kernel = new Float32Array(trials * maxIn * maxOut);
    const bias = new Float32Array(trials * maxOut);
    const mask = new Float32Array(trials * maxIn * maxOut);
    let padded = false;
    this.shapes.forEach(({ widths }, t) => {
      const [rows, cols] = [widths[l], widths[l + 1]];
      padded ||= rows < maxIn || cols < maxOut;
      padInto(weights[t][2 * l], rows, cols, kernel, t * maxIn * maxOut, maxOut);
      padInto(weights[t][2 * l + 1], 1, cols, bias, t * maxOut, maxOut);
      padInto(new Float32Array(rows * cols).fill(1), rows, cols, mask, t * maxIn * maxOut, maxOut);
    });
    return {
      // tidy disposes the uploaded tensor; the variable keeps its own reference to the values.
      kernel: tf.tidy(() => tf.variable(tf.tensor3d(kernel, [trials, maxIn, maxOut]), true)),
      bias: tf.tidy(() => tf.variable(tf.tensor3d(bias, [trials, 1, maxOut]), true)),
      mask: needsMask && padded ? tf.tensor3d(mask, [trials, maxIn, maxOut]) : null,
      l1: this.rates((s) => s.l1, [trials, maxIn, maxOut]),
      l2: this.rates((s) => s.l2, [trials, maxIn, maxOut]),
    };
  }

  variables(): Variable[] {
    return this.layers.flatMap((layer) => [layer.kernel, layer.bias]);
  }

  /**
   * The outputs [T, rows, out] for inputs [T, rows, in] (each trial its own rows) or [1, rows, in] (shared rows).
   * Dense.call fuses the bias and a relu or linear activation into one matMul; the stacked bias is [T, 1, out],
   * which the wasm backend's fused matMul refuses (rank-1 bias only), so matMul, bias and activation are three
   * ops here. On the cpu backend both give the same numbers (the unit test compares relu and linear models).
   */
  predict(x: Tensor): Tensor {
    const { tf } = this;
    const rows = x.shape[1] as number;
    const ones = tf.getBackend() === 'cpu' && rows <= CPU_MATMUL_BLOCK ? tf.ones([this.trials, rows, 1]) : null;
    let h = x;
    this.layers.forEach((layer, l) => {
      const matMul = tf.matMul(h, layer.kernel);
      // See CPU_MATMUL_BLOCK: the bias on every row as ones × bias, then a same-shape add.
      const z = ones ? tf.add(matMul, tf.matMul(ones, layer.bias)) : tf.add(matMul, layer.bias);
      const activation = l === this.layers.length - 1 ? this.output : this.hidden;
      h = ACTIVATIONS[activation](tf, z);
    });
    return h;
  }

  /** Per trial [T]: the L1L2 penalty of every kernel, added one layer after another as the model's losses are. */
  addPenalties(loss: Tensor): Tensor {
    const { tf } = this;
    let total = loss;
    for (const { kernel, l1, l2: l2Rates } of this.layers) {
      // L1L2.apply starts from zeros([1]); 0 + x is exact, so that add is left out.
      let penalty: Tensor | null = null;
      if (l1) penalty = tf.sum(tf.mul(l1, tf.abs(kernel)), [1, 2]);
      if (l2Rates) {
        const l2 = tf.sum(tf.mul(l2Rates, tf.mul(kernel, kernel)), [1, 2]);
        penalty = penalty ? tf.add(penalty, l2) : l2;
      }
      if (penalty) total = tf.add(total, penalty);
    }
    return total;
  }

  /** Zeroes the gradients of padded kernel entries where they would otherwise move (see the file comment). */
  maskGradients(grads: Record<string, Tensor>): void {
    for (const { kernel, mask } of this.layers) {
      if (mask) grads[kernel.name] = this.tf.mul(grads[kernel.name], mask);
    }
  }

  /** Keeps only the given stack rows (in that order), so trials that ended stop costing compute. */
  keepTrials(rows: readonly number[]): void {
    const { tf } = this;
    const index = tf.tensor1d(Int32Array.from(rows), 'int32');
    const pick = (t: Tensor | null) => (t ? tf.tidy(() => tf.gather(t, index)) : null);
    const pickVariable = (v: Variable) => tf.tidy(() => tf.gather(v, index).variable(true));
    const kept = this.layers.map(({ kernel, bias, mask, l1, l2 }) => ({
      kernel: pickVariable(kernel),
      bias: pickVariable(bias),
      mask: pick(mask),
      l1: pick(l1),
      l2: pick(l2),
    }));
    index.dispose();
    this.dispose();
    this.layers = kept;
    this.shapes = rows.map((row) => this.shapes[row]);
    this.trials = rows.length;
  }

  /** Trial t's current weights written into its own model (its real units only). */
  writeWeights(t: number, model: LayersModel): void {
    const { tf } = this;
    const { widths } = this.shapes[t];
    tf.tidy(() => {
      const values = this.layers.flatMap(({ kernel, bias }, l) => [
        tf.slice(kernel, [t, 0, 0], [1, widths[l], widths[l + 1]]).reshape([widths[l], widths[l + 1]]),
        tf.slice(bias, [t, 0, 0], [1, 1, widths[l + 1]]).reshape([widths[l + 1]]),
      ]);
      model.setWeights(values);
    });
  }

  dispose(): void {
    for (const { kernel, bias, mask, l1, l2 } of this.layers) {
      this.tf.dispose([kernel, bias, ...[mask, l1, l2].filter((t): t is Tensor => t !== null)]);
    }
  }
}
