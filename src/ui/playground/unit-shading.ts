/**
 * How a unit's heatmap is coloured, shared by the network view, the large view in the boundary area and the
 * replay: on the decision boundary's orange–white–blue scale, white at zero activation and full colour at the
 * unit's largest magnitude, so a unit's sign pattern reads the same whatever its activation's range. A binary
 * output unit (a probability) is coloured exactly as the boundary is.
 */
import { boundaryPixels, type ColorScale } from '../../ml/boundary-palette';
import { unitGrid, type LiveNetwork } from '../../ml/network-frame';
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

/** The unit's heatmap as RGBA pixels, gridSize × gridSize. */
export function unitPixels(network: LiveNetwork, layer: number, unit: number): Uint8ClampedArray<ArrayBuffer> {
  const shades = unitShades(network, layer, unit);
  const pixels = new Uint8ClampedArray(shades.length * 4);
  for (let i = 0; i < shades.length; i++) {
    const t = Number.isFinite(shades[i]) ? Math.min(1, Math.max(0, shades[i])) : 0.5;
    const q = Math.round(t * 255) * 4;
    pixels[4 * i] = SHADE_PIXELS[q];
    pixels[4 * i + 1] = SHADE_PIXELS[q + 1];
    pixels[4 * i + 2] = SHADE_PIXELS[q + 2];
    pixels[4 * i + 3] = 255;
  }
  return pixels;
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
