/**
 * What a tracked training shows of its model over the input plane: the live decision boundary (or a 1-D curve),
 * the network view's frames, and the replay snapshots, with the cadence rules that keep them cheap. DOM-free.
 */
import { type ColorScale, targetRange } from '../src/ml/boundary-palette';
import { sceneBounds } from '../src/ml/boundary-scene';
import { numFeatures, type Dataset } from '../src/ml/dataset';
import { expandMatrix } from '../src/ml/features';
import { NetworkRecording } from '../src/ml/network-recording';
import { modelScorer, predictMatrix } from '../src/ml/predict';
import { dataBounds, predictGrid } from '../src/ml/predict-grid';
import type { Tf, LayersModel } from '../src/ml/tf-types';
import type { BoundaryGrid, TrainProgress } from '../src/ml/training-messages';

const LIVE_GRID_SIZE = 48;
/** Training time between two replay snapshots, in multiples of what a snapshot costs (see replay-recorder.ts). */
const REPLAY_COST_RATIO = 40;

export type PictureMaker = (
  tf: Tf,
  model: LayersModel,
  data: Dataset,
  inputFeatures: string[],
  size: number,
) => Promise<BoundaryGrid>;

export function colorScale(ds: Dataset): ColorScale {
  return { task: ds.task, numClasses: ds.numClasses, range: ds.task === 'regression' ? targetRange(ds.y) : undefined };
}

async function boundaryGrid(
  tf: Tf,
  model: LayersModel,
  data: Dataset,
  inputFeatures: string[],
  size: number,
): Promise<BoundaryGrid> {
  const bounds = dataBounds(data);
  const scorer = modelScorer(tf, model, data.featureNames, inputFeatures, data.task, data.numClasses);
  return { width: size, height: size, bounds, values: await predictGrid(bounds, size, size, scorer) };
}

/** For 1-D regression (sine): the prediction at `size` evenly spaced x, a grid one row high drawn as a curve. */
async function curveGrid(
  tf: Tf,
  model: LayersModel,
  data: Dataset,
  inputFeatures: string[],
  size: number,
): Promise<BoundaryGrid> {
  const bounds = sceneBounds(data);
  const xs = Float32Array.from(
    { length: size },
    (_, i) => bounds.xMin + ((i + 0.5) / size) * (bounds.xMax - bounds.xMin),
  );
  const d = inputFeatures.length === 0 ? 1 : inputFeatures.length;
  const values = await predictMatrix(tf, model, expandMatrix(xs, data.featureNames, inputFeatures), d);
  return { width: size, height: 1, bounds, values };
}

/** The model's picture over the data, or null when the data has no 2-D view (a table of 3+ columns). */
export function pictureMaker(data: Dataset): PictureMaker | null {
  if (numFeatures(data) === 2) return boundaryGrid;
  if (numFeatures(data) === 1 && data.task === 'regression') return curveGrid;
  return null;
}

/**
 * The boundary and network of one training over 2-D (or 1-D) data: captures them after an epoch, sends the live ones
 * to the page at most every `boundaryEveryMs`, and keeps replay snapshots while they cost little.
 */
export class TrainingPictures {
  readonly recording: NetworkRecording | null;
  private lastBoundary = -Infinity;
  private lastCapture = -Infinity;
  private captureMs = 0;

  constructor(
    private readonly tf: Tf,
    private readonly model: LayersModel,
    private readonly data: Dataset,
    private readonly inputFeatures: string[],
    private readonly picture: PictureMaker,
    private readonly live: boolean,
    private readonly onProgress: ((progress: TrainProgress) => void) | undefined,
    private readonly boundaryEveryMs: number,
  ) {
    this.recording = NetworkRecording.create(tf, model, data, inputFeatures, colorScale(data));
  }

  /** The initial weights, the replay's epoch 0 (when the network is recorded). */
  async start(): Promise<void> {
    if (this.recording) await this.capture(0, this.live);
  }

  /** After epoch `epoch` (0-based): a live picture when due, a replay snapshot when cheap enough, both when `last`. */
  async afterEpoch(epoch: number, last: boolean): Promise<void> {
    const now = performance.now();
    const live =
      this.live && this.onProgress !== undefined && (last || now - this.lastBoundary >= this.boundaryEveryMs);
    // A replay snapshot of its own (beyond the live ones, which the replay keeps too) only once training has run
    // REPLAY_COST_RATIO times its cost: snapshots then take at most ~2.5% of the training time.
    const replayDue =
      this.recording !== null &&
      (last || (this.recording.wants(epoch + 1) && now - this.lastCapture >= REPLAY_COST_RATIO * this.captureMs));
    if (live || replayDue) await this.capture(epoch + 1, live);
  }

  /** Shows the network after a batch step, without adding it to the replay. */
  showBatch(epochsDone: number): Promise<void> {
    return this.capture(epochsDone, this.live, false);
  }

  private async capture(epochsDone: number, live: boolean, record = true): Promise<void> {
    const started = performance.now();
    const grid = await this.picture(this.tf, this.model, this.data, this.inputFeatures, LIVE_GRID_SIZE);
    const frame = await this.recording?.capture(epochsDone, grid, record);
    this.lastCapture = performance.now();
    this.captureMs = this.lastCapture - started;
    if (!live || !this.onProgress) return;
    this.lastBoundary = performance.now();
    this.onProgress({ type: 'boundary', epoch: epochsDone - 1, grid });
    if (frame) this.onProgress({ type: 'network', layout: this.recording!.layout, frame });
  }
}
