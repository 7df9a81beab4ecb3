import { Dexie } from 'dexie';
import type { MetricChunkRow, TrackingDb } from './db';
import type { MetricHistory } from './types';

/** Points per stored chunk: large enough for ~2M points/s writes, small enough that appending stays cheap. */
export const CHUNK_SIZE = 1000;

export interface PointBatch {
  steps: number[];
  values: number[];
  timestamps: number[];
}

function chunkRange(runId: string, key: string): [unknown[], unknown[]] {
  return [
    [runId, key, Dexie.minKey],
    [runId, key, Dexie.maxKey],
  ];
}

function concat(a: Float64Array, b: ArrayLike<number>, from: number, to: number): Float64Array {
  const out = new Float64Array(a.length + (to - from));
  out.set(a);
  for (let i = from; i < to; i++) out[a.length + i - from] = b[i];
  return out;
}

function slice(src: ArrayLike<number>, from: number, to: number): Float64Array {
  const out = new Float64Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = src[i];
  return out;
}

/**
 * Appends points to a metric's history. Must run inside a read-write transaction on `metricChunks`.
 * The last chunk is topped up before new ones are added, so a run that logs one point per epoch still ends up
 * with full 1,000-point chunks instead of thousands of one-point rows.
 */
export async function appendPoints(db: TrackingDb, runId: string, key: string, batch: PointBatch): Promise<void> {
  const [lo, hi] = chunkRange(runId, key);
  const last = await db.metricChunks.where('[runId+key+seq]').between(lo, hi, true, true).last();
  let offset = 0;
  const n = batch.values.length;
  const rows: MetricChunkRow[] = [];
  let seq = 0;
  if (last) {
    seq = last.seq + 1;
    const room = CHUNK_SIZE - last.values.length;
    if (room > 0) {
      const take = Math.min(room, n);
      rows.push({
        ...last,
        steps: concat(last.steps, batch.steps, 0, take),
        values: concat(last.values, batch.values, 0, take),
        timestamps: concat(last.timestamps, batch.timestamps, 0, take),
      });
      offset = take;
    }
  }
  for (; offset < n; offset += CHUNK_SIZE, seq++) {
    const end = Math.min(n, offset + CHUNK_SIZE);
    rows.push({
      runId,
      key,
      seq,
      steps: slice(batch.steps, offset, end),
      values: slice(batch.values, offset, end),
      timestamps: slice(batch.timestamps, offset, end),
    });
  }
  await db.metricChunks.bulkPut(rows);
}

/** A metric's full history sorted by step, then timestamp (logging order breaks ties, as MLflow's files do). */
export async function readHistory(db: TrackingDb, runId: string, key: string): Promise<MetricHistory> {
  const [lo, hi] = chunkRange(runId, key);
  const chunks = await db.metricChunks.where('[runId+key+seq]').between(lo, hi, true, true).toArray();
  let total = 0;
  for (const c of chunks) total += c.values.length;
  const steps = new Float64Array(total);
  const values = new Float64Array(total);
  const timestamps = new Float64Array(total);
  let at = 0;
  for (const c of chunks) {
    steps.set(c.steps, at);
    values.set(c.values, at);
    timestamps.set(c.timestamps, at);
    at += c.values.length;
  }
  return isSorted(steps, timestamps) ? { steps, values, timestamps } : sortHistory(steps, values, timestamps);
}

function isSorted(steps: Float64Array, timestamps: Float64Array): boolean {
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] < steps[i - 1] || (steps[i] === steps[i - 1] && timestamps[i] < timestamps[i - 1])) return false;
  }
  return true;
}

function sortHistory(steps: Float64Array, values: Float64Array, timestamps: Float64Array): MetricHistory {
  const order = Array.from(steps.keys()).sort((a, b) => steps[a] - steps[b] || timestamps[a] - timestamps[b] || a - b);
  const pick = (src: Float64Array) => Float64Array.from(order, (i) => src[i]);
  return { steps: pick(steps), values: pick(values), timestamps: pick(timestamps) };
}

/** Removes every metric point of these runs (a permanent delete). */
export async function deleteHistory(db: TrackingDb, runIds: string[]): Promise<void> {
  await db.metricChunks.where('runId').anyOf(runIds).delete();
}
