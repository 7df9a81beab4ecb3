import { mimeTypeOf } from './artifacts';
import type { TrackingClient } from './client';
import {
  allTables,
  type ArtifactRow,
  type ExperimentRow,
  type MetricChunkRow,
  type ModelVersionRow,
  type RegisteredModelRow,
  type RunRow,
} from './db';
import { newExperimentId } from './ids';
import { CHUNK_SIZE, deleteHistory, readHistory } from './metric-chunks';
import { summarise } from './metric-summary';
import { hasOwnKey, keyedRecord, ownValue, setOwn } from './keyed-record';
import { guardQuota, runFieldsOf } from './rows';
import { FOREIGN_RUN_HEARTBEAT } from './run-locks';
import type { DatasetInput, Experiment, MetricHistory, MetricSummary, RunFields, RunTexts } from './types';

/**
 * The tracking side of imports and exports: whole experiments, runs with their full histories and artifacts,
 * and the model registry, as plain data. An import is written in ONE transaction over every table, so a
 * failure half-way (a quota error, a constraint) leaves the database exactly as it was.
 */

/** A run as an import carries it: the shared run fields and texts, with whole histories instead of summaries. */
export interface SnapshotRun extends RunFields, RunTexts {
  datasetInputs: DatasetInput[];
  metrics: Record<string, MetricHistory>;
  artifacts: { path: string; data: ArrayBuffer }[];
}

/** The registry in a snapshot is stored rows as they are (a zip carries the same fields MLflow's files do). */
export type SnapshotRegisteredModel = RegisteredModelRow;
export type SnapshotModelVersion = ModelVersionRow;

export interface Snapshot {
  experiments: Experiment[];
  runs: SnapshotRun[];
  registeredModels: SnapshotRegisteredModel[];
  modelVersions: SnapshotModelVersion[];
}

export interface SkippedItem {
  kind: 'run' | 'model version';
  id: string;
  reason: string;
}

export interface SnapshotWriteResult {
  /** Experiments the import created or wrote runs into. */
  experiments: number;
  runs: number;
  metricPoints: number;
  artifacts: number;
  /** Registered model versions written. */
  models: number;
  skipped: SkippedItem[];
}

export interface SnapshotWriteOptions {
  /** What to do with a run id (or model version) that already exists: keep the stored one, or overwrite it. */
  onExisting: 'skip' | 'replace';
}

/** A typed array that owns its whole buffer can be stored as it is: storing a view would clone its whole buffer. */
const ownsBuffer = (a: Float64Array) => a.byteOffset === 0 && a.buffer.byteLength === a.byteLength;

function chunkRows(runId: string, key: string, history: MetricHistory): MetricChunkRow[] {
  const { steps, values, timestamps } = history;
  if (values.length <= CHUNK_SIZE && ownsBuffer(steps) && ownsBuffer(values) && ownsBuffer(timestamps)) {
    return values.length === 0 ? [] : [{ runId, key, seq: 0, steps, values, timestamps }];
  }
  const rows: MetricChunkRow[] = [];
  for (let from = 0, seq = 0; from < values.length; from += CHUNK_SIZE, seq++) {
    const to = Math.min(values.length, from + CHUNK_SIZE);
    rows.push({
      runId,
      key,
      seq,
      steps: steps.slice(from, to),
      values: values.slice(from, to),
      timestamps: timestamps.slice(from, to),
    });
  }
  return rows;
}

/** Rows per bulk write: few enough requests that Dexie's per-call cost vanishes, small enough batches to stream. */
const WRITE_BATCH = 2000;

async function bulkInBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < rows.length; from += WRITE_BATCH) await write(rows.slice(from, from + WRITE_BATCH));
}

