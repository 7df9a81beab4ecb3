/**
 * How a unit's heatmap is coloured, shared by the network view, the large view in the boundary area and the
 * replay: on the decision boundary's orange–white–blue scale, white at zero activation and full colour at the
 * unit's largest magnitude, so a unit's sign pattern reads the same whatever its activation's range. A binary
 * output unit (a probability) is coloured exactly as the boundary is.
 */
import { boundaryPixels, type ColorScale } from '../../ml/boundary-palette';
import { unitGrid, unitIndex, type LiveNetwork } from '../../ml/network-frame';
import type { BoundaryGrid } from '../../ml/training-messages';

/** The boundary palette's two-class scale: 0 orange, 0.5 white, 1 blue. */
export const UNIT_SCALE: ColorScale = { task: 'classification', numClasses: 2 };

/** Unit `unit` of `layer` as positions on UNIT_SCALE, one per grid cell. */
export function unitShades({ layout, frame }: LiveNetwork, layer: number, unit: number): Float32Array {
  const values = unitGrid(layout, frame, layer, unit);
  const isProbability = layer === layout.layers.length - 1 && layout.output === 'binary';
  if (isProbability) return values;
  let magnitude = 0;
  for (const v of values) magnitude = Math.max(magnitude, Math.abs(v));
  const scale = magnitude > 0 ? 0.5 / magnitude : 0;
  return values.map((v) => 0.5 + v * scale);
}

/** UNIT_SCALE's colour at 256 steps, RGBA: the network view paints ~30,000 cells per frame from this table. */
const SHADE_PIXELS = boundaryPixels(
  Float32Array.from({ length: 256 }, (_, q) => q / 255),
  UNIT_SCALE,
);

/**
 * Writes the unit's heatmap as RGBA pixels (gridSize × gridSize, the colours unitShades gives) into `out`. The
 * frame's grid is already bytes, so each unit maps its 256 possible bytes to a colour once and then reads every
 * cell through that table: no float arrays per unit, which a 6 × 8 network redrawn five times a second felt.
 */
export function writeUnitPixels(
  { layout, frame }: LiveNetwork,
  layer: number,
  unit: number,
  out: Uint8ClampedArray,
): void {
  const index = unitIndex(layout, layer, unit);
  const cells = layout.gridSize * layout.gridSize;
  const grid = frame.grids.subarray(index * cells, index * cells + cells);
  const min = frame.ranges[2 * index];
  const span = frame.ranges[2 * index + 1] - min;
  const isProbability = layer === layout.layers.length - 1 && layout.output === 'binary';
  let lowest = 255;
  let highest = 0;
  for (const q of grid) {
    if (q < lowest) lowest = q;
    if (q > highest) highest = q;
  }
  // Values are linear in the byte, so the largest magnitude sits at the smallest or the largest byte present.
  const magnitude = Math.max(Math.abs(min + (lowest / 255) * span), Math.abs(min + (highest / 255) * span));
  const scale = magnitude > 0 ? 0.5 / magnitude : 0;
  const colourOf = new Uint16Array(256);
  for (let q = lowest; q <= highest; q++) {
    const value = Math.fround(min + (q / 255) * span);
    const shade = isProbability ? value : 0.5 + value * scale;
    const t = Number.isFinite(shade) ? Math.min(1, Math.max(0, shade)) : 0.5;
    colourOf[q] = Math.round(t * 255) * 4;
  }
  for (let i = 0; i < cells; i++) {
    const c = colourOf[grid[i]];
    out[4 * i] = SHADE_PIXELS[c];
    out[4 * i + 1] = SHADE_PIXELS[c + 1];
    out[4 * i + 2] = SHADE_PIXELS[c + 2];
    out[4 * i + 3] = 255;
  }
}

/** The unit's heatmap as a grid the boundary view draws large, under the data. */
export function unitBoundaryGrid(network: LiveNetwork, layer: number, unit: number): BoundaryGrid {
  const size = network.layout.gridSize;
  return { width: size, height: size, bounds: network.layout.bounds, values: unitShades(network, layer, unit) };
}

/** What a unit is called everywhere (its accessible name): "Layer L unit U", inputs by their feature. */
export function unitName(
  network: LiveNetwork,
  layer: number,
  unit: number,
  featureLabel: (name: string) => string,
): string {
  return layer === 0
    ? `Layer 0 ${featureLabel(network.layout.layers[0].unitNames[unit])}`
    : `Layer ${layer} unit ${unit + 1}`;
}

/**
 * The TensorFlow Playground's "Discretize output": each cell coloured by side only. Two-class probabilities and
 * unit shades split at 0.5, regression values at the middle of the scale's range; class indices (3+ classes)
 * already are discrete.
 */
export function discretized(grid: BoundaryGrid, scale: ColorScale): BoundaryGrid {
  if (scale.task === 'classification' && scale.numClasses > 2) return grid;
  const [lo, hi] = scale.task === 'regression' ? (scale.range ?? [-1, 1]) : [0, 1];
  const middle = (lo + hi) / 2;
  return { ...grid, values: grid.values.map((v) => (v >= middle ? hi : lo)) };
}
