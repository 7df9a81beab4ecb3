/**
 * What the page and the prediction worker say to each other. Types only, so the page can import them without
 * pulling tfjs into its bundle; every field is structured-clone friendly.
 */
import type { Task } from './dataset';
import type { ImageFolderFiles } from './image-folder';
import type { DatasetChoice } from './model-dataset';
import type { ModelSignature } from './model-signature';
import type { GridBounds } from './predict-grid';

export type { DatasetChoice } from './model-dataset';
export type { ModelSignature } from './model-signature';

/**
 * Pictures to evaluate an image model on: the test split of the Digits recipe the model was trained with (the
 * same seeded split, rebuilt from its run's params), or an uploaded folder with one subfolder per class.
 */
export type ImageEvaluationChoice =
  | {
      kind: 'digits-test';
      /** The shipped digits file's address (the worker fetches it, offline from the cache). */ url: string;
    }
  | { kind: 'image-folder'; folder: ImageFolderFiles };

export type EvaluationChoice = DatasetChoice | ImageEvaluationChoice;

/** A loaded model and where it came from. */
export interface ModelDescription {
  uri: string;
  runId: string;
  artifactPath: string;
  /** Set when loaded through the registry (models:/...). */
  name?: string;
  version?: number;
  signature: ModelSignature;
  /** The pictures the model was trained on, which decide what it can be evaluated on; null for a table model. */
  imageData: 'digits' | 'folder' | null;
}

export interface PointPrediction {
  /** The raw feature values the prediction is for. */
  features: number[];
  /** The predicted class's label, or the predicted value. */
  label: string;
  /** The predicted class's probability; null for regression. */
  probability: number | null;
  /** Every class probability, or the one predicted value. */
  outputs: number[];
}

/** The decision boundary of a model over a generated dataset, with the data to draw on top. */
export interface BoundaryResult {
  bounds: GridBounds;
  width: number;
  height: number;
  /** One score per cell in image order (see predict-grid.ts): P(class 1), a class index, or a value. */
  scores: Float32Array;
  /** The dataset's points, row-major x, y, and their targets (class index or value). */
  points: Float32Array;
  targets: Float32Array;
  task: Task;
  numClasses: number;
  datasetLabel: string;
}

export interface CsvPredictions {
  /** The file's own columns followed by `prediction` (and `probability` for classifiers). */
  columns: string[];
  /** Each data row: the file's fields, then the prediction columns. */
  rows: string[][];
  /** The same table as CSV text, for download. */
  csv: string;
}

export interface EvaluationResult {
  runId: string;
  runName: string;
  experimentId: string;
  metrics: Record<string, number>;
}

/** The prediction worker's API (workers/predict.worker.ts), as the page's bridge offers it. */
export interface PredictApi {
  describeModel(uri: string): Promise<ModelDescription>;
  predictPoints(uri: string, points: number[][]): Promise<PointPrediction[]>;
  decisionBoundary(uri: string, dataset: DatasetChoice, size: number): Promise<BoundaryResult>;
  predictCsv(uri: string, text: string): Promise<CsvPredictions>;
  evaluate(uri: string, dataset: EvaluationChoice): Promise<EvaluationResult>;
}

type WithSignal<F> = F extends (...args: infer A) => infer R
  ? (signal: AbortSignal | undefined, ...args: A) => R
  : never;

/**
 * The service pages receive: each call takes an AbortSignal first (squoosh's worker-bridge shape); aborting
 * terminates the worker, so a long evaluation stops at once, and the next call starts a fresh one.
 */
export type PredictService = { [K in keyof PredictApi]: WithSignal<PredictApi[K]> };
