/** The logged decision-boundary picture: painted on an OffscreenCanvas in the worker and encoded as PNG. */
import { boundaryPixels } from '../src/ml/boundary-palette';
import { drawScene } from '../src/ml/boundary-scene';
import type { BoundaryPicture } from './train-run';

const NO_CANVAS = 'This browser cannot draw on an OffscreenCanvas in a worker, so no picture was saved.';

export async function renderBoundaryPng(picture: BoundaryPicture): Promise<Blob> {
  const { grid, scale } = picture;
  const heatmap = new OffscreenCanvas(grid.width, grid.height);
  const heatmapCtx = heatmap.getContext('2d');
  // Square, twice the grid's width: a heatmap cell becomes 2×2 pixels, a 1-D curve gets the same frame.
  const canvas = new OffscreenCanvas(grid.width * 2, grid.width * 2);
  const ctx = canvas.getContext('2d');
  if (!ctx || !heatmapCtx) throw new Error(NO_CANVAS);
  heatmapCtx.putImageData(new ImageData(boundaryPixels(grid.values, scale), grid.width, grid.height), 0, 0);
  drawScene<OffscreenCanvas>(ctx, canvas.width, canvas.height, picture, heatmap);
  return canvas.convertToBlob({ type: 'image/png' });
}
