import { ActiveRun } from './active-run';
import { listArtifacts, readArtifact, readModelArtifacts } from './artifacts';
import { TrackingDb, type ExperimentRow, type RunRow } from './db';
import { AlreadyExistsError, NotFoundError, ValidationError } from './errors';
import { newExperimentId, newRunId, newRunName } from './ids';
import { deleteHistory, readHistory } from './metric-chunks';
import { ModelRegistry, type RegistryEntryOptions, type ResolvedModel } from './registry';
import { deleteOwn, keyedRecord, setOwn } from './keyed-record';
import { guardQuota, rowToExperiment, rowToRun } from './rows';
import { acquireRunLock, endRunsWithFreeLocks, runLocksAvailable } from './run-locks';
import { checkMaxResults, filterRuns, pageOf, parseOrderBy, sortRuns } from './search';
import type {
  ArtifactInfo,
  Experiment,
  MetricHistory,
  ModelArtifactsLike,
  ModelVersion,
  RegisteredModel,
  Run,
  RunsPage,
  RunStatus,
  SearchRunsOptions,
  SearchRunsPageOptions,
  StartRunOptions,
  ViewType,
} from './types';
import { RUN_STATUSES } from './types';
import { validateExperimentName, validateExperimentTag, validateRunTag } from './validation';

export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';
export const DEFAULT_MAX_RESULTS = 1000;

export interface TrackingOptions {
  /** IndexedDB database name; tests use a fresh one each. */
  dbName?: string;
  /** Recorded as each run's user (MLflow's `mlflow.user`). */
  userId?: string;
  /** Metric buffer: flush this long after the first buffered point. */
  flushDelayMs?: number;
  /** Metric buffer: flush at once past this many buffered points. */
  maxBufferedPoints?: number;
}

function matchesView(stage: string, viewType: ViewType = 'ACTIVE_ONLY'): boolean {
  return viewType === 'ALL' || (viewType === 'ACTIVE_ONLY' ? stage === 'active' : stage === 'deleted');
}

/**
 * The tracking client: MLflow's `MlflowClient`, in camelCase, over IndexedDB. It is DOM-free, so the same code
 * runs in the page, in the training worker and in Node tests; every context opens its own client on the same
 * database and sees the others' writes through Dexie's cross-context change events.
 */
export class TrackingClient {
  /** The Dexie database. Internal to src/tracking: other modules go through the methods below. */
  readonly db: TrackingDb;
  readonly userId: string;
  readonly bufferOptions: { flushDelayMs: number; maxPoints: number };
  private readonly registry: ModelRegistry;

  constructor(options: TrackingOptions = {}) {
    this.db = new TrackingDb(options.dbName ?? 'tabflow');
    this.userId = options.userId ?? 'tabflow-user';
    this.bufferOptions = { flushDelayMs: options.flushDelayMs ?? 250, maxPoints: options.maxBufferedPoints ?? 20_000 };
    this.registry = new ModelRegistry(this.db, this.userId);
  }

  /** Opens the database and makes sure the Default experiment exists. */
  async open(): Promise<this> {
    await this.db.open();
    await guardQuota(() =>
      this.db.transaction('rw', this.db.experiments, async () => {
        if (await this.db.experiments.get(DEFAULT_EXPERIMENT_ID)) return;
        const now = Date.now();
        await this.db.experiments.add({
          experimentId: DEFAULT_EXPERIMENT_ID,
          name: DEFAULT_EXPERIMENT_NAME,
          lifecycleStage: 'active',
          creationTime: now,
          lastUpdateTime: now,
          tags: {},
        });
      }),
    );
    return this;
  }

  close(): void {
    this.db.close();
  }

  // ---------------------------------------------------------------- experiments

