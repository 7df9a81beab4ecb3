/**
 * What the network view draws: every unit's activation over the input plane and the weights between units, at
 * one moment of training. Plain typed arrays (no per-pixel objects or JSON), so a frame crosses postMessage as a
 * few buffers and a replay file holds it as raw bytes (see replay-format.ts). No tfjs, no DOM.
 *
 * Layers are numbered as the view names them: layer 0 is the inputs (the chosen features), then every hidden
 * layer, then the output. Each layer shows at most MAX_SHOWN_UNITS units (the first ones); wider layers are
 * capped here, in the data, so neither the bytes nor the drawing grow with a 4,096-unit layer.
 */
import type { GridBounds } from './predict-grid';

/** Units per layer that get a heatmap and weights; the view says how many more a layer has. */
export const MAX_SHOWN_UNITS = 16;

export interface LayerLayout {
  /** Units the layer has. */
  units: number;
  /** Units drawn: the first min(units, MAX_SHOWN_UNITS). */
  shown: number;
  /** Layer 0: the feature of each shown input; other layers: []. */
  unitNames: string[];
  activation: string;
}

export interface NetworkLayout {
  /** Each unit's heatmap is gridSize × gridSize cells over `bounds`, in image order (row 0 = largest y). */
  gridSize: number;
  bounds: GridBounds;
  layers: LayerLayout[];
  /**
   * How the output layer maps to units: 'binary' when two softmax classes are shown as one unit, P(class 1), whose
   * weights are column 1 minus column 0 (softmax of two logits is the sigmoid of their difference, so this is
   * exact); 'units' when every output unit is shown as it is.
   */
  output: 'binary' | 'units';
}

/** One moment of the network. Index helpers below find a unit's or a layer's slice. */
export interface NetworkFrame {
  /** Epochs finished when the frame was taken: 0 is the initial weights, N is after the metrics at step N − 1. */
  epoch: number;
  /** Every shown unit's grid, layer by layer, unit by unit: value = min + q / 255 × (max − min). */
  grids: Uint8Array;
  /** Per shown unit, in the same order: min, max of its activation over the grid. */
  ranges: Float32Array;
  /** For layers 1.., layer by layer: the shown kernel, row-major [from unit i][to unit j]. */
  weights: Float32Array;
  /** For layers 1.., layer by layer: each shown unit's bias. */
  biases: Float32Array;
}

/** A frame with the layout to read it by: what the live network view draws. */
export interface LiveNetwork {
  layout: NetworkLayout;
  frame: NetworkFrame;
}

function cells(layout: NetworkLayout): number {
  return layout.gridSize * layout.gridSize;
}

/** The position of unit `unit` of layer `layer` among all shown units (the order of grids and ranges). */
export function unitIndex(layout: NetworkLayout, layer: number, unit: number): number {
  let index = 0;
  for (let l = 0; l < layer; l++) index += layout.layers[l].shown;
  return index + unit;
}

export function totalShownUnits(layout: NetworkLayout): number {
  return layout.layers.reduce((sum, layer) => sum + layer.shown, 0);
}

/** How many weights and biases a frame of this layout holds. */
export function parameterCounts(layout: NetworkLayout): { weights: number; biases: number } {
  let weights = 0;
  let biases = 0;
  for (let l = 1; l < layout.layers.length; l++) {
    weights += layout.layers[l - 1].shown * layout.layers[l].shown;
    biases += layout.layers[l].shown;
  }
  return { weights, biases };
}

/** The bytes of one frame's arrays (the epoch travels in the header). */
export function frameBytes(layout: NetworkLayout): number {
  const units = totalShownUnits(layout);
  const { weights, biases } = parameterCounts(layout);
  return units * cells(layout) + units * 2 * 4 + (weights + biases) * 4;
}

/** Unit `unit` of `layer` as activation values (dequantized), gridSize² of them in image order. */
export function unitGrid(layout: NetworkLayout, frame: NetworkFrame, layer: number, unit: number): Float32Array {
  const index = unitIndex(layout, layer, unit);
  const n = cells(layout);
  const min = frame.ranges[2 * index];
  const span = frame.ranges[2 * index + 1] - min;
  const out = new Float32Array(n);
  const q = frame.grids.subarray(index * n, index * n + n);
  for (let i = 0; i < n; i++) out[i] = min + (q[i] / 255) * span;
  return out;
}

function weightOffset(layout: NetworkLayout, layer: number): number {
  let offset = 0;
  for (let l = 1; l < layer; l++) offset += layout.layers[l - 1].shown * layout.layers[l].shown;
  return offset;
}

/** The weight from unit `from` of layer `layer − 1` to unit `to` of layer `layer` (layer ≥ 1). */
export function weightAt(layout: NetworkLayout, frame: NetworkFrame, layer: number, from: number, to: number): number {
  return frame.weights[weightOffset(layout, layer) + from * layout.layers[layer].shown + to];
}

/** The bias of unit `unit` of layer `layer` (layer ≥ 1). */
export function biasAt(layout: NetworkLayout, frame: NetworkFrame, layer: number, unit: number): number {
  let offset = 0;
  for (let l = 1; l < layer; l++) offset += layout.layers[l].shown;
  return frame.biases[offset + unit];
}

/**
 * Quantizes `values` (rows = units, each `n` cells) into `into` at `start`, writing each unit's min and max into
 * `ranges` at `rangeStart`. A flat unit (max = min) is all zeros with its one value as both ends.
 */
export function quantizeUnits(
  values: Float32Array,
  n: number,
  into: Uint8Array,
  start: number,
  ranges: Float32Array,
  rangeStart: number,
): void {
  const units = values.length / n;
  for (let u = 0; u < units; u++) {
    const row = values.subarray(u * n, u * n + n);
    let min = Infinity;
    let max = -Infinity;
    for (const v of row) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!(min <= max)) {
      // NaN activations (a diverged model) draw as a flat grid rather than poisoning the whole frame.
      min = 0;
      max = 0;
    }
    ranges[rangeStart + 2 * u] = min;
    ranges[rangeStart + 2 * u + 1] = max;
    const scale = max > min ? 255 / (max - min) : 0;
    const out = into.subarray(start + u * n, start + u * n + n);
    for (let i = 0; i < n; i++) out[i] = Number.isFinite(row[i]) ? Math.round((row[i] - min) * scale) : 0;
  }
}
