/**
 * Computes network frames (network-frame.ts) from a tfjs model in the training worker: the model runs once over
 * a gridSize × gridSize sample of the input plane, layer by layer, keeping every dense layer's output — one
 * forward pass for all units, where the TensorFlow Playground runs its own network point by point. DOM-free and
 * handed `tf`, so Node tests check it against model.predict on the cpu backend.
 */
import { numFeatures, type Dataset } from './dataset';
import { expandMatrix } from './features';
import {
  MAX_SHOWN_UNITS,
  quantizeUnits,
  type LayerLayout,
  type NetworkFrame,
  type NetworkLayout,
} from './network-frame';
import { denseForward } from './predict-dense';
import { dataBounds, gridPoints } from './predict-grid';
import type { LayersModel, Tensor, Tf } from './tf-types';

/** Cells per side of each unit's heatmap: 576 bytes per unit, still smooth when drawn at 40 px. */
export const UNIT_GRID_SIZE = 24;

type DenseLayer = LayersModel['layers'][number] & { units: number };

export interface NetworkProbe {
  layout: NetworkLayout;
  /** The input plane's sample points expanded to the model's features: row-major, gridSize² × features. */
  inputs: Float32Array;
  /** The model's dense layers in order; the last is the output. */
  dense: DenseLayer[];
}

function denseLayers(model: LayersModel): DenseLayer[] {
  return model.layers.filter((layer) => layer.getClassName() === 'Dense') as DenseLayer[];
}

function activationOf(layer: DenseLayer): string {
  const activation = layer.getConfig().activation;
  return typeof activation === 'string' ? activation : 'linear';
}

/**
 * The probe for `model` trained on `data` (raw 2-D data, before feature expansion), or null when the data has no
 * input plane to draw (1 or 3+ raw columns).
 */
export function networkProbe(
  model: LayersModel,
  data: Dataset,
  inputFeatures: readonly string[],
  gridSize = UNIT_GRID_SIZE,
): NetworkProbe | null {
  if (numFeatures(data) !== 2) return null;
  const bounds = dataBounds(data);
  const inputs = expandMatrix(gridPoints(bounds, gridSize, gridSize), data.featureNames, inputFeatures);
  const names = inputFeatures.length > 0 ? [...inputFeatures] : [...data.featureNames];
  const dense = denseLayers(model);
  const last = dense[dense.length - 1];
  const binary = data.task === 'classification' && last.units === 2;
  const layer = (units: number, activation: string, unitNames: string[] = []): LayerLayout => {
    const shown = Math.min(units, MAX_SHOWN_UNITS);
    return { units, shown, unitNames: unitNames.slice(0, shown), activation };
  };
  const layers = [
    layer(names.length, 'input', names),
    ...dense.slice(0, -1).map((d) => layer(d.units, activationOf(d))),
    binary ? layer(1, 'sigmoid') : layer(last.units, activationOf(last)),
  ];
  return { layout: { gridSize, bounds, layers, output: binary ? 'binary' : 'units' }, inputs, dense };
}

/**
 * Every shown unit's activation over the grid, layer by layer (layer 0 = the inputs themselves), each a
 * unit-major Float32Array: shown units × gridSize² values. Dropout layers pass values through, as in predict.
 */
export async function unitActivations(tf: Tf, model: LayersModel, probe: NetworkProbe): Promise<Float32Array[]> {
  const { layout, inputs } = probe;
  const d = layout.layers[0].units;
  const n = inputs.length / d;
  // On cpu the plain-JavaScript pass gives the same numbers without tfjs's per-op cost (predict-dense.ts).
  const dense = await denseForward(tf, model);
  if (dense) return shownColumns(probe, [inputs, ...dense.layerOutputs(inputs)]);
  const outputs = tf.tidy(() => {
    let h = tf.tensor2d(inputs, [n, d]);
    const kept: Tensor[] = [h.slice([0, 0], [n, layout.layers[0].shown]).transpose()];
    for (const layer of model.layers) {
      h = layer.apply(h) as typeof h;
      if (layer.getClassName() !== 'Dense') continue;
      const index = kept.length;
      const isOutput = index === layout.layers.length - 1;
      // Binary output: P(class 1), the second softmax column, as the decision boundary colors it.
      const columns =
        isOutput && layout.output === 'binary'
          ? h.slice([0, 1], [n, 1])
          : h.slice([0, 0], [n, layout.layers[index].shown]);
      kept.push(columns.transpose());
    }
    return kept;
  });
  try {
    return (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
  } finally {
    tf.dispose(outputs);
  }
}

/** Each layer's shown columns (row-major n × columns in), unit-major: the binary output's second column alone. */
function shownColumns({ layout, dense }: NetworkProbe, layers: Float32Array[]): Float32Array[] {
  return layers.map((values, l) => {
    const columns = l === 0 ? layout.layers[0].units : dense[l - 1].units;
    const n = values.length / columns;
    const picked =
      l === layers.length - 1 && layout.output === 'binary'
        ? [1]
        : Array.from({ length: layout.layers[l].shown }, (_, j) => j);
    const out = new Float32Array(picked.length * n);
    picked.forEach((column, u) => {
      for (let i = 0; i < n; i++) out[u * n + i] = values[i * columns + column];
    });
    return out;
  });
}

/** The shown part of each dense layer's kernel and bias (for a binary output, column 1 minus column 0). */
async function shownParameters(probe: NetworkProbe): Promise<{ weights: Float32Array; biases: Float32Array }> {
  const { layout, dense } = probe;
  const weights: number[] = [];
  const biases: number[] = [];
  for (let l = 1; l < layout.layers.length; l++) {
    const [kernel, bias] = dense[l - 1].getWeights();
    const k = (await kernel.data()) as Float32Array;
    const b = (await bias.data()) as Float32Array;
    const outUnits = kernel.shape[1]!;
    const binary = l === layout.layers.length - 1 && layout.output === 'binary';
    for (let i = 0; i < layout.layers[l - 1].shown; i++) {
      for (let j = 0; j < layout.layers[l].shown; j++) {
        weights.push(binary ? k[i * outUnits + 1] - k[i * outUnits] : k[i * outUnits + j]);
      }
    }
    for (let j = 0; j < layout.layers[l].shown; j++) biases.push(binary ? b[1] - b[0] : b[j]);
  }
  return { weights: Float32Array.from(weights), biases: Float32Array.from(biases) };
}

/** The network as it is now, after `epoch`. */
export async function networkFrame(
  tf: Tf,
  model: LayersModel,
  probe: NetworkProbe,
  epoch: number,
): Promise<NetworkFrame> {
  const activations = await unitActivations(tf, model, probe);
  const n = probe.layout.gridSize * probe.layout.gridSize;
  const units = activations.reduce((sum, a) => sum + a.length / n, 0);
  const grids = new Uint8Array(units * n);
  const ranges = new Float32Array(units * 2);
  let unit = 0;
  for (const layer of activations) {
    quantizeUnits(layer, n, grids, unit * n, ranges, unit * 2);
    unit += layer.length / n;
  }
  return { epoch, grids, ranges, ...(await shownParameters(probe)) };
}
