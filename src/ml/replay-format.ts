/**
 * The replay artifact: a run's network frames and decision boundaries at chosen epochs, as two plain artifacts
 * that travel in the zip and through an MLflow server like any other file:
 *
 *   replay/network.json   the header (ReplayHeader below): layout, boundary grid size, colour scale, snapshot list
 *   replay/network.bin    little-endian bytes:
 *     points   Float32 × 2n   the training data's raw x, y (n = header.points), drawn under the boundary
 *     labels   Float32 × n    each point's class index or target
 *     then one block per snapshot, in header.snapshots order, each header.snapshotBytes long:
 *       boundary Float32 × width·height   the decision-boundary scores, exactly as the Playground drew them
 *       ranges   Float32 × 2·units        each shown unit's activation min, max
 *       weights  Float32 × W              shown kernels, layer 1.. (see network-frame.ts)
 *       biases   Float32 × B
 *       grids    Uint8 × units·gridSize²  each unit's activation, quantized between its min and max
 *       padding  0–3 zero bytes, so the next block starts on a multiple of 4
 *
 * A run keeps at most REPLAY_BUDGET_BYTES of snapshots (see replay-recorder.ts). DOM-free, no tfjs.
 */
import type { ColorScale } from './boundary-palette';
import {
  frameBytes,
  MAX_SHOWN_UNITS,
  parameterCounts,
  totalShownUnits,
  type NetworkFrame,
  type NetworkLayout,
} from './network-frame';
import type { GridBounds } from './predict-grid';
import type { BoundaryGrid } from './training-messages';

export const REPLAY_HEADER_PATH = 'replay/network.json';
export const REPLAY_DATA_PATH = 'replay/network.bin';
export const REPLAY_FORMAT = 'tabflow.network-replay';
export const REPLAY_VERSION = 1;
/** The snapshots of one run stay under this many bytes (the header and the points come on top). */
export const REPLAY_BUDGET_BYTES = 2 * 1024 * 1024;

export interface ReplayHeader {
  format: typeof REPLAY_FORMAT;
  version: typeof REPLAY_VERSION;
  layout: NetworkLayout;
  boundary: { width: number; height: number; bounds: GridBounds };
  scale: ColorScale;
  /** Data points stored before the snapshots. */
  points: number;
  /** Bytes of each snapshot block, padding included. */
  snapshotBytes: number;
  /** Epochs finished at each snapshot (0 = initial weights), ascending. */
  snapshots: number[];
  /** Epochs the run finished in all (the last snapshot's epoch unless training stopped between snapshots). */
  epochs: number;
  budgetBytes: number;
}

/** A snapshot: the network and its decision boundary after `frame.epoch` epochs. */
export interface ReplaySnapshot {
  frame: NetworkFrame;
  boundary: Float32Array;
}

export interface ReplayData {
  header: ReplayHeader;
  /** Raw x, y of every stored point, row-major. */
  x: Float32Array;
  y: Float32Array;
  snapshot(index: number): ReplaySnapshot;
}

