/** The logged decision-boundary picture: painted on an OffscreenCanvas in the worker and encoded as PNG. */
import { drawScene } from '../src/ml/boundary-scene';
import type { BoundaryPicture } from './train-run';

export async function renderBoundaryPng(picture: BoundaryPicture): Promise<Blob> {
  const { width, height } = picture.grid;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on an OffscreenCanvas in a worker, so no picture was saved.');
  drawScene(ctx, width, height, picture);
  return canvas.convertToBlob({ type: 'image/png' });
}
