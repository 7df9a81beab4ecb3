/**
 * Pictures as a Dataset: one row per image, its pixels (0–1 floats) as the feature columns, so every part of
 * src/ml that works on tables (split, tensors, evaluation) works on images too; `image` keeps the shape a CNN
 * reshapes the row back into. DOM-free.
 */
import type { Dataset, ImageShape } from './dataset';
import type { DatasetSummary } from './dataset-input';
import { datasetDigest } from './digest';
import { deriveSeed, mulberry32, permutation } from './random';

/** Raw pictures before they become a table: uint8 pixels, image after image, row-major then channel. */
export interface ImageSet {
  name: string;
  shape: ImageShape;
  pixels: Uint8Array;
  /** Class index of each image. */
  labels: Uint8Array;
}

/** Keeps the subset's random stream apart from the split's when both get the same seed. */
const SUBSET_STREAM = 7;

export function pixelsPerImage(shape: Pick<ImageShape, 'width' | 'height' | 'channels'>): number {
  return shape.width * shape.height * shape.channels;
}

export function imageCount(set: ImageSet): number {
  return set.labels.length;
}

/**
 * The set as a classification table. `subset` (0 or ≥ the image count means all) picks that many images at
 * random, seeded, so a classroom run on 2,000 digits is as reproducible as one on all of them.
 */
export function imageSetToDataset(set: ImageSet, subset = 0, seed = 1): Dataset {
  const size = pixelsPerImage(set.shape);
  const total = imageCount(set);
  const rows =
    subset > 0 && subset < total
      ? permutation(total, mulberry32(deriveSeed(seed, SUBSET_STREAM))).subarray(0, subset)
      : null;
  const n = rows ? rows.length : total;
  const x = new Float32Array(n * size);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const source = rows ? rows[i] : i;
    const from = source * size;
    for (let p = 0; p < size; p++) x[i * size + p] = set.pixels[from + p] / 255;
    y[i] = set.labels[source];
  }
  const numClasses = set.shape.classNames.length;
  return {
    name: set.name,
    task: 'classification',
    featureNames: Array.from({ length: size }, (_, p) => `pixel_${p}`),
    targetName: 'label',
    x,
    y,
    numClasses,
    classLabels: Array.from({ length: numClasses }, (_, c) => c),
    image: { ...set.shape, classNames: [...set.shape.classNames] },
  };
}

/** One image of a table back as uint8 pixels (for pictures of predictions). */
export function imageBytes(ds: Dataset, row: number): Uint8Array {
  const size = ds.featureNames.length;
  return Uint8Array.from(ds.x.subarray(row * size, row * size + size), (v) => Math.round(v * 255));
}

/**
 * MLflow's dataset input for images: a tensor schema (MLflow's `mlflow_tensorspec`, features as one
 * [-1, height, width, channels] float32 tensor and the label as int64), as MLflow logs a NumPy image dataset.
 */
export function describeImageDataset(ds: Dataset): DatasetSummary {
  const shape = ds.image;
  if (!shape) throw new Error(`"${ds.name}" is not an image dataset.`);
  const n = ds.y.length;
  const tensor = (dtype: string, dims: number[]) =>
    JSON.stringify([{ type: 'tensor', 'tensor-spec': { dtype, shape: dims } }]);
  return {
    name: ds.name,
    digest: datasetDigest(ds),
    numRows: n,
    featureNames: ['image'],
    targetName: ds.targetName,
    schema: JSON.stringify({
      mlflow_tensorspec: {
        features: tensor('float32', [-1, shape.height, shape.width, shape.channels]),
        targets: tensor('int64', [-1]),
      },
    }),
    profile: JSON.stringify({
      num_rows: n,
      num_elements: n * (pixelsPerImage(shape) + 1),
      class_names: shape.classNames,
    }),
  };
}

/** A table's columns and classes without its rows: what the page checks and shows before the worker reads the pictures. */
export function imageTableShape(name: string, shape: ImageShape): Dataset {
  return imageSetToDataset({ name, shape, pixels: new Uint8Array(0), labels: new Uint8Array(0) });
}
