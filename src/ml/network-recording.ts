/**
 * A training's network view and replay in one place, for the training routine (workers/train-run.ts): it takes
 * a frame when the live view or the replay needs one, keeps the replay's snapshots within the byte budget, and
 * writes them as the run's replay artifacts. DOM-free and handed `tf`, so Node tests run it on the cpu backend.
 */
import type { ColorScale } from './boundary-palette';
import { numRows, selectRows, type Dataset } from './dataset';
import type { NetworkFrame, NetworkLayout } from './network-frame';
import { networkFrame, networkProbe, type NetworkProbe } from './network-grids';
import {
  encodeReplay,
  REPLAY_BUDGET_BYTES,
  REPLAY_DATA_PATH,
  REPLAY_HEADER_PATH,
  snapshotBlockBytes,
} from './replay-format';
import { ReplayRecorder } from './replay-recorder';
import type { LayersModel, Tf } from './tf-types';
import type { BoundaryGrid } from './training-messages';

/** Points stored for drawing under the replayed boundary (12 bytes each); larger tables are thinned evenly. */
const MAX_REPLAY_POINTS = 20_000;

/** Where the artifacts are written: the run's `logArtifact`. */
export type ArtifactWriter = (path: string, data: string | Uint8Array) => Promise<void>;

function replayPoints(data: Dataset): { x: Float32Array; y: Float32Array } {
  const n = numRows(data);
  if (n <= MAX_REPLAY_POINTS) return { x: data.x, y: data.y };
  const rows = Array.from({ length: MAX_REPLAY_POINTS }, (_, i) => Math.floor((i * n) / MAX_REPLAY_POINTS));
  const thinned = selectRows(data, rows);
  return { x: thinned.x, y: thinned.y };
}

export class NetworkRecording {
  private recorder: ReplayRecorder | null = null;
  private boundaryShape: Omit<BoundaryGrid, 'values'> | null = null;
  private epochs = 0;

  private constructor(
    private readonly tf: Tf,
    private readonly model: LayersModel,
    private readonly probe: NetworkProbe,
    private readonly data: Dataset,
    private readonly scale: ColorScale,
  ) {}

  /** A recording for `model` over `data` (raw, unsplit), or null when the data has no 2-D input plane. */
  static create(
    tf: Tf,
    model: LayersModel,
    data: Dataset,
    inputFeatures: readonly string[],
    scale: ColorScale,
  ): NetworkRecording | null {
    const probe = networkProbe(model, data, inputFeatures);
    return probe ? new NetworkRecording(tf, model, probe, data, scale) : null;
  }

  get layout(): NetworkLayout {
    return this.probe.layout;
  }

  /** Whether the replay keeps a snapshot after `epochsDone` epochs (0 = the initial weights). */
  wants(epochsDone: number): boolean {
    return this.recorder?.wants(epochsDone) ?? true;
  }

  /**
   * The network now, after `epochsDone` epochs, offered to the replay with the decision boundary drawn at the
   * same moment (every boundary of one run must have the same size) unless `record` is false (a frame in the
   * middle of an epoch, after a batch step, is shown live but is no epoch of the replay).
   */
  async capture(epochsDone: number, boundary: BoundaryGrid, record = true): Promise<NetworkFrame> {
    const frame = await networkFrame(this.tf, this.model, this.probe, epochsDone);
    if (!record) return frame;
    if (!this.recorder) {
      this.boundaryShape = { width: boundary.width, height: boundary.height, bounds: boundary.bounds };
      this.recorder = new ReplayRecorder(snapshotBlockBytes(this.layout, boundary.values.length));
    }
    this.recorder.offer({ frame, boundary: boundary.values });
    this.epochs = Math.max(this.epochs, epochsDone);
    return frame;
  }

  /** Writes replay/network.json and replay/network.bin; nothing when no snapshot was taken. */
  async save(write: ArtifactWriter): Promise<void> {
    const snapshots = this.recorder?.snapshots() ?? [];
    if (snapshots.length === 0 || !this.boundaryShape) return;
    const { header, bytes } = encodeReplay(
      {
        layout: this.layout,
        boundary: this.boundaryShape,
        scale: this.scale,
        epochs: this.epochs,
        budgetBytes: REPLAY_BUDGET_BYTES,
      },
      replayPoints(this.data),
      snapshots,
    );
    await write(REPLAY_DATA_PATH, bytes);
    await write(REPLAY_HEADER_PATH, header);
  }
}