/** Thrown for a replay file that cannot be read; the message says what is wrong and what to do. */
export class ReplayFormatError extends Error {
  constructor(problem: string) {
    super(
      `This run's replay (${REPLAY_DATA_PATH}) cannot be read: ${problem}. Train the run again to record a new replay.`,
    );
    this.name = 'ReplayFormatError';
  }
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

export function snapshotBlockBytes(layout: NetworkLayout, boundaryCells: number): number {
  return align4(boundaryCells * 4 + frameBytes(layout));
}

/** The two artifacts for a run: the header as JSON text, the bytes as one buffer. */
export function encodeReplay(
  meta: Omit<ReplayHeader, 'format' | 'version' | 'snapshots' | 'snapshotBytes' | 'points'>,
  points: { x: Float32Array; y: Float32Array },
  snapshots: readonly ReplaySnapshot[],
): { header: string; bytes: Uint8Array } {
  const cells = meta.boundary.width * meta.boundary.height;
  const block = snapshotBlockBytes(meta.layout, cells);
  const n = points.y.length;
  const bytes = new Uint8Array(n * 12 + snapshots.length * block);
  const floats = (offset: number, values: Float32Array) =>
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
  floats(0, points.x);
  floats(n * 8, points.y);
  snapshots.forEach((s, i) => {
    if (s.boundary.length !== cells)
      throw new Error(`Snapshot ${i} has ${s.boundary.length} boundary cells, expected ${cells}.`);
    let at = n * 12 + i * block;
    for (const part of [s.boundary, s.frame.ranges, s.frame.weights, s.frame.biases]) {
      floats(at, part);
      at += part.byteLength;
    }
    bytes.set(s.frame.grids, at);
  });
  const header: ReplayHeader = {
    format: REPLAY_FORMAT,
    version: REPLAY_VERSION,
    ...meta,
    points: n,
    snapshotBytes: block,
    snapshots: snapshots.map((s) => s.frame.epoch),
  };
  return { header: JSON.stringify(header), bytes };
}

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Checks a header that came from someone else's zip before any byte is read with it. */
function checkHeader(value: unknown): ReplayHeader {
  const h = value as ReplayHeader;
  if (typeof h !== 'object' || h === null || h.format !== REPLAY_FORMAT)
    throw new ReplayFormatError(`${REPLAY_HEADER_PATH} is not a tabflow replay header`);
  if (h.version !== REPLAY_VERSION)
    throw new ReplayFormatError(
      `it is format version ${String(h.version)}, this tabflow reads version ${REPLAY_VERSION}; update tabflow`,
    );
  const { layout, boundary } = h;
  const layersOk =
    Array.isArray(layout?.layers) &&
    layout.layers.length >= 2 &&
    layout.layers.every(
      (l) =>
        isWhole(l.units, 1, 1 << 20) &&
        isWhole(l.shown, 1, MAX_SHOWN_UNITS) &&
        l.shown <= l.units &&
        Array.isArray(l.unitNames) &&
        l.unitNames.every((name) => typeof name === 'string'),
    );
  if (!layersOk || !isWhole(layout.gridSize, 1, 256))
    throw new ReplayFormatError('its layer list or grid size is invalid');
  if (!isWhole(boundary?.width, 1, 1024) || !isWhole(boundary?.height, 1, 1024))
    throw new ReplayFormatError('its boundary size is invalid');
  if (
    !isWhole(h.points, 0, 10_000_000) ||
    !Array.isArray(h.snapshots) ||
    !h.snapshots.every((e) => isWhole(e, 0, 1e9))
  ) {
    throw new ReplayFormatError('its point count or snapshot list is invalid');
  }
  if (h.snapshotBytes !== snapshotBlockBytes(layout, boundary.width * boundary.height))
    throw new ReplayFormatError('its snapshot size does not match its layout');
  return h;
}

/** Reads the artifacts back; throws ReplayFormatError, naming the problem, for anything that does not add up. */
export function decodeReplay(headerText: string, bytes: Uint8Array): ReplayData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(headerText);
  } catch {
    throw new ReplayFormatError(`${REPLAY_HEADER_PATH} is not JSON`);
  }
  const header = checkHeader(parsed);
  const { layout, points: n, snapshotBytes: block } = header;
  const expected = n * 12 + header.snapshots.length * block;
  if (bytes.length !== expected)
    throw new ReplayFormatError(`it holds ${bytes.length} bytes where its header describes ${expected}`);
  // Copies, so every Float32Array starts aligned whatever the offset of `bytes` in its buffer.
  const floats = (offset: number, count: number) => new Float32Array(bytes.slice(offset, offset + count * 4).buffer);
  const units = totalShownUnits(layout);
  const { weights, biases } = parameterCounts(layout);
  const cells = header.boundary.width * header.boundary.height;
  const gridCells = layout.gridSize * layout.gridSize;
  return {
    header,
    x: floats(0, 2 * n),
    y: floats(n * 8, n),
    snapshot(index: number): ReplaySnapshot {
      if (!isWhole(index, 0, header.snapshots.length - 1))
        throw new RangeError(`There is no replay snapshot ${index}.`);
      let at = n * 12 + index * block;
      const take = (count: number) => {
        const part = floats(at, count);
        at += count * 4;
        return part;
      };
      const boundary = take(cells);
      const ranges = take(units * 2);
      const w = take(weights);
      const b = take(biases);
      const grids = bytes.slice(at, at + units * gridCells);
      return { boundary, frame: { epoch: header.snapshots[index], grids, ranges, weights: w, biases: b } };
    },
  };
}

/** A snapshot's boundary as the grid the boundary view draws. */
export function replayBoundary(header: ReplayHeader, snapshot: ReplaySnapshot): BoundaryGrid {
  return { ...header.boundary, values: snapshot.boundary };
}
