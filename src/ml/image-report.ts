/**
 * What an image run records beyond loss and accuracy: per-class accuracy, the confusion matrix with example
 * images in each cell, and the data of a prediction grid (test images with predicted and true labels). All
 * plain arrays, DOM-free; the worker paints the grids (workers/image-png.ts).
 */
import type { Dataset, ImageShape } from './dataset';
import { argmaxRows } from './evaluate';
import { imageBytes } from './image-dataset';

type Numbers = ArrayLike<number>;

/**
 * Per true class, the share of its rows predicted right (the recall of that class); NaN for a class the data
 * does not hold, so a caller can leave it out rather than report 0.
 */
export function perClassAccuracy(yTrue: Numbers, yPred: Numbers, numClasses: number): number[] {
  const hits = new Array<number>(numClasses).fill(0);
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < yTrue.length; i++) {
    counts[yTrue[i]]++;
    if (yPred[i] === yTrue[i]) hits[yTrue[i]]++;
  }
  return counts.map((count, c) => (count === 0 ? NaN : hits[c] / count));
}

/** MLflow metric names allow letters, digits, _ - . / and spaces; anything else in a class name becomes _. */
export function classMetricName(className: string): string {
  return `class_accuracy/${className.replace(/[^\w\-. ]/g, '_')}`;
}

/** examples[t][p]: the first `perCell` row indices of true class t predicted as p. */
export function confusionExamples(yTrue: Numbers, yPred: Numbers, numClasses: number, perCell: number): number[][][] {
  const examples = Array.from({ length: numClasses }, () => Array.from({ length: numClasses }, () => [] as number[]));
  for (let i = 0; i < yTrue.length; i++) {
    const cell = examples[yTrue[i]][yPred[i]];
    if (cell.length < perCell) cell.push(i);
  }
  return examples;
}

/** The epochs that get a prediction grid: at most `max`, evenly spread, always the first and the last. */
export function gridEpochs(epochs: number, max: number): number[] {
  if (epochs <= max) return Array.from({ length: epochs }, (_, i) => i);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round((i * (epochs - 1)) / (max - 1))))];
}

export function gridArtifactPath(epoch: number): string {
  return `predictions/epoch_${String(epoch).padStart(4, '0')}.png`;
}

/** The epoch of a prediction-grid artifact path, or null for any other path. */
export function gridArtifactEpoch(path: string): number | null {
  const match = /^predictions\/epoch_(\d+)\.png$/.exec(path);
  return match ? Number(match[1]) : null;
}

/** What a prediction grid shows: images (uint8, row after row) with their predicted and true class. */
export interface PredictionGrid {
  shape: ImageShape;
  images: Uint8Array;
  predicted: Int32Array;
  truth: Int32Array;
}

/** The grid of rows `rows` of `ds` (the same rows every epoch, so grids compare), from the model's n × k output. */
export function predictionGrid(ds: Dataset, probabilities: Numbers, rows: readonly number[]): PredictionGrid {
  const shape = ds.image;
  if (!shape) throw new Error(`"${ds.name}" is not an image dataset.`);
  const size = ds.featureNames.length;
  const predictedAll = argmaxRows(probabilities, ds.numClasses);
  const images = new Uint8Array(rows.length * size);
  rows.forEach((row, i) => images.set(imageBytes(ds, row), i * size));
  return {
    shape,
    images,
    predicted: Int32Array.from(rows, (row) => predictedAll[row]),
    truth: Int32Array.from(rows, (row) => ds.y[row]),
  };
}
