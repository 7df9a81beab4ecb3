/**
 * The tracking module's public data shapes. They mirror MLflow's entities (mlflow/entities) in camelCase so
 * that runs move to and from MLflow's file store without translation tables.
 */

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export type LifecycleStage = 'active' | 'deleted';

/** MLflow's ViewType: which lifecycle stages a search returns. */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface Experiment {
  experimentId: string;
  name: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
}

/** One logged value of a metric. */
export interface MetricPoint {
  value: number;
  step: number;
  timestamp: number;
}

/** The latest value of a metric (MLflow's rule: largest step, then timestamp, then value) plus summary stats. */
export interface MetricSummary extends MetricPoint {
  /** Smallest and largest non-NaN value ever logged (NaN when every value was NaN). */
  min: number;
  max: number;
  /** How many points the history holds. */
  count: number;
}

/**
 * What every shape of a run says about itself: the stored row (db.ts RunRow), the API's RunInfo and an import's
 * SnapshotRun all extend this one list, so a field added here appears in all three and the converters between
 * them fail to type-check until they carry it.
 */
export interface RunFields {
  runId: string;
  runName: string;
  experimentId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  lifecycleStage: LifecycleStage;
  /** Set when the run was soft-deleted (ms). */
  deletedTime: number | null;
  userId: string;
}

export interface RunInfo extends Omit<RunFields, 'deletedTime'> {
  /** Optional here: runs read from MLflow's files or REST API may not say. */
  deletedTime?: number | null;
  parentRunId?: string;
  artifactUri: string;
}

/** A run's params and tags (text, as MLflow stores them). */
export interface RunTexts {
  params: Record<string, string>;
  tags: Record<string, string>;
}

export interface RunData extends RunTexts {
  metrics: Record<string, MetricSummary>;
}

/** MLflow's dataset input (mlflow.entities.Dataset + InputTag context). */
export interface DatasetInput {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
  /** MLflow's `mlflow.data.context` input tag: "train", "eval", ... */
  context?: string;
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: { datasetInputs: DatasetInput[] };
}

export interface MetricHistory {
  steps: Float64Array;
  values: Float64Array;
  timestamps: Float64Array;
}

export interface ArtifactInfo {
  path: string;
  size: number;
  mimeType: string;
}

/** A registered model as stored (db.ts RegisteredModelRow) and as a snapshot carries it. */
export interface RegisteredModelFields {
  name: string;
  description: string;
  tags: Record<string, string>;
  /** alias -> version */
  aliases: Record<string, number>;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
}

export interface RegisteredModel extends RegisteredModelFields {
  /** The newest version number, 0 when there is none. */
  latestVersion: number;
}

/** A model version as stored (db.ts ModelVersionRow) and as a snapshot carries it. */
export interface ModelVersionFields {
  name: string;
  version: number;
  runId: string;
  /** The artifact path inside the run, e.g. "model". */
  artifactPath: string;
  description: string;
  tags: Record<string, string>;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  userId: string | null;
}

export interface ModelVersion extends ModelVersionFields {
  /** MLflow's `source`: "runs:/<runId>/<artifactPath>". */
  source: string;
  aliases: string[];
  status: 'READY';
}

export interface SearchRunsOptions {
  experimentIds?: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  viewType?: ViewType;
}

export interface SearchRunsPageOptions extends SearchRunsOptions {
  /** The `nextPageToken` of the previous page of the same search; none for the first page. */
  pageToken?: string;
}

export interface RunsPage {
  runs: Run[];
  /** Present when more runs follow: pass it as `pageToken` for the next page. */
  nextPageToken?: string;
}

export interface StartRunOptions {
  experimentId?: string;
  runName?: string;
  parentRunId?: string;
  tags?: Record<string, string>;
  /** Defaults to the tracking client's user. */
  userId?: string;
  startTime?: number;
}

/**
 * The subset of tfjs's ModelArtifacts that tabflow stores. Declared here so the tracking module never imports
 * tfjs; a real `tf.io.ModelArtifacts` is assignable to it.
 */
export interface ModelArtifactsLike {
  modelTopology?: object | ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: object;
  userDefinedMetadata?: Record<string, unknown>;
  weightSpecs?: unknown[];
  weightData?: ArrayBuffer | ArrayBuffer[];
}

/** Anything with tfjs's `LayersModel.save(handler)` — a real tf.LayersModel fits. */
export interface SavableModel {
  save(handler: unknown, config?: unknown): Promise<unknown>;
}
