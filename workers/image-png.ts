/**
 * Pictures of image runs, painted on an OffscreenCanvas in the worker and encoded as PNG: the prediction grid
 * (each test image with "predicted / true" under it, mistakes framed) and the sprite of confusion-matrix examples.
 * Canvas colours are literals: a worker has no CSS, so the design tokens cannot reach it.
 */
import type { PredictionGrid } from '../src/ml/image-report';

const NO_CANVAS = 'This browser cannot draw on an OffscreenCanvas in a worker, so no picture was saved.';
const SCALE = 2;
const LABEL_HEIGHT = 16;
const PAD = 4;
const COLUMNS = 8;
const WRONG = '#cf222e';
const RIGHT = '#1a7f37';

function paintImage(
  ctx: OffscreenCanvasRenderingContext2D,
  grid: Pick<PredictionGrid, 'shape' | 'images'>,
  index: number,
  x: number,
  y: number,
): void {
  const { width, height, channels } = grid.shape;
  const size = width * height * channels;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgba[p * 4 + c] = grid.images[index * size + p * channels + (channels === 1 ? 0 : c)];
    rgba[p * 4 + 3] = 255;
  }
  const tile = new OffscreenCanvas(width, height);
  tile.getContext('2d')!.putImageData(new ImageData(rgba, width, height), 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, x, y, width * SCALE, height * SCALE);
}

export async function renderPredictionGridPng(grid: PredictionGrid): Promise<Blob> {
  const { width, height, classNames } = grid.shape;
  const count = grid.predicted.length;
  const cellW = width * SCALE + PAD * 2;
  const cellH = height * SCALE + LABEL_HEIGHT + PAD * 2;
  const columns = Math.min(COLUMNS, count);
  const canvas = new OffscreenCanvas(columns * cellW, Math.ceil(count / columns) * cellH);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(NO_CANVAS);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = '11px sans-serif';
  ctx.textAlign = 'center';
  for (let i = 0; i < count; i++) {
    const x = (i % columns) * cellW;
    const y = Math.floor(i / columns) * cellH;
    paintImage(ctx, grid, i, x + PAD, y + PAD);
    const wrong = grid.predicted[i] !== grid.truth[i];
    if (wrong) {
      ctx.strokeStyle = WRONG;
      ctx.lineWidth = 3;
      ctx.strokeRect(x + 2, y + 2, cellW - 4, cellH - 4);
    }
    ctx.fillStyle = wrong ? WRONG : RIGHT;
    const text = wrong
      ? `${classNames[grid.predicted[i]]} ✗ (${classNames[grid.truth[i]]})`
      : `${classNames[grid.predicted[i]]} ✓`;
    ctx.fillText(text, x + cellW / 2, y + PAD + height * SCALE + 12, cellW - 2);
  }
  return canvas.convertToBlob({ type: 'image/png' });
}

/** The example images as one strip, image k at x = k × width: the run page cuts cells out of it. */
export async function renderSpritePng(grid: Pick<PredictionGrid, 'shape' | 'images'>, count: number): Promise<Blob> {
  const { width, height } = grid.shape;
  const canvas = new OffscreenCanvas(Math.max(1, count) * width * SCALE, height * SCALE);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(NO_CANVAS);
  for (let i = 0; i < count; i++) paintImage(ctx, grid, i, i * width * SCALE, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
