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

/**
 * The replay's share of training time, kept by every training that draws on the same thread: one for a training
 * alone, one for all the members of a batched sweep's gang. Training time is the clock less every sharer's
 * capture time, so a member does not count the others' snapshots as its own training; and a member spaces its
 * snapshots `sharers` times wider, so all of them together stay within ~1/REPLAY_COST_RATIO of that time.
 */
export class ReplayBudget {
  private captureMs = 0;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    readonly sharers = 1,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The time spent on anything but snapshots since this budget began (on the clock's scale). */
  trainingTime(): number {
    return this.now() - this.captureMs;
  }

  /**
   * Runs a capture and counts what it took. Sharers' captures run one after another, not interleaved at their
   * awaits, so each one's time is its own.
   */
  timed<T>(capture: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const run = this.previous.then(async () => {
      const started = this.now();
      const value = await capture();
      const ms = this.now() - started;
      this.captureMs += ms;
      return { value, ms };
    });
    this.previous = run.catch(() => {});
    return run;
  }
}

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
  /** When the last snapshot ended, in the budget's training time. */
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
    private readonly budget = new ReplayBudget(),
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
    // REPLAY_COST_RATIO times what the budget's sharers' snapshots cost: together they then take at most ~2.5% of
    // the training time.
    const spacing = REPLAY_COST_RATIO * this.budget.sharers * this.captureMs;
    const replayDue =
      this.recording !== null &&
      (last || (this.recording.wants(epoch + 1) && this.budget.trainingTime() - this.lastCapture >= spacing));
    if (live || replayDue) await this.capture(epoch + 1, live);
  }

  /** Shows the network after a batch step, without adding it to the replay. */
  showBatch(epochsDone: number): Promise<void> {
    return this.capture(epochsDone, this.live, false);
  }

  private async capture(epochsDone: number, live: boolean, record = true): Promise<void> {
    const { value, ms } = await this.budget.timed(async () => {
      const grid = await this.picture(this.tf, this.model, this.data, this.inputFeatures, LIVE_GRID_SIZE);
      return { grid, frame: await this.recording?.capture(epochsDone, grid, record) };
    });
    const { grid, frame } = value;
    this.captureMs = ms;
    this.lastCapture = this.budget.trainingTime();
    if (!live || !this.onProgress) return;
    this.lastBoundary = performance.now();
    this.onProgress({ type: 'boundary', epoch: epochsDone - 1, grid });
    if (frame) this.onProgress({ type: 'network', layout: this.recording!.layout, frame });
  }
}
