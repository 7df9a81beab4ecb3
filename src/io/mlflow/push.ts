import type { Run, TrackingClient } from '../../tracking';
import { throwIfAborted } from '../errors';
import { MlflowError } from './errors';
import { pushRegistry, type PushedModel } from './push-registry';
import { pushRun, type PushedRun, type RunPushContext } from './push-run';
import { DEFAULT_PAGE_SIZES, findOrCreateExperiment, type PageSizes } from './remote';
import { MlflowRestClient, type MlflowServer, type RestClientOptions } from './rest-client';

export interface PushOptions {
  runIds: string[];
  signal?: AbortSignal;
  /** Runs finished of `total`; `runId` is the run being pushed; `metricPoints` sent so far in this push. */
  onProgress?: (progress: PushProgress) => void;
  /** For tests and scripts: page sizes and how the client presents itself. */
  pageSizes?: Partial<PageSizes>;
  client?: RestClientOptions;
}

export interface PushProgress {
  done: number;
  total: number;
  runId: string;
  metricPoints: number;
}

export interface PushResult {
  runs: PushedRun[];
  models: PushedModel[];
}

/** Failures that stop the whole push (the server, the connection or the settings), not one run's data. */
const stopsThePush = (error: unknown) =>
  !(error instanceof MlflowError) ||
  !['immutable-param', 'limit', 'rejected', 'not-found', 'forbidden'].includes(error.code);

/** Parents before children, so a child's `mlflow.parentRunId` can point at its parent's remote id. */
function parentsFirst(runs: Run[]): Run[] {
  const byId = new Map(runs.map((r) => [r.info.runId, r]));
  const depth = (run: Run, seen = new Set<string>()): number => {
    const parent = run.info.parentRunId ? byId.get(run.info.parentRunId) : undefined;
    if (!parent || seen.has(parent.info.runId)) return 0;
    seen.add(parent.info.runId);
    return 1 + depth(parent, seen);
  };
  return [...runs].sort((a, b) => depth(a) - depth(b));
}

/**
 * Pushes local runs to an MLflow tracking server (REST API 2.0): each run lands in the remote experiment of the
 * same name with its name, times, status, params, every tag, every metric point, dataset inputs, artifacts and
 * model, and the registry versions and aliases of its model. Pushing again sends only what the server lacks; a
 * push cut off anywhere completes on the next one. Nothing local is written.
 *
 * A run the server refuses (an immutable param it holds with another value, a limit) is reported 'failed' with
 * the reason and the others go on; a failure of the connection, the credentials or the server's CORS/Host rules
 * throws an MlflowError that says what to change.
 */
export async function pushRuns(
  tracking: TrackingClient,
  server: MlflowServer,
  options: PushOptions,
): Promise<PushResult> {
  const client = new MlflowRestClient(server, { work: 'Push', ...options.client });
  const signal = options.signal;
  const runs = parentsFirst(await Promise.all(options.runIds.map((id) => tracking.getRun(id))));
  let progress: PushProgress = { done: 0, total: runs.length, runId: '', metricPoints: 0 };
  const report = (change: Partial<PushProgress>) => {
    progress = { ...progress, ...change };
    options.onProgress?.(progress);
  };
  const ctx: RunPushContext = {
    client,
    tracking,
    signal,
    pageSizes: { ...DEFAULT_PAGE_SIZES, ...options.pageSizes },
    remoteIds: new Map(),
    onStep: (points) => report({ metricPoints: progress.metricPoints + points }),
  };
  const experiments = new Map<string, string>();
  const results: PushedRun[] = [];
  const pushedModels: { runId: string; remoteRunId: string; artifactUri: string }[] = [];
  for (const [i, run] of runs.entries()) {
    throwIfAborted(signal, 'Push');
    report({ done: i, runId: run.info.runId });
    const experiment = await tracking.getExperiment(run.info.experimentId);
    let remoteExperimentId = experiments.get(experiment.name);
    if (!remoteExperimentId) {
      remoteExperimentId = await findOrCreateExperiment(client, experiment.name, signal);
      experiments.set(experiment.name, remoteExperimentId);
    }
    try {
      const { pushed, artifactUri } = await pushRun(ctx, run, remoteExperimentId);
      results.push(pushed);
      pushedModels.push({ runId: run.info.runId, remoteRunId: pushed.remoteRunId, artifactUri });
    } catch (error) {
      if (stopsThePush(error)) throw error;
      results.push({
        runId: run.info.runId,
        remoteRunId: ctx.remoteIds.get(run.info.runId) ?? '',
        remoteExperimentId,
        status: 'failed',
        metricPoints: 0,
        params: 0,
        tags: 0,
        artifacts: 0,
        error: (error as Error).message,
      });
    }
  }
  const models = await pushRegistry(client, tracking, pushedModels, signal);
  report({ done: runs.length, runId: '' });
  return { runs: results, models };
}
