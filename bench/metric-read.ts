/**
 * "metric read": ms for getMetricHistory of one metric's whole history, against a raw Dexie read of the same
 * chunk rows (the IndexedDB cost alone, before tabflow joins the chunks into one Float64Array per column).
 */
import { Dexie } from 'dexie';
import { openTracking, type TrackingClient } from '../src/tracking';
import { dropDb, freshDbName, seededValues, timeMs } from './timing';

const KEY = 'loss';

let prepared: { tracking: TrackingClient; dbName: string; runId: string; points: number } | null = null;

/** Logs `points` points of one metric to one run, through the tracking API. */
export async function readPrepare({ points }: { points: number }): Promise<void> {
  await readCleanUp();
  const dbName = freshDbName('read');
  const tracking = await openTracking({ dbName });
  const run = await tracking.startRun({ runName: 'bench-read' });
  const values = seededValues(points, 2);
  const t0 = Date.now();
  for (let i = 0; i < points; i++) run.logMetric(KEY, values[i], i, t0 + i);
  await run.end();
  prepared = { tracking, dbName, runId: run.id, points };
}

function current() {
  if (!prepared) throw new Error('metric read: call readPrepare first');
  return prepared;
}

export async function readTabflow(): Promise<number> {
  const { tracking, runId, points } = current();
  let length = 0;
  const ms = await timeMs(async () => {
    length = (await tracking.getMetricHistory(runId, KEY)).values.length;
  });
  if (length !== points) throw new Error(`metric read: got ${length} points, expected ${points}`);
  return ms;
}

export async function readRawChunks(): Promise<number> {
  const { tracking, runId, points } = current();
  let length = 0;
  const ms = await timeMs(async () => {
    const chunks = await tracking.db.metricChunks
      .where('[runId+key+seq]')
      .between([runId, KEY, Dexie.minKey], [runId, KEY, Dexie.maxKey], true, true)
      .toArray();
    for (const chunk of chunks) length += chunk.values.length;
  });
  if (length !== points) throw new Error(`metric read baseline: got ${length} points, expected ${points}`);
  return ms;
}

export async function readCleanUp(): Promise<void> {
  if (!prepared) return;
  prepared.tracking.close();
  await dropDb(prepared.dbName);
  prepared = null;
}
