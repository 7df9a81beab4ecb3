import {
  validateRunId,
  writeSnapshot,
  type DatasetInput,
  type Experiment,
  type LifecycleStage,
  type MetricHistory,
  type RunStatus,
  type Snapshot,
  type SnapshotRun,
  type TrackingClient,
} from '../../tracking';
import { throwIfAborted } from '../errors';
import type { ImportSummary } from '../import';
import { MlflowError } from './errors';
import { pullRegistry } from './pull-registry';
import {
  DEFAULT_PAGE_SIZES,
  getExperimentByName,
  listArtifacts,
  metricHistory,
  searchRuns,
  type PageSizes,
} from './remote';
import { MlflowRestClient, type MlflowServer, type RestClientOptions } from './rest-client';
import { decodeMetricValue, num, toRecord, type ExperimentJson, type RunJson } from './wire';
import { keyedRecord, setOwn } from '../../tracking/keyed-record';

export interface PullOptions {
  experimentIds?: string[];
  experimentNames?: string[];
  runIds?: string[];
  /** A run id (or model version) that already exists here is kept (skip) or overwritten (replace). */
  onExisting: 'skip' | 'replace';
  signal?: AbortSignal;
  /** 'reading': runs fetched of `total`; 'writing': the single database transaction is running. */
  onProgress?: (progress: { phase: 'reading' | 'writing'; done: number; total: number }) => void;
  pageSizes?: Partial<PageSizes>;
  client?: RestClientOptions;
}

/** Runs read at once during a pull. */
const PULL_CONCURRENCY = 4;

const experimentOf = (e: ExperimentJson): Experiment => ({
  experimentId: e.experiment_id,
  name: e.name,
  lifecycleStage: e.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  creationTime: num(e.creation_time) ?? 0,
  lastUpdateTime: num(e.last_update_time) ?? num(e.creation_time) ?? 0,
  tags: toRecord(e.tags),
});

async function selectExperiments(client: MlflowRestClient, options: PullOptions): Promise<Map<string, ExperimentJson>> {
  const out = new Map<string, ExperimentJson>();
  for (const id of options.experimentIds ?? []) {
    const { experiment } = await client.get<{ experiment: ExperimentJson }>(
      'experiments/get',
      { experiment_id: id },
      options.signal,
    );
    out.set(experiment.experiment_id, experiment);
  }
  for (const name of options.experimentNames ?? []) {
    const experiment = await getExperimentByName(client, name, options.signal);
    if (!experiment)
      throw new MlflowError(
        'not-found',
        `The MLflow server at ${client.baseUrl} has no experiment named '${name}'. Check the name (it is case-sensitive).`,
      );
    out.set(experiment.experiment_id, experiment);
  }
  return out;
}

async function selectRuns(
  client: MlflowRestClient,
  experiments: Map<string, ExperimentJson>,
  options: PullOptions,
  pageSize: number,
): Promise<RunJson[]> {
  const runs = new Map<string, RunJson>();
  if (experiments.size > 0) {
    for (const r of await searchRuns(client, [...experiments.keys()], { pageSize, signal: options.signal }))
      runs.set(r.info.run_id, r);
  }
  for (const id of options.runIds ?? []) {
    const { run } = await client.get<{ run: RunJson }>('runs/get', { run_id: id }, options.signal);
    runs.set(run.info.run_id, run);
    if (!experiments.has(run.info.experiment_id)) {
      const { experiment } = await client.get<{ experiment: ExperimentJson }>(
        'experiments/get',
        { experiment_id: run.info.experiment_id },
        options.signal,
      );
      experiments.set(experiment.experiment_id, experiment);
    }
  }
  return [...runs.values()];
}

function datasetInputsOf(run: RunJson): DatasetInput[] {
  return (run.inputs?.dataset_inputs ?? []).map((d) => ({
    name: d.dataset.name,
    digest: d.dataset.digest,
    sourceType: d.dataset.source_type,
    source: d.dataset.source,
    ...(d.dataset.schema ? { schema: d.dataset.schema } : {}),
    ...(d.dataset.profile ? { profile: d.dataset.profile } : {}),
    ...(toRecord(d.tags)['mlflow.data.context'] ? { context: toRecord(d.tags)['mlflow.data.context'] } : {}),
  }));
}

