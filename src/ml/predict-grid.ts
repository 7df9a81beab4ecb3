/**
 * The decision-boundary picture's numbers: a model's score at the center of every cell of a width × height grid
 * over the data. Pure apart from the scoring callback, so the worker can paint it with OffscreenCanvas and tests
 * can check it with a formula in place of a model.
 */
import { numFeatures, numRows, type Dataset } from './dataset';

export interface GridBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Scores points given as a row-major n × 2 matrix: one number per point. */
export type PointScorer = (points: Float32Array) => Float32Array | Promise<Float32Array>;

/** The box around a 2-feature dataset, widened by `padding` × its size on every side so edge points sit inside. */
export function dataBounds(ds: Dataset, padding = 0.1): GridBounds {
  if (numFeatures(ds) !== 2) {
    throw new Error(`A decision boundary needs 2 features; ${ds.name} has ${numFeatures(ds)}.`);
  }
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < numRows(ds); i++) {
    const x = ds.x[2 * i];
    const y = ds.x[2 * i + 1];
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  // A flat axis (all values equal) still gets a unit-wide box instead of a zero-width one.
  const padX = (xMax - xMin || 1) * padding;
  const padY = (yMax - yMin || 1) * padding;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/**
 * The center of every grid cell as a row-major (width × height) × 2 matrix, in image order: row 0 is the top
 * (largest y), each row runs from smallest to largest x — so value i belongs to pixel (i % width, ⌊i / width⌋).
 */
export function gridPoints(bounds: GridBounds, width: number, height: number): Float32Array {
  if (!(Number.isInteger(width) && width >= 1 && Number.isInteger(height) && height >= 1)) {
    throw new RangeError(`Grid size must be whole numbers of at least 1, got ${width} × ${height}.`);
  }
  const points = new Float32Array(width * height * 2);
  const dx = (bounds.xMax - bounds.xMin) / width;
  const dy = (bounds.yMax - bounds.yMin) / height;
  for (let row = 0; row < height; row++) {
    const y = bounds.yMax - (row + 0.5) * dy;
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      points[2 * i] = bounds.xMin + (col + 0.5) * dx;
      points[2 * i + 1] = y;
    }
  }
  return points;
}

/** One score per grid cell, in the image order of gridPoints. */
export async function predictGrid(
  bounds: GridBounds,
  width: number,
  height: number,
  score: PointScorer,
): Promise<Float32Array> {
  const values = await score(gridPoints(bounds, width, height));
  if (values.length !== width * height) {
    throw new Error(`The scorer returned ${values.length} values for ${width * height} grid points.`);
  }
  return values;
}