  async createExperiment(name: string, options: { tags?: Record<string, string> } = {}): Promise<string> {
    validateExperimentName(name);
    const tags = options.tags ?? {};
    for (const [k, v] of Object.entries(tags)) validateExperimentTag(k, v);
    const now = Date.now();
    const row: ExperimentRow = {
      experimentId: newExperimentId(),
      name,
      lifecycleStage: 'active',
      creationTime: now,
      lastUpdateTime: now,
      tags: keyedRecord(tags),
    };
    await guardQuota(() =>
      this.db.transaction('rw', this.db.experiments, async () => {
        if (await this.db.experiments.where('name').equals(name).count()) {
          throw new AlreadyExistsError(`An experiment named '${name}' already exists.`);
        }
        await this.db.experiments.add(row);
      }),
    );
    return row.experimentId;
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const row = await this.db.experiments.get(experimentId);
    if (!row) throw new NotFoundError(`No experiment with id '${experimentId}'.`);
    return rowToExperiment(row);
  }

  async getExperimentByName(name: string): Promise<Experiment | null> {
    const row = await this.db.experiments.where('name').equals(name).first();
    return row ? rowToExperiment(row) : null;
  }

  /** Experiments in the given view, oldest first (Default first). */
  async searchExperiments(options: { viewType?: ViewType } = {}): Promise<Experiment[]> {
    const rows = await this.db.experiments.toArray();
    return rows
      .filter((r) => matchesView(r.lifecycleStage, options.viewType))
      .sort((a, b) => a.creationTime - b.creationTime || a.experimentId.localeCompare(b.experimentId))
      .map(rowToExperiment);
  }

  private async updateExperiment(experimentId: string, change: (row: ExperimentRow) => void): Promise<void> {
    await guardQuota(() =>
      this.db.transaction('rw', this.db.experiments, async () => {
        const row = await this.db.experiments.get(experimentId);
        if (!row) throw new NotFoundError(`No experiment with id '${experimentId}'.`);
        change(row);
        row.lastUpdateTime = Date.now();
        await this.db.experiments.put(row);
      }),
    );
  }

  async renameExperiment(experimentId: string, newName: string): Promise<void> {
    validateExperimentName(newName);
    await this.db.transaction('rw', this.db.experiments, async () => {
      const clash = await this.db.experiments.where('name').equals(newName).first();
      if (clash && clash.experimentId !== experimentId)
        throw new AlreadyExistsError(`An experiment named '${newName}' already exists.`);
      await this.updateExperiment(experimentId, (row) => {
        row.name = newName;
      });
    });
  }

  /** Soft delete, as MLflow's lifecycle: the experiment and its runs stay stored and can be restored. */
  async deleteExperiment(experimentId: string): Promise<void> {
    if (experimentId === DEFAULT_EXPERIMENT_ID) throw new ValidationError('The Default experiment cannot be deleted.');
    await this.updateExperiment(experimentId, (row) => {
      row.lifecycleStage = 'deleted';
    });
  }

  async restoreExperiment(experimentId: string): Promise<void> {
    await this.updateExperiment(experimentId, (row) => {
      row.lifecycleStage = 'active';
    });
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    validateExperimentTag(key, value);
    await this.updateExperiment(experimentId, (row) => {
      setOwn(row.tags, key, value);
    });
  }

  // ---------------------------------------------------------------- runs

  async startRun(options: StartRunOptions = {}): Promise<ActiveRun> {
    const experimentId = options.experimentId ?? DEFAULT_EXPERIMENT_ID;
    const tags = keyedRecord(options.tags);
    for (const [k, v] of Object.entries(tags)) validateRunTag(k, v);
    const userId = options.userId ?? this.userId;
    const runName = options.runName || tags['mlflow.runName'] || newRunName();
    tags['mlflow.runName'] = runName;
    tags['mlflow.user'] ??= userId;
    if (options.parentRunId) tags['mlflow.parentRunId'] = options.parentRunId;
    const now = Date.now();
    const row: RunRow = {
      runId: newRunId(),
      runName,
      experimentId,
      status: 'RUNNING',
      startTime: options.startTime ?? now,
      endTime: null,
      lifecycleStage: 'active',
      deletedTime: null,
      parentRunId: options.parentRunId ?? null,
      userId,
      params: {},
      tags,
      metrics: {},
      datasetInputs: [],
      heartbeat: now,
    };
    // The lock is held before the row exists, so a RUNNING row whose lock is free always lost its writer.
    const releaseLock = await acquireRunLock(row.runId);
    await guardQuota(() =>
      this.db.transaction('rw', this.db.experiments, this.db.runs, async () => {
        const experiment = await this.db.experiments.get(experimentId);
        if (!experiment) throw new NotFoundError(`No experiment with id '${experimentId}'.`);
        if (experiment.lifecycleStage !== 'active')
          throw new ValidationError(
            `Experiment '${experiment.name}' is deleted; restore it before starting runs in it.`,
          );
        if (options.parentRunId && !(await this.db.runs.get(options.parentRunId))) {
          throw new NotFoundError(`No parent run with id '${options.parentRunId}'.`);
        }
        await this.db.runs.add(row);
      }),
    ).catch((error: unknown) => {
      releaseLock();
      throw error;
    });
    return new ActiveRun(this, row.runId, releaseLock);
  }

