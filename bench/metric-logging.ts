/**
 * "metric logging": points/s through ActiveRun.logMetric + flush, against raw Dexie writes of the same points as
 * 1,000-point Float64Array chunks (the limit) and as one row per point (the naive design).
 */
import { openTracking, type ActiveRun } from '../src/tracking';
import { CHUNK_SIZE } from '../src/tracking/metric-chunks';
import { RawDb, type RawChunkRow, type RawPointRow } from './raw-db';
import { dropDb, freshDbName, seededValues, timeMs } from './timing';

export interface LoggingSize {
  runs: number;
  points: number;
  /** Overrides the tracking client's flush threshold, to profile its effect (the figure uses the default). */
  maxBufferedPoints?: number;
}

export interface LoggingSample {
  ms: number;
  points: number;
  /** Of `ms`, the time spent in the synchronous logMetric calls (the rest is flushing to IndexedDB). */
  loopMs?: number;
}

const KEY = 'loss';

export async function loggingTabflow({ runs, points, maxBufferedPoints }: LoggingSize): Promise<LoggingSample> {
  const dbName = freshDbName('log');
  const tracking = await openTracking({ dbName, maxBufferedPoints });
  try {
    const values = seededValues(points, 1);
    const active: ActiveRun[] = [];
    for (let r = 0; r < runs; r++) active.push(await tracking.startRun({ runName: `bench-${r}` }));
    const t0 = Date.now();
    let loopMs = 0;
    const ms = await timeMs(async () => {
      // A plain clock here: timeMs would collect garbage inside the measured time.
      const loopStart = performance.now();
      for (const run of active) {
        for (let i = 0; i < points; i++) run.logMetric(KEY, values[i], i, t0 + i);
      }
      loopMs = performance.now() - loopStart;
      await Promise.all(active.map((run) => run.flush()));
    });
    for (const run of active) {
      const stored = (await tracking.getRun(run.id)).data.metrics[KEY]?.count;
      if (stored !== points)
        throw new Error(`metric logging: run ${run.id} stored ${stored} points, expected ${points}`);
    }
    return { ms, points: runs * points, loopMs };
  } finally {
    tracking.close();
    await dropDb(dbName);
  }
}

function chunkRows(runId: string, values: Float64Array, t0: number): RawChunkRow[] {
  const rows: RawChunkRow[] = [];
  for (let from = 0, seq = 0; from < values.length; from += CHUNK_SIZE, seq++) {
    const to = Math.min(values.length, from + CHUNK_SIZE);
    const steps = new Float64Array(to - from);
    const timestamps = new Float64Array(to - from);
    for (let i = from; i < to; i++) {
      steps[i - from] = i;
      timestamps[i - from] = t0 + i;
    }
    rows.push({ runId, key: KEY, seq, steps, values: values.slice(from, to), timestamps });
  }
  return rows;
}

export async function loggingChunkedLimit({ runs, points }: LoggingSize): Promise<LoggingSample> {
  const dbName = freshDbName('log-chunks');
  const db = new RawDb(dbName);
  await db.open();
  try {
    const values = seededValues(points, 1);
    const t0 = Date.now();
    const ms = await timeMs(async () => {
      const writes = [];
      for (let r = 0; r < runs; r++) writes.push(db.metricChunks.bulkAdd(chunkRows(`run-${r}`, values, t0)));
      await Promise.all(writes);
    });
    const stored = await db.metricChunks.count();
    if (stored !== runs * Math.ceil(points / CHUNK_SIZE))
      throw new Error(`metric logging limit: stored ${stored} chunks`);
    return { ms, points: runs * points };
  } finally {
    db.close();
    await dropDb(dbName);
  }
}

/** One run's points, one row each: slow enough that the driver uses a smaller size than for the others. */
export async function loggingRowPerPoint({ points }: { points: number }): Promise<LoggingSample> {
  const dbName = freshDbName('log-rows');
  const db = new RawDb(dbName);
  await db.open();
  try {
    const values = seededValues(points, 1);
    const t0 = Date.now();
    const ms = await timeMs(async () => {
      const rows: RawPointRow[] = [];
      for (let i = 0; i < points; i++)
        rows.push({ runId: 'run-0', key: KEY, step: i, value: values[i], timestamp: t0 + i });
      await db.points.bulkAdd(rows);
    });
    const stored = await db.points.count();
    if (stored !== points) throw new Error(`metric logging naive: stored ${stored} rows, expected ${points}`);
    return { ms, points };
  } finally {
    db.close();
    await dropDb(dbName);
  }
}
