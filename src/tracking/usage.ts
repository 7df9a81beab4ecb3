import type { TrackingClient } from './client';
import type { RunRow } from './db';
import { CHUNK_SIZE } from './metric-chunks';

/** Bytes one experiment's runs take in IndexedDB, estimated from what is stored (not measured on disk). */
export interface ExperimentUsage {
  experimentId: string;
  name: string;
  /** Runs not deleted, and soft-deleted runs still stored until purged. */
  runs: number;
  deletedRuns: number;
  /** Run rows (params, tags, metric summaries), metric histories and artifacts (models included). */
  runBytes: number;
  metricBytes: number;
  artifactBytes: number;
  totalBytes: number;
  /** What purging this experiment's deleted runs would free. */
  deletedBytes: number;
}

export interface StorageUsage {
  experiments: ExperimentUsage[];
  totalBytes: number;
}

/** A stored metric point is three float64s (step, value, timestamp). */
const BYTES_PER_POINT = 24;
/** Key, sequence number and array headers of one stored chunk row. */
const BYTES_PER_CHUNK = 96;

function runRowBytes(row: RunRow): number {
  // JSON length is close to the structured-clone size of a row made of strings and numbers.
  return JSON.stringify(row).length;
}

function metricBytes(row: RunRow): number {
  let bytes = 0;
  for (const summary of Object.values(row.metrics)) {
    bytes += summary.count * BYTES_PER_POINT + Math.ceil(summary.count / CHUNK_SIZE) * BYTES_PER_CHUNK;
  }
  return bytes;
}

/**
 * Estimates the bytes each experiment takes, from stored sizes: run rows, metric histories (from each metric's
 * point count, so no history is read) and artifact sizes. One read transaction, so the totals are consistent.
 * Browsers report only the origin's total (`navigator.storage.estimate()`); this says where it went.
 */
export async function estimateStorageUsage(client: TrackingClient): Promise<StorageUsage> {
  const db = client.db;
  return db.transaction('r', db.experiments, db.runs, db.artifacts, async () => {
    const experiments = await db.experiments.toArray();
    const byExperiment = new Map<string, ExperimentUsage>();
    for (const e of experiments) {
      byExperiment.set(e.experimentId, {
        experimentId: e.experimentId,
        name: e.name,
        runs: 0,
        deletedRuns: 0,
        runBytes: 0,
        metricBytes: 0,
        artifactBytes: 0,
        totalBytes: 0,
        deletedBytes: 0,
      });
    }
    const runs = new Map<string, { usage: ExperimentUsage; deleted: boolean }>();
    await db.runs.each((row) => {
      const usage = byExperiment.get(row.experimentId);
      if (!usage) return;
      const deleted = row.lifecycleStage === 'deleted';
      runs.set(row.runId, { usage, deleted });
      if (deleted) usage.deletedRuns++;
      else usage.runs++;
      const rowBytes = runRowBytes(row);
      const pointBytes = metricBytes(row);
      usage.runBytes += rowBytes;
      usage.metricBytes += pointBytes;
      if (deleted) usage.deletedBytes += rowBytes + pointBytes;
    });
    // Each row carries its byte length; iterating reads the bytes too, which is why this runs on demand only.
    await db.artifacts.each((artifact) => {
      const run = runs.get(artifact.runId);
      if (!run) return;
      run.usage.artifactBytes += artifact.size;
      if (run.deleted) run.usage.deletedBytes += artifact.size;
    });
    const list = [...byExperiment.values()];
    for (const u of list) u.totalBytes = u.runBytes + u.metricBytes + u.artifactBytes;
    list.sort((a, b) => b.totalBytes - a.totalBytes || a.name.localeCompare(b.name));
    return { experiments: list, totalBytes: list.reduce((sum, u) => sum + u.totalBytes, 0) };
  });
}
