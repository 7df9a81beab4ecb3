/**
 * What the page, the bridge and the training worker say to each other. Types only (no code), so the page can
 * import them without pulling tfjs into its bundle; every field is structured-clone friendly.
 */
import type { Dataset } from './dataset';
import type { DatasetConfig } from './dataset-config';
import type { DigitsConfig } from './digits';
import type { ImageFolderFiles, ImageSizeKey } from './image-folder';
import type { NetworkFrame, NetworkLayout } from './network-frame';
import type { GridBounds } from './predict-grid';
import type { StepSize } from './stepped-training';
import type { ModelConfig } from './model-config';
import type { EpochMetrics } from './train';

/** Where a run's data comes from: a seeded generator recipe, the shipped digits, or a table uploaded as CSV. */
export type DatasetSource =
  | { kind: 'generated'; config: DatasetConfig }
  /** `url` is the shipped digits file as the page resolves it (the worker's own URL is in assets/). */
  | ({ kind: 'digits'; url: string } & DigitsConfig)
  /** A folder of pictures, one subfolder per class; the worker decodes them at `size` (image-decode.ts). */
  | ({ kind: 'images'; size: ImageSizeKey; testFraction: number; seed: number } & ImageFolderFiles)
  | {
      kind: 'csv';
      /** The parsed table (already checked in the page, where the person can fix the file). */
      dataset: Dataset;
      fileName: string;
      testFraction: number;
      /** Seeds the train/test split. */
      seed: number;
    };

export interface TrainRequest {
  source: DatasetSource;
  model: ModelConfig;
  /** Defaults to the Default experiment. */
  experimentId?: string;
  runName?: string;
  /** Makes the run a child run (tag `mlflow.parentRunId`), as a sweep's trials are. */
  parentRunId?: string;
  /** Extra tags set when the run starts (e.g. a sweep's trial index). */
  tags?: Record<string, string>;
  /** False skips the live decision-boundary grids (a sweep shows no picture per trial and saves the work). */
  liveBoundary?: boolean;
  /**
   * Train step by step (the Playground's Step button): `first` at once, then each step the page asks for on the
   * step channel under `token` (see step-channel.ts), until it says 'end' or Stop; `model.epochs` is not used.
   */
  stepped?: { token: string; first: StepSize };
}

/**
 * A decision-boundary grid: one score per cell, in image order (see predict-grid.ts). Over 1-D data it is one row
 * high: the predicted target at evenly spaced x, drawn as a curve (see boundary-scene.ts).
 */
export interface BoundaryGrid {
  width: number;
  height: number;
  bounds: GridBounds;
  values: Float32Array;
}

/** Progress for the live view only; the run's record of truth is what the worker writes to IndexedDB. */
export type TrainProgress =
  | { type: 'started'; runId: string; backend: string; epochs: number }
  | { type: 'epoch'; epoch: number; metrics: EpochMetrics }
  | { type: 'boundary'; epoch: number; grid: BoundaryGrid }
  /** Every unit's heatmap and the weights (see network-frame.ts), sent with each live boundary over 2-D data. */
  | { type: 'network'; layout: NetworkLayout; frame: NetworkFrame };

export interface TrainOutcome {
  runId: string;
  status: 'FINISHED' | 'KILLED' | 'FAILED';
  /** The reason, in words, when the status is FAILED. */
  error?: string;
}
