import { Dexie, type EntityTable, type Table } from 'dexie';
import type { DatasetInput, Experiment, ModelVersionFields, RegisteredModelFields, RunData, RunFields } from './types';

/**
 * The IndexedDB schema. Only this module and the tracking client touch these tables; everything else goes
 * through the client API, so the storage layout can change behind a Dexie version bump.
 *
 * Why one run row holds its params, tags and latest metrics: the runs table and `searchRuns` read thousands of
 * runs at once, and one `toArray()` of run rows is an order of magnitude faster than joining four tables.
 * Metric *history* lives apart, in typed-array chunks (see metric-chunks.ts), because one row per point writes
 * ~10k points/s while 1,000-point Float64Array chunks write ~1.9M points/s.
 */

/** The rows are the API's shapes (types.ts) plus what only storage needs, so the two cannot drift apart. */
export type ExperimentRow = Experiment;

export interface RunRow extends RunFields, RunData {
  /** The parent run's id (tag mlflow.parentRunId), indexed for getChildRuns; null for a top-level run. */
  parentRunId: string | null;
  datasetInputs: DatasetInput[];
  /** Last time a live writer said it was alive (ms); runs left RUNNING with an old heartbeat were abandoned. */
  heartbeat: number;
}

/** A slice of one metric's history, in logging order. `seq` orders the chunks of one metric. */
export interface MetricChunkRow {
  id?: number;
  runId: string;
  key: string;
  seq: number;
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

export interface ArtifactRow {
  runId: string;
  path: string;
  /** Bytes rather than a Blob: Blobs in IndexedDB are unreliable across engines and in Node test doubles. */
  data: ArrayBuffer;
  mimeType: string;
  size: number;
}

export type RegisteredModelRow = RegisteredModelFields;

export type ModelVersionRow = ModelVersionFields;

/** Small key/value store for UI preferences (column choices per experiment, …). */
export interface PreferenceRow {
  key: string;
  value: unknown;
}

/** Where a local run was pushed: one row per run and MLflow server (see push-records.ts). */
export interface PushRecordRow {
  runId: string;
  serverUrl: string;
  remoteRunId: string;
  remoteExperimentId: string;
  pushedAt: number;
}

/** A push asked for and not done yet (offline, or cut off), retried until it succeeds or is cancelled. */
export interface PushOutboxRow {
  id?: number;
  serverUrl: string;
  runIds: string[];
  createdAt: number;
  attempts: number;
  /** When the next automatic retry is due (ms). */
  nextAttemptAt: number;
  lastError: string | null;
}

export class TrackingDb extends Dexie {
  experiments!: EntityTable<ExperimentRow, 'experimentId'>;
  runs!: EntityTable<RunRow, 'runId'>;
  metricChunks!: EntityTable<MetricChunkRow, 'id'>;
  artifacts!: Table<ArtifactRow, [string, string]>;
  registeredModels!: EntityTable<RegisteredModelRow, 'name'>;
  modelVersions!: Table<ModelVersionRow, [string, number]>;
  preferences!: EntityTable<PreferenceRow, 'key'>;
  pushRecords!: Table<PushRecordRow, [string, string]>;
  pushOutbox!: EntityTable<PushOutboxRow, 'id'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      experiments: '&experimentId, &name, lifecycleStage',
      runs: '&runId, experimentId, [experimentId+lifecycleStage], parentRunId, status, startTime',
      metricChunks: '++id, [runId+key+seq], runId',
      artifacts: '[runId+path], runId',
      registeredModels: '&name',
      modelVersions: '[name+version], name, runId',
      preferences: '&key',
    });
    // Version 2 (issue 20): pushes to MLflow servers. New tables only, so no upgrade function moves data.
    this.version(2).stores({
      pushRecords: '[runId+serverUrl], runId, serverUrl',
      pushOutbox: '++id, serverUrl',
    });
  }
}

/** Every table, for transactions that must see a consistent database (imports, deletes). */
export function allTables(db: TrackingDb): Table[] {
  return [
    db.experiments,
    db.runs,
    db.metricChunks,
    db.artifacts,
    db.registeredModels,
    db.modelVersions,
    db.preferences,
  ];
}
