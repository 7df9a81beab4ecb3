/**
 * Paints a dataset and (optionally) a model's decision-boundary grid on any 2-D canvas context: the page's
 * <canvas> for the live view and the worker's OffscreenCanvas for the logged PNG draw the same picture. The
 * context is typed structurally, so this module stays DOM-free.
 */
import { type ColorScale, cssColor, pointColor } from './boundary-palette';
import { numFeatures, numRows, type Dataset } from './dataset';
import type { GridBounds } from './predict-grid';
import type { BoundaryGrid } from './training-messages';

export interface SceneContext<Image> {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  imageSmoothingEnabled: boolean;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(image: Image, dx: number, dy: number, dw: number, dh: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, radius: number, start: number, end: number): void;
  fill(): void;
  stroke(): void;
}

/** Drawing more points than this only hides the boundary (and costs time); larger tables are thinned evenly. */
const MAX_DRAWN_POINTS = 4000;

/**
 * The horizontal and vertical value of row i: the two features of 2-D data; for 1-D data (sine) the feature
 * against the target, so the preview shows the curve to learn.
 */
function pointAt(ds: Dataset, i: number): [number, number] {
  const d = numFeatures(ds);
  return d === 1 ? [ds.x[i], ds.y[i]] : [ds.x[i * d], ds.x[i * d + 1]];
}

/** The box around the drawn points, 10% wider on every side (the same box dataBounds gives 2-D data). */
export function sceneBounds(ds: Dataset): GridBounds {
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (let i = 0; i < numRows(ds); i++) {
    const [x, y] = pointAt(ds, i);
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  if (!(xMin <= xMax)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const padX = (xMax - xMin || 1) * 0.1;
  const padY = (yMax - yMin || 1) * 0.1;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

export interface Scene {
  data: Dataset;
  scale: ColorScale;
  /**
   * The model's picture: over 2-D data a grid of scores painted as a heatmap; over 1-D data a grid one row high
   * holding the predicted target at evenly spaced x, drawn as a curve through the points.
   */
  grid?: BoundaryGrid | null;
}

/**
 * Draws the scene. `heatmap` is the grid painted one pixel per cell (see boundaryPixels), which the context
 * stretches over the canvas with smoothing: one drawImage instead of a rectangle per cell, and soft edges like
 * TensorFlow Playground's.
 */
export function drawScene<Image>(
  ctx: SceneContext<Image>,
  width: number,
  height: number,
  scene: Scene,
  heatmap?: Image,
): void {
  const { data, scale, grid } = scene;
  const bounds = grid?.bounds ?? sceneBounds(data);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  if (grid && grid.height > 1 && heatmap !== undefined) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heatmap, 0, 0, width, height);
  }
  const n = numRows(data);
  const stride = Math.max(1, Math.ceil(n / MAX_DRAWN_POINTS));
  const radius = Math.max(2, Math.min(4, width / 110));
  const oneDimensional = numFeatures(data) === 1;
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#ffffff';
  for (let i = 0; i < n; i += stride) {
    const [x, y] = pointAt(data, i);
    const px = ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * width;
    const py = ((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * height;
    ctx.fillStyle = oneDimensional ? '#0877bd' : cssColor(pointColor(data.y[i], scale));
    ctx.beginPath();
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  if (grid && grid.height === 1) drawCurve(ctx, width, height, grid);
}

function drawCurve<Image>(ctx: SceneContext<Image>, width: number, height: number, grid: BoundaryGrid): void {
  const { bounds, values } = grid;
  ctx.strokeStyle = '#f59322';
  ctx.lineWidth = Math.max(2, width / 150);
  ctx.beginPath();
  values.forEach((value, i) => {
    const px = ((i + 0.5) / values.length) * width;
    const py = ((bounds.yMax - value) / (bounds.yMax - bounds.yMin)) * height;
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
}