  /** Resumes logging to an existing run (MLflow's `start_run(run_id=...)`), e.g. from another context. */
  async resumeRun(runId: string): Promise<ActiveRun> {
    await this.runRow(runId);
    return new ActiveRun(this, runId);
  }

  /** @internal the stored row of a run, or NotFoundError. */
  async runRow(runId: string): Promise<RunRow> {
    const row = await this.db.runs.get(runId);
    if (!row) throw new NotFoundError(`No run with id '${runId}'.`);
    return row;
  }

  async getRun(runId: string): Promise<Run> {
    return rowToRun(await this.runRow(runId));
  }

  /**
   * MLflow's search_runs: filter grammar, order_by, view type and max results (1,000 by default; more than
   * 50,000 is refused, as MLflow does — page with searchRunsPage, or take everything with searchAllRuns).
   */
  async searchRuns(options: SearchRunsOptions = {}): Promise<Run[]> {
    return (await this.searchRunsPage(options)).runs;
  }

  /**
   * One page of a search, as MLflow's search_runs with page_token: pass the `nextPageToken` of a page to get the
   * next one, with the same options. Pages keep the search's order and hold each matching run once, even when
   * runs are started between two pages; a token from another search, or a damaged one, is refused in words.
   */
  async searchRunsPage(options: SearchRunsPageOptions = {}): Promise<RunsPage> {
    const maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
    checkMaxResults(maxResults);
    const keys = parseOrderBy(options.orderBy);
    return pageOf(await this.matchingRuns(options), keys, options, maxResults, options.pageToken);
  }

  /** Every run the search matches, in its order, however many (MLflow's mlflow.search_runs pages for this). */
  async searchAllRuns(options: Omit<SearchRunsOptions, 'maxResults'> = {}): Promise<Run[]> {
    return this.matchingRuns(options);
  }

  private async matchingRuns(options: Omit<SearchRunsOptions, 'maxResults'>): Promise<Run[]> {
    // One indexed `equals` per experiment: Dexie's `anyOf` walks a cursor row by row, which holds the runs store
    // for about a second at 10,000 runs and stalls the writes of a training run meanwhile.
    const rows = options.experimentIds
      ? (
          await Promise.all(
            [...new Set(options.experimentIds)].map((id) => this.db.runs.where('experimentId').equals(id).toArray()),
          )
        ).flat()
      : await this.db.runs.toArray();
    const runs = rows.filter((r) => matchesView(r.lifecycleStage, options.viewType)).map(rowToRun);
    return sortRuns(filterRuns(runs, options.filter), options.orderBy);
  }

  /** @internal read-modify-write of one run row in its own transaction. */
  async updateRun(runId: string, change: (row: RunRow) => void): Promise<void> {
    await guardQuota(() =>
      this.db.transaction('rw', this.db.runs, async () => {
        const row = await this.runRow(runId);
        change(row);
        await this.db.runs.put(row);
      }),
    );
  }

