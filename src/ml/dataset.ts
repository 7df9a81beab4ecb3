/**
 * The in-memory table every part of src/ml works on. Columns are packed in flat typed arrays rather than objects
 * per row, so a dataset moves to tfjs (tensor2d) and across postMessage without per-row copies.
 */

export type Task = 'classification' | 'regression';

export interface Dataset {
  /** Shown in the UI and logged as the MLflow dataset input's name. */
  name: string;
  task: Task;
  /** One name per column of `x`. */
  featureNames: string[];
  /** The name of the column `y` came from ("label" for generated classification, "target" for regression). */
  targetName: string;
  /** The features, row-major: row i is x[i*d .. i*d+d) with d = featureNames.length. */
  x: Float32Array;
  /** Per row: a class index 0..numClasses-1 (classification) or the target value (regression). */
  y: Float32Array;
  /** Number of classes; 0 for regression. */
  numClasses: number;
  /** The original target value behind each class index (CSV targets such as 1, 2, 3); [] for regression. */
  classLabels: number[];
  /** The name of each class when a CSV's target held text (e.g. "setosa"); classLabels are then 0..k-1. */
  classNames?: string[];
  /** Set for images: each row is one picture, its pixels row-major then channel (see image-dataset.ts). */
  image?: ImageShape;
}

export interface ImageShape {
  width: number;
  height: number;
  /** 1 for grayscale, 3 for colour. */
  channels: number;
  /** A name per class index (digits "0"–"9", an image folder's subfolder names). */
  classNames: string[];
}

export function numRows(ds: Dataset): number {
  return ds.y.length;
}

export function numFeatures(ds: Dataset): number {
  return ds.featureNames.length;
}

/** A dataset holding the given rows of `ds`, in the given order. */
export function selectRows(ds: Dataset, rows: ArrayLike<number>): Dataset {
  const d = numFeatures(ds);
  const x = new Float32Array(rows.length * d);
  const y = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    x.set(ds.x.subarray(r * d, r * d + d), i * d);
    y[i] = ds.y[r];
  }
  return { ...ds, featureNames: [...ds.featureNames], classLabels: [...ds.classLabels], x, y };
}

/** The values of one feature column. */
export function column(ds: Dataset, index: number): Float32Array {
  const d = numFeatures(ds);
  const n = numRows(ds);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = ds.x[i * d + index];
  return out;
}