function runRowOf(run: SnapshotRun, experimentId: string): RunRow {
  const metrics = keyedRecord<MetricSummary>();
  for (const [key, h] of Object.entries(run.metrics)) {
    if (h.values.length > 0) setOwn(metrics, key, summarise(undefined, h.steps, h.values, h.timestamps));
  }
  return {
    ...runFieldsOf(run),
    experimentId,
    parentRunId: ownValue(run.tags, 'mlflow.parentRunId') ?? null,
    params: keyedRecord(run.params),
    tags: keyedRecord(run.tags),
    metrics,
    datasetInputs: run.datasetInputs.map((d) => ({ ...d })),
    // No writer in this browser owns an imported run, so endAbandonedRuns must not end one that is RUNNING
    // elsewhere: its status is the exporter's to keep, and "never silent" says so.
    heartbeat: run.status === 'RUNNING' ? FOREIGN_RUN_HEARTBEAT : (run.endTime ?? run.startTime),
  };
}

/**
 * Writes a snapshot in one transaction. Experiments are matched by name first (an experiment with the same name
 * but another id receives the runs), then by id; a run id or model version that already exists is skipped or
 * replaced as asked.
 */
export async function writeSnapshot(
  client: TrackingClient,
  snapshot: Snapshot,
  options: SnapshotWriteOptions,
): Promise<SnapshotWriteResult> {
  const db = client.db;
  const result: SnapshotWriteResult = {
    experiments: 0,
    runs: 0,
    metricPoints: 0,
    artifacts: 0,
    models: 0,
    skipped: [],
  };
  await guardQuota(() =>
    db.transaction('rw', allTables(db), async () => {
      const experimentIds = new Map<string, string>();
      const touched = new Set<string>();
      for (const e of snapshot.experiments) {
        const placed = await placeExperiment(client, e);
        experimentIds.set(e.experimentId, placed.experimentId);
        if (placed.created) touched.add(placed.experimentId);
      }
      // Every run's rows are gathered first and written in a few bulk calls: a request per run and metric is
      // what made large imports slow. Within the import, a later copy of a run id counts as an existing run.
      const stored = await db.runs.bulkGet(snapshot.runs.map((r) => r.runId));
      const replaced: string[] = [];
      const runRows = new Map<string, { row: RunRow; run: SnapshotRun }>();
      snapshot.runs.forEach((run, i) => {
        const experimentId = experimentIds.get(run.experimentId);
        if (!experimentId)
          throw new Error(
            `Run '${run.runId}' belongs to experiment '${run.experimentId}', which the import does not contain.`,
          );
        if (stored[i] || runRows.has(run.runId)) {
          if (options.onExisting === 'skip') {
            result.skipped.push({ kind: 'run', id: run.runId, reason: `'${run.runName}' already exists here` });
            return;
          }
          if (stored[i]) replaced.push(run.runId);
        }
        runRows.set(run.runId, { row: runRowOf(run, experimentId), run });
        touched.add(experimentId);
      });
      if (replaced.length > 0) {
        await deleteHistory(db, replaced);
        await db.artifacts.where('runId').anyOf(replaced).delete();
      }
      const chunks: MetricChunkRow[] = [];
      const artifacts: ArtifactRow[] = [];
      for (const { run } of runRows.values()) {
        for (const [key, history] of Object.entries(run.metrics)) {
          chunks.push(...chunkRows(run.runId, key, history));
          result.metricPoints += history.values.length;
        }
        for (const a of run.artifacts)
          artifacts.push({
            runId: run.runId,
            path: a.path,
            data: a.data,
            mimeType: mimeTypeOf(a.path),
            size: a.data.byteLength,
          });
        result.artifacts += run.artifacts.length;
        result.runs += 1;
      }
      await bulkInBatches(
        [...runRows.values()].map((r) => r.row),
        (batch) => db.runs.bulkPut(batch),
      );
      await bulkInBatches(chunks, (batch) => db.metricChunks.bulkAdd(batch));
      await bulkInBatches(artifacts, (batch) => db.artifacts.bulkPut(batch));
      result.experiments = touched.size;
      await writeRegistry(client, snapshot, options, result);
    }),
  );
  return result;
}