  /** MLflow's delete_tag: removes a run tag. `mlflow.runName` and `mlflow.parentRunId` carry run structure and stay. */
  async deleteTag(runId: string, key: string): Promise<void> {
    if (key === 'mlflow.runName' || key === 'mlflow.parentRunId')
      throw new ValidationError(`Tag '${key}' belongs to the run's structure and cannot be deleted.`);
    await this.updateRun(runId, (row) => {
      if (!deleteOwn(row.tags, key)) throw new NotFoundError(`Run '${runId}' has no tag '${key}'.`);
    });
  }

  /** How many runs have this status, from the status index (cheap enough to observe live). */
  countRunsWithStatus(status: RunStatus): Promise<number> {
    return this.db.runs.where('status').equals(status).count();
  }

  /** The runs nested under a run (tag mlflow.parentRunId), read through an index rather than a scan. */
  async getChildRuns(parentRunId: string, options: { viewType?: ViewType } = {}): Promise<Run[]> {
    const rows = await this.db.runs.where('parentRunId').equals(parentRunId).toArray();
    return sortRuns(rows.filter((r) => matchesView(r.lifecycleStage, options.viewType)).map(rowToRun), undefined);
  }

  async setRunName(runId: string, runName: string): Promise<void> {
    if (!runName.trim()) throw new ValidationError('A run name must not be empty.');
    validateRunTag('mlflow.runName', runName);
    await this.updateRun(runId, (row) => {
      row.runName = runName;
      row.tags['mlflow.runName'] = runName;
    });
  }

  /** Ends a run with a terminal status (MLflow's set_terminated). */
  async setTerminated(runId: string, status: RunStatus = 'FINISHED', endTime = Date.now()): Promise<void> {
    if (!RUN_STATUSES.includes(status))
      throw new ValidationError(`Unknown run status '${status}'; expected one of ${RUN_STATUSES.join(', ')}.`);
    await this.updateRun(runId, (row) => {
      row.status = status;
      row.endTime = status === 'RUNNING' || status === 'SCHEDULED' ? null : endTime;
    });
  }

  async deleteRun(runId: string): Promise<void> {
    await this.updateRun(runId, (row) => {
      row.lifecycleStage = 'deleted';
      row.deletedTime = Date.now();
    });
  }

  async restoreRun(runId: string): Promise<void> {
    await this.updateRun(runId, (row) => {
      row.lifecycleStage = 'active';
      row.deletedTime = null;
    });
  }

  /** Permanently removes runs with their metrics and artifacts (MLflow's `gc`), to free storage. */
  async purgeRuns(runIds: string[]): Promise<void> {
    await this.db.transaction('rw', this.db.runs, this.db.metricChunks, this.db.artifacts, async () => {
      await this.db.runs.bulkDelete(runIds);
      await deleteHistory(this.db, runIds);
      await this.db.artifacts.where('runId').anyOf(runIds).delete();
    });
  }

  /**
   * Ends RUNNING runs whose writer is gone (a closed or reloaded tab, a crashed worker) as KILLED, keeping what
   * they logged: at once by their free Web Lock (run-locks.ts), or, without navigator.locks, after `maxSilenceMs`
   * without a heartbeat.
   */
  async endAbandonedRuns(maxSilenceMs = 60_000, now = Date.now()): Promise<string[]> {
    if (runLocksAvailable()) return endRunsWithFreeLocks(this);
    const ended: string[] = [];
    await guardQuota(() =>
      this.db.transaction('rw', this.db.runs, async () => {
        const running = await this.db.runs.where('status').equals('RUNNING').toArray();
        for (const row of running) {
          if (now - row.heartbeat <= maxSilenceMs) continue;
          row.status = 'KILLED';
          row.endTime = row.heartbeat;
          row.tags['tabflow.killedReason'] =
            `No heartbeat since ${new Date(row.heartbeat).toISOString()}: the tab or worker that was training it closed or crashed.`;
          await this.db.runs.put(row);
          ended.push(row.runId);
        }
      }),
    );
    return ended;
  }

  // ---------------------------------------------------------------- metrics, artifacts, models

  getMetricHistory(runId: string, key: string): Promise<MetricHistory> {
    return readHistory(this.db, runId, key);
  }

