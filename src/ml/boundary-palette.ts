/**
 * Colors for decision-boundary pictures, shared by the worker's PNG and the page's live heatmap so both read
 * the same. TensorFlow Playground's scheme: orange for class 0 (or low values), blue for class 1 (or high
 * values), white in between; with more classes each class gets its own hue.
 */
import type { Task } from './dataset';

type Rgb = readonly [number, number, number];

const ORANGE: Rgb = [245, 147, 34];
const WHITE: Rgb = [232, 234, 235];
const BLUE: Rgb = [8, 119, 189];
/** Hues for 3+ classes (gauss with up to 8 clusters, CSV labels); repeats past the end. */
const CLASS_COLORS: readonly Rgb[] = [
  ORANGE,
  BLUE,
  [46, 160, 67],
  [207, 34, 46],
  [130, 80, 223],
  [191, 135, 0],
  [27, 31, 35],
  [219, 97, 162],
];

/** Marks drawn over a boundary picture (the chosen point): dark on the pale middle of the scale. */
export const MARKER_COLOR = '#1b1f23';

export interface ColorScale {
  task: Task;
  numClasses: number;
  /** For regression: the value shown as deep orange and the one shown as deep blue. */
  range?: readonly [number, number];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Where a value sits on the orange–white–blue scale, 0..1. */
function position(value: number, scale: ColorScale): number {
  if (scale.task === 'classification') return value;
  const [lo, hi] = scale.range ?? [-1, 1];
  const t = hi > lo ? (value - lo) / (hi - lo) : 0.5;
  return Math.min(1, Math.max(0, t));
}

/**
 * The color of a grid score (see modelScorer): probability of class 1 for two classes, a class index for more,
 * a predicted value for regression.
 */
export function scoreColor(value: number, scale: ColorScale): Rgb {
  if (!Number.isFinite(value)) return WHITE;
  if (scale.task === 'classification' && scale.numClasses > 2) {
    return mix(WHITE, CLASS_COLORS[Math.round(value) % CLASS_COLORS.length], 0.45);
  }
  const t = position(value, scale);
  return t < 0.5 ? mix(ORANGE, WHITE, t * 2) : mix(WHITE, BLUE, (t - 0.5) * 2);
}

/** The color of a data point: its class's hue, or its target on the value scale. */
export function pointColor(label: number, scale: ColorScale): Rgb {
  if (scale.task === 'classification') return CLASS_COLORS[Math.round(label) % CLASS_COLORS.length];
  const t = position(label, scale);
  return t < 0.5 ? mix(ORANGE, WHITE, t * 1.2) : mix(WHITE, BLUE, 0.4 + (t - 0.5) * 1.2);
}

/** A width × height RGBA image of grid scores, for ImageData. */
export function boundaryPixels(values: Float32Array, scale: ColorScale): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = scoreColor(values[i], scale);
    pixels[4 * i] = r;
    pixels[4 * i + 1] = g;
    pixels[4 * i + 2] = b;
    pixels[4 * i + 3] = 255;
  }
  return pixels;
}

/** The smallest and largest target, the regression color range. */
export function targetRange(y: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of y) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [-1, 1];
}

export function cssColor(rgb: Rgb): string {
  return `rgb(${Math.round(rgb[0])} ${Math.round(rgb[1])} ${Math.round(rgb[2])})`;
}
