import { MlflowError } from './errors';
import type { MlflowRestClient } from './rest-client';
import { SOURCE_RUN_TAG, type ExperimentJson, type MetricJson, type RunJson, quoteFilterValue } from './wire';

/** Reads and lookups on the server that push and pull share; every list follows `next_page_token` to the end. */

export interface PageSizes {
  /** runs/search max_results (MLflow allows up to 50,000; its default is 1,000). */
  runs: number;
  /** metrics/get-history max_results. */
  history: number;
}

export const DEFAULT_PAGE_SIZES: PageSizes = { runs: 1000, history: 25_000 };

/**
 * The active experiment of this name, or null. experiments/search rather than get-by-name: a missing name is an
 * empty list there instead of a 404, which a page's console would report as an error.
 */
export async function getExperimentByName(
  client: MlflowRestClient,
  name: string,
  signal?: AbortSignal,
): Promise<ExperimentJson | null> {
  const { experiments } = await client.post<{ experiments?: ExperimentJson[] }>(
    'experiments/search',
    { filter: `name = ${quoteFilterValue(name)}`, max_results: 1, view_type: 'ACTIVE_ONLY' },
    signal,
  );
  return experiments?.[0] ?? null;
}

/** The remote experiment of this name, created when missing (a race with another pusher ends in the same id). */
export async function findOrCreateExperiment(
  client: MlflowRestClient,
  name: string,
  signal?: AbortSignal,
): Promise<string> {
  const found = await getExperimentByName(client, name, signal);
  if (found) return found.experiment_id;
  try {
    const { experiment_id } = await client.post<{ experiment_id: string }>('experiments/create', { name }, signal);
    return experiment_id;
  } catch (error) {
    if (error instanceof MlflowError && error.mlflowCode === 'RESOURCE_ALREADY_EXISTS') {
      const again = await getExperimentByName(client, name, signal);
      if (again) return again.experiment_id;
    }
    throw error;
  }
}

export async function searchRuns(
  client: MlflowRestClient,
  experimentIds: string[],
  options: { filter?: string; pageSize: number; signal?: AbortSignal; viewType?: 'ACTIVE_ONLY' | 'ALL' },
): Promise<RunJson[]> {
  const runs: RunJson[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.post<{ runs?: RunJson[]; next_page_token?: string }>(
      'runs/search',
      {
        experiment_ids: experimentIds,
        filter: options.filter ?? '',
        run_view_type: options.viewType ?? 'ACTIVE_ONLY',
        max_results: options.pageSize,
        page_token: pageToken,
      },
      options.signal,
    );
    runs.push(...(page.runs ?? []));
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return runs;
}

/** The run an earlier push made of this local run, found by its source tag (deleted runs included). */
export async function findPushedRun(
  client: MlflowRestClient,
  experimentId: string,
  localRunId: string,
  signal?: AbortSignal,
): Promise<RunJson | null> {
  const runs = await searchRuns(client, [experimentId], {
    filter: `tags.\`${SOURCE_RUN_TAG}\` = ${quoteFilterValue(localRunId)}`,
    pageSize: 10,
    signal,
    viewType: 'ALL',
  });
  return runs[0] ?? null;
}

export async function metricHistory(
  client: MlflowRestClient,
  runId: string,
  key: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<MetricJson[]> {
  const points: MetricJson[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.get<{ metrics?: MetricJson[]; next_page_token?: string }>(
      'metrics/get-history',
      { run_id: runId, metric_key: key, max_results: pageSize, page_token: pageToken },
      signal,
    );
    points.push(...(page.metrics ?? []));
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return points;
}

/** Every file under a run's artifact root, walking folders (artifacts/list lists one level). */
export async function listArtifacts(
  client: MlflowRestClient,
  runId: string,
  signal?: AbortSignal,
  path?: string,
): Promise<{ path: string; size: number }[]> {
  const { files } = await client.get<{ files?: { path: string; is_dir?: boolean; file_size?: number | string }[] }>(
    'artifacts/list',
    { run_id: runId, path },
    signal,
  );
  const out: { path: string; size: number }[] = [];
  for (const f of files ?? []) {
    if (f.is_dir) out.push(...(await listArtifacts(client, runId, signal, f.path)));
    else out.push({ path: f.path, size: Number(f.file_size ?? 0) });
  }
  return out;
}