  listArtifacts(runId: string, prefix?: string): Promise<ArtifactInfo[]> {
    return listArtifacts(this.db, runId, prefix);
  }

  getArtifact(runId: string, path: string): Promise<Blob> {
    return readArtifact(this.db, runId, path);
  }

  /**
   * The tfjs ModelArtifacts of a logged model, for `tf.loadLayersModel(tf.io.fromMemory(artifacts))`: by run id
   * and artifact path, or by a URI (`models:/<name>/<version>`, `models:/<name>@<alias>`, `runs:/<runId>/<path>`).
   */
  async loadModelArtifacts(runIdOrUri: string, artifactPath?: string): Promise<ModelArtifactsLike> {
    // Run ids never hold ':', so a ':/' marks a URI.
    if (artifactPath === undefined && runIdOrUri.includes(':/')) {
      const resolved = await this.registry.resolveModelUri(runIdOrUri);
      return readModelArtifacts(this.db, resolved.runId, resolved.artifactPath);
    }
    return readModelArtifacts(this.db, runIdOrUri, artifactPath ?? 'model');
  }

  // ---------------------------------------------------------------- model registry (see registry.ts)

  createRegisteredModel(name: string, options: RegistryEntryOptions = {}): Promise<RegisteredModel> {
    return this.registry.createRegisteredModel(name, options);
  }

  searchRegisteredModels(options: { filter?: string } = {}): Promise<RegisteredModel[]> {
    return this.registry.searchRegisteredModels(options);
  }

  getRegisteredModel(name: string): Promise<RegisteredModel> {
    return this.registry.getRegisteredModel(name);
  }

  updateRegisteredModel(name: string, options: { description: string }): Promise<void> {
    return this.registry.updateRegisteredModel(name, options.description);
  }

  setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    return this.registry.setRegisteredModelTag(name, key, value);
  }

  deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    return this.registry.deleteRegisteredModelTag(name, key);
  }

  deleteRegisteredModel(name: string): Promise<void> {
    return this.registry.deleteRegisteredModel(name);
  }

  /** Registers a run's logged model as the next version of `name` (created if needed); returns the version. */
  createModelVersion(
    name: string,
    runId: string,
    artifactPath = 'model',
    options: RegistryEntryOptions = {},
  ): Promise<number> {
    return this.registry.createModelVersion(name, runId, artifactPath, options);
  }

  getModelVersion(name: string, version: number | string): Promise<ModelVersion> {
    return this.registry.getModelVersion(name, version);
  }

  searchModelVersions(options: { name?: string; runId?: string } = {}): Promise<ModelVersion[]> {
    return this.registry.searchModelVersions(options);
  }

  updateModelVersion(name: string, version: number | string, options: { description: string }): Promise<void> {
    return this.registry.updateModelVersion(name, version, options.description);
  }

  setModelVersionTag(name: string, version: number | string, key: string, value: string): Promise<void> {
    return this.registry.setModelVersionTag(name, version, key, value);
  }

  deleteModelVersionTag(name: string, version: number | string, key: string): Promise<void> {
    return this.registry.deleteModelVersionTag(name, version, key);
  }

  deleteModelVersion(name: string, version: number | string): Promise<void> {
    return this.registry.deleteModelVersion(name, version);
  }

  setRegisteredModelAlias(name: string, alias: string, version: number | string): Promise<void> {
    return this.registry.setRegisteredModelAlias(name, alias, version);
  }

  deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    return this.registry.deleteRegisteredModelAlias(name, alias);
  }

  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return this.registry.getModelVersionByAlias(name, alias);
  }

  /** The run and artifact path a models:/ or runs:/ URI points at (with the name and version for models:/). */
  resolveModelUri(uri: string): Promise<ResolvedModel> {
    return this.registry.resolveModelUri(uri);
  }

  // ---------------------------------------------------------------- preferences

  async getPreference<T>(key: string): Promise<T | undefined> {
    return (await this.db.preferences.get(key))?.value as T | undefined;
  }

  async setPreference(key: string, value: unknown): Promise<void> {
    await guardQuota(() => this.db.preferences.put({ key, value }));
  }
}