async function historyOf(
  client: MlflowRestClient,
  runId: string,
  key: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<MetricHistory> {
  const points = await metricHistory(client, runId, key, pageSize, signal);
  const history = {
    steps: new Float64Array(points.length),
    values: new Float64Array(points.length),
    timestamps: new Float64Array(points.length),
  };
  points.forEach((p, i) => {
    history.steps[i] = Number(p.step ?? 0);
    history.values[i] = decodeMetricValue(p.value);
    history.timestamps[i] = Number(p.timestamp);
  });
  return history;
}

async function snapshotRunOf(
  client: MlflowRestClient,
  run: RunJson,
  pageSize: number,
  signal?: AbortSignal,
): Promise<SnapshotRun> {
  const info = run.info;
  validateRunId(info.run_id);
  const tags = toRecord(run.data.tags);
  const metrics = keyedRecord<MetricHistory>();
  for (const key of new Set((run.data.metrics ?? []).map((m) => m.key)))
    setOwn(metrics, key, await historyOf(client, info.run_id, key, pageSize, signal));
  const artifacts: SnapshotRun['artifacts'] = [];
  // Only a proxied artifact store is reachable from a tab; runs stored elsewhere (s3:, file:) come without files.
  if (info.artifact_uri?.startsWith('mlflow-artifacts:')) {
    for (const file of await listArtifacts(client, info.run_id, signal)) {
      artifacts.push({ path: file.path, data: await client.getArtifact(info.artifact_uri, file.path, signal) });
    }
  }
  return {
    runId: info.run_id,
    runName: info.run_name ?? tags['mlflow.runName'] ?? '',
    experimentId: info.experiment_id,
    status: info.status as RunStatus,
    startTime: num(info.start_time) ?? 0,
    endTime: num(info.end_time),
    lifecycleStage: info.lifecycle_stage as LifecycleStage,
    deletedTime: null,
    userId: info.user_id ?? '',
    params: toRecord(run.data.params),
    tags,
    datasetInputs: datasetInputsOf(run),
    metrics,
    artifacts,
  };
}

/**
 * Pulls runs from an MLflow tracking server into this tracking store: the runs of the named experiments (every
 * page of runs/search) and/or the given run ids, with their ids, names, times, statuses, params, tags, full
 * metric histories (every page of metrics/get-history), artifacts (when the server proxies them) and the registry
 * versions and aliases that point at them. Everything is fetched first and then written through the same
 * one-transaction path as a zip import (writeSnapshot), so a pull that fails writes nothing.
 */
export async function pullRuns(
  tracking: TrackingClient,
  server: MlflowServer,
  options: PullOptions,
): Promise<ImportSummary> {
  const client = new MlflowRestClient(server, { work: 'Pull', ...options.client });
  const pageSizes = { ...DEFAULT_PAGE_SIZES, ...options.pageSizes };
  const signal = options.signal;
  if (!options.experimentIds?.length && !options.experimentNames?.length && !options.runIds?.length) {
    throw new Error('pullRuns needs experimentIds, experimentNames or runIds: say what to pull.');
  }
  const experiments = await selectExperiments(client, options);
  const remoteRuns = await selectRuns(client, experiments, options, pageSizes.runs);
  // A few runs at a time: each is several small requests, and the server's latency, not its work, is what they
  // wait on. Order is kept, so the write is the same whatever order the answers come in.
  const runs: SnapshotRun[] = new Array(remoteRuns.length);
  let next = 0;
  let done = 0;
  options.onProgress?.({ phase: 'reading', done: 0, total: remoteRuns.length });
  const worker = async () => {
    while (next < remoteRuns.length) {
      const i = next++;
      throwIfAborted(signal, 'Pull');
      runs[i] = await snapshotRunOf(client, remoteRuns[i], pageSizes.history, signal);
      options.onProgress?.({ phase: 'reading', done: ++done, total: remoteRuns.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PULL_CONCURRENCY, remoteRuns.length) }, worker));
  const registry = await pullRegistry(client, remoteRuns, signal);
  throwIfAborted(signal, 'Pull');
  options.onProgress?.({ phase: 'writing', done: remoteRuns.length, total: remoteRuns.length });
  const snapshot: Snapshot = { experiments: [...experiments.values()].map(experimentOf), runs, ...registry };
  return writeSnapshot(tracking, snapshot, { onExisting: options.onExisting });
}
