/**
 * A dense network's forward pass in plain JavaScript, for the pictures a training draws (decision boundaries,
 * replay grids, the network view's unit grids). On tfjs's cpu backend a small MLP's prediction over a grid is
 * mostly tfjs's per-op and per-element bookkeeping — a bias add or softmax that broadcasts looks up every
 * element's index — not arithmetic: a 160 × 160 boundary of the Playground's 8-8 MLP took ~100 ms there, and a
 * sweep of 8 such trials spent more on its pictures than on training.
 *
 * Exactness: used only on the cpu backend, it does what that backend's kernels do, in the same order and with
 * the same float32 rounding (every result stored in a Float32Array, as the kernels store theirs): matMul sums
 * each 48-wide block of the shared dimension in double and adds it to the float32 result (tfjs-backend-cpu's
 * BatchMatMul, block size 48), then the bias, then the activation; softmax is max, subtract, exp, a double sum,
 * divide. The unit test holds it to model.predict bit for bit. Other backends keep tfjs's own predict.
 */
import type { LayersModel, Tf } from './tf-types';

/** tfjs-backend-cpu's matMul block size along the shared dimension: its float32 partial sums round per block. */
const CPU_MATMUL_BLOCK = 48;

type DenseActivation = 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'softmax';

const ELEMENTWISE: Record<Exclude<DenseActivation, 'softmax'>, (x: number) => number> = {
  relu: (x) => Math.max(0, x),
  tanh: (x) => Math.tanh(x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  linear: (x) => x,
};

interface DenseWeights {
  inputs: number;
  units: number;
  /** Transposed, units × inputs: each unit's weights contiguous for its dot products. */
  kernelT: Float32Array;
  bias: Float32Array | null;
  activation: DenseActivation;
}

function activationName(layer: LayersModel['layers'][number]): DenseActivation | null {
  const name = layer.getConfig().activation;
  return typeof name === 'string' && (name in ELEMENTWISE || name === 'softmax') ? (name as DenseActivation) : null;
}

/** Row-major n × units outputs of one dense layer for row-major n × inputs rows `x`. */
function denseLayer(x: Float32Array, n: number, { inputs, units, kernelT, bias, activation }: DenseWeights) {
  const out = new Float32Array(n * units);
  for (let i = 0; i < n; i++) {
    const row = i * inputs;
    for (let j = 0; j < units; j++) {
      const at = i * units + j;
      const weights = j * inputs;
      for (let k0 = 0; k0 < inputs; k0 += CPU_MATMUL_BLOCK) {
        const kEnd = Math.min(k0 + CPU_MATMUL_BLOCK, inputs);
        let sum = 0;
        for (let k = k0; k < kEnd; k++) sum += x[row + k] * kernelT[weights + k];
        out[at] += sum;
      }
      if (bias) out[at] += bias[j];
    }
  }
  if (activation === 'softmax') softmaxRows(out, n, units);
  else if (activation !== 'linear') {
    const f = ELEMENTWISE[activation];
    for (let i = 0; i < out.length; i++) out[i] = f(out[i]);
  }
  return out;
}

/** Softmax over each row in place, as tfjs-backend-cpu's Softmax: max, subtract, exp, sum, divide. */
function softmaxRows(values: Float32Array, n: number, units: number): void {
  const row = new Float32Array(units);
  for (let i = 0; i < n; i++) {
    const offset = i * units;
    let max = values[offset];
    for (let j = 1; j < units; j++)
      if (values[offset + j] > max || Number.isNaN(values[offset + j])) max = values[offset + j];
    for (let j = 0; j < units; j++) row[j] = values[offset + j] - max;
    for (let j = 0; j < units; j++) row[j] = Math.exp(row[j]);
    let sum = 0;
    for (let j = 0; j < units; j++) sum += row[j];
    const total = Math.fround(sum);
    for (let j = 0; j < units; j++) values[offset + j] = row[j] / total;
  }
}

/**
 * The model's dense layers as plain arrays, or null when this path does not apply: a backend other than cpu,
 * or a layer other than Dense (Dropout passes values through at prediction, so it is skipped) or an activation
 * it does not know.
 */
export async function denseForward(tf: Tf, model: LayersModel): Promise<DenseForward | null> {
  if (tf.getBackend() !== 'cpu') return null;
  const layers: DenseWeights[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'Dropout') continue;
    const activation = activationName(layer);
    if (kind !== 'Dense' || activation === null) return null;
    const [kernel, bias] = layer.getWeights();
    const [inputs, units] = kernel.shape as [number, number];
    const values = (await kernel.data()) as Float32Array;
    const kernelT = new Float32Array(values.length);
    for (let k = 0; k < inputs; k++) for (let j = 0; j < units; j++) kernelT[j * inputs + k] = values[k * units + j];
    layers.push({
      inputs,
      units,
      kernelT,
      bias: bias ? ((await bias.data()) as Float32Array) : null,
      activation,
    });
  }
  return layers.length > 0 ? new DenseForward(layers) : null;
}

export class DenseForward {
  constructor(private readonly layers: readonly DenseWeights[]) {}

  /** Every dense layer's outputs (row-major n × units each) for the row-major n × inputs rows `x`. */
  layerOutputs(x: Float32Array): Float32Array[] {
    const n = x.length / this.layers[0].inputs;
    const outputs: Float32Array[] = [];
    let h = x;
    for (const layer of this.layers) {
      h = denseLayer(h, n, layer);
      outputs.push(h);
    }
    return outputs;
  }

  /** The model's outputs for the row-major rows `x`, as model.predict gives them. */
  predict(x: Float32Array): Float32Array {
    const outputs = this.layerOutputs(x);
    return outputs[outputs.length - 1];
  }
}