/** Finds or creates the local experiment the imported one's runs go to. */
async function placeExperiment(
  client: TrackingClient,
  e: Experiment,
): Promise<{ experimentId: string; created: boolean }> {
  const db = client.db;
  const byName = await db.experiments.where('name').equals(e.name).first();
  if (byName) {
    for (const [k, v] of Object.entries(e.tags)) if (!hasOwnKey(byName.tags, k)) setOwn(byName.tags, k, v);
    await db.experiments.put(byName);
    return { experimentId: byName.experimentId, created: false };
  }
  // The id is taken by an experiment of another name: the imported one gets a fresh id rather than merging.
  const experimentId = (await db.experiments.get(e.experimentId)) ? newExperimentId() : e.experimentId;
  const row: ExperimentRow = { ...e, experimentId, tags: keyedRecord(e.tags) };
  await db.experiments.add(row);
  return { experimentId, created: true };
}

/** The imported keys with the stored ones on top: what is already here wins. */
function mergedKeys<T>(imported: Record<string, T>, stored: Record<string, T>): Record<string, T> {
  return keyedRecord([...Object.entries(imported), ...Object.entries(stored)]);
}

async function writeRegistry(
  client: TrackingClient,
  snapshot: Snapshot,
  options: SnapshotWriteOptions,
  result: SnapshotWriteResult,
): Promise<void> {
  const db = client.db;
  for (const m of snapshot.registeredModels) {
    const existing = await db.registeredModels.get(m.name);
    const row: RegisteredModelRow = existing
      ? { ...existing, tags: mergedKeys(m.tags, existing.tags), aliases: mergedKeys(m.aliases, existing.aliases) }
      : { ...m, tags: keyedRecord(m.tags), aliases: keyedRecord(m.aliases) };
    await db.registeredModels.put(row);
  }
  for (const v of snapshot.modelVersions) {
    if ((await db.modelVersions.get([v.name, v.version])) && options.onExisting === 'skip') {
      result.skipped.push({
        kind: 'model version',
        id: `${v.name} v${v.version}`,
        reason: `version ${v.version} of model '${v.name}' already exists`,
      });
      continue;
    }
    if (!(await db.registeredModels.get(v.name))) {
      result.skipped.push({
        kind: 'model version',
        id: `${v.name} v${v.version}`,
        reason: `its registered model '${v.name}' is not in the import`,
      });
      continue;
    }
    const row: ModelVersionRow = { ...v, tags: keyedRecord(v.tags) };
    await db.modelVersions.put(row);
    result.models += 1;
    // The registry never reuses a version number; it remembers the highest one given on the model row.
    const model = (await db.registeredModels.get(v.name)) as
      (RegisteredModelRow & { highestVersion?: number }) | undefined;
    if (model && (model.highestVersion ?? 0) < v.version) {
      model.highestVersion = v.version;
      await db.registeredModels.put(model);
    }
  }
}

/** The model registry as plain data, for exports. */
export async function readRegistry(
  client: TrackingClient,
): Promise<{ registeredModels: SnapshotRegisteredModel[]; modelVersions: SnapshotModelVersion[] }> {
  const db = client.db;
  return db.transaction('r', db.registeredModels, db.modelVersions, async () => ({
    registeredModels: await db.registeredModels.toArray(),
    modelVersions: await db.modelVersions.toArray(),
  }));
}

export interface RunContents {
  /** Each asked-for metric's full history, in the order the keys were given. */
  histories: MetricHistory[];
  /** Every artifact's bytes, sorted by path. */
  artifacts: { path: string; data: ArrayBuffer }[];
}

/**
 * Runs' metric histories and artifact bytes in ONE read transaction, for exports: a transaction per history and
 * per artifact (and a Blob per artifact) cost more than compressing them. One entry per asked-for run, in order.
 */
export async function readRunContents(
  client: TrackingClient,
  runs: { runId: string; metricKeys: string[] }[],
): Promise<RunContents[]> {
  const db = client.db;
  return db.transaction('r', db.metricChunks, db.artifacts, () =>
    Promise.all(
      runs.map(async ({ runId, metricKeys }) => {
        const [histories, rows] = await Promise.all([
          Promise.all(metricKeys.map((key) => readHistory(db, runId, key))),
          db.artifacts.where('runId').equals(runId).toArray(),
        ]);
        const artifacts = rows
          .map((r) => ({ path: r.path, data: r.data }))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        return { histories, artifacts };
      }),
    ),
  );
}
