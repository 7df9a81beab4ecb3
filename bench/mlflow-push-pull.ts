/**
 * "push" / "pull" (issue 20): metric points per second that pushRuns sends from the page to a real MLflow server,
 * against the same log-batch bodies POSTed raw to it from the same page; and the ms pullRuns takes to bring the
 * runs back into an empty database, against fetching the same runs/search and metrics/get-history pages raw.
 */
import { pullRuns, pushRuns } from '../src/io';
import { logBatchBodies } from '../src/io/mlflow/log-batch';
import { encodeMetricValue } from '../src/io/mlflow/wire';
import { openTracking, type TrackingClient } from '../src/tracking';
import { dropDb, freshDbName, seededValues, timeMs } from './timing';

let prepared: {
  tracking: TrackingClient;
  dbName: string;
  experimentId: string;
  runIds: string[];
  points: number;
} | null = null;

export interface MlflowBenchSize {
  runs: number;
  pointsPerRun: number;
}

/** Runs of one experiment, each with one metric of `pointsPerRun` points and a few params. */
export async function mlflowPrepare({ runs, pointsPerRun }: MlflowBenchSize): Promise<{ points: number }> {
  await mlflowCleanUp();
  const dbName = freshDbName('mlflow');
  const tracking = await openTracking({ dbName });
  const experimentId = await tracking.createExperiment('bench-push');
  const values = seededValues(pointsPerRun, 7);
  const runIds: string[] = [];
  for (let r = 0; r < runs; r++) {
    const run = await tracking.startRun({ experimentId, runName: `push-${r}` });
    await run.logParams({ lr: 0.01, run: r });
    for (let i = 0; i < pointsPerRun; i++) run.logMetric('loss', values[i], i, 1_700_000_000_000 + i);
    await run.end();
    runIds.push(run.id);
  }
  prepared = { tracking, dbName, experimentId, runIds, points: runs * pointsPerRun };
  return { points: prepared.points };
}

/** tabflow's push into a fresh remote experiment (the local experiment is renamed so every repetition creates). */
export async function mlflowPushTabflow({
  url,
  experiment,
}: {
  url: string;
  experiment: string;
}): Promise<{ ms: number; points: number }> {
  const p = prepared!;
  await p.tracking.renameExperiment(p.experimentId, experiment);
  let value: Awaited<ReturnType<typeof pushRuns>> | null = null;
  const ms = await timeMs(async () => (value = await pushRuns(p.tracking, { url }, { runIds: p.runIds })));
  if (!value) throw new Error('push returned nothing');
  const result: Awaited<ReturnType<typeof pushRuns>> = value;
  const sent = result.runs.reduce((n, r) => n + r.metricPoints, 0);
  if (sent !== p.points || result.runs.some((r) => r.status !== 'created'))
    throw new Error(`push sent ${sent} of ${p.points} points`);
  return { ms, points: sent };
}

async function post(url: string, endpoint: string, body: string): Promise<unknown> {
  const response = await fetch(`${url}/api/2.0/mlflow/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (!response.ok) throw new Error(`${endpoint}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** The baseline: the same runs created and the same log-batch bodies POSTed with bare fetch, histories read beforehand. */
export async function mlflowPushRaw({
  url,
  experiment,
}: {
  url: string;
  experiment: string;
}): Promise<{ ms: number; points: number }> {
  const p = prepared!;
  const histories = await Promise.all(p.runIds.map((id) => p.tracking.getMetricHistory(id, 'loss')));
  const metrics = histories.map((h) =>
    Array.from(h.values, (v, i) => ({
      key: 'loss',
      value: encodeMetricValue(v),
      timestamp: h.timestamps[i],
      step: h.steps[i],
    })),
  );
  const ms = await timeMs(async () => {
    const { experiment_id } = (await post(url, 'experiments/create', JSON.stringify({ name: experiment }))) as {
      experiment_id: string;
    };
    for (const m of metrics) {
      const { run } = (await post(url, 'runs/create', JSON.stringify({ experiment_id, run_name: 'raw' }))) as {
        run: { info: { run_id: string } };
      };
      for (const batch of logBatchBodies(run.info.run_id, {
        metrics: m,
        params: [{ key: 'lr', value: '0.01' }],
        tags: [],
      }))
        await post(url, 'runs/log-batch', batch.body);
      await post(
        url,
        'runs/update',
        JSON.stringify({ run_id: run.info.run_id, status: 'FINISHED', end_time: Date.now() }),
      );
    }
  });
  return { ms, points: p.points };
}

/** tabflow's pull of a remote experiment into an empty database. */
export async function mlflowPullTabflow({
  url,
  experiment,
}: {
  url: string;
  experiment: string;
}): Promise<{ ms: number; points: number }> {
  const dbName = freshDbName('mlflow-pull');
  const tracking = await openTracking({ dbName });
  try {
    let points = 0;
    const ms = await timeMs(
      async () =>
        (points = (await pullRuns(tracking, { url }, { experimentNames: [experiment], onExisting: 'skip' }))
          .metricPoints),
    );
    return { ms, points };
  } finally {
    tracking.close();
    await dropDb(dbName);
  }
}

/** The baseline: the same pages of runs/search and metrics/get-history fetched and parsed, nothing stored. */
export async function mlflowPullRaw({
  url,
  experiment,
}: {
  url: string;
  experiment: string;
}): Promise<{ ms: number; points: number }> {
  let points = 0;
  const ms = await timeMs(async () => {
    const { experiments } = (await post(
      url,
      'experiments/search',
      JSON.stringify({ filter: `name = '${experiment}'`, max_results: 1 }),
    )) as { experiments: { experiment_id: string }[] };
    const { runs } = (await post(
      url,
      'runs/search',
      JSON.stringify({ experiment_ids: [experiments[0].experiment_id], max_results: 1000 }),
    )) as { runs: { info: { run_id: string } }[] };
    for (const run of runs) {
      let token = '';
      do {
        const response = await fetch(
          `${url}/api/2.0/mlflow/metrics/get-history?run_id=${run.info.run_id}&metric_key=loss&max_results=25000${token ? `&page_token=${token}` : ''}`,
        );
        const page = (await response.json()) as { metrics?: unknown[]; next_page_token?: string };
        points += page.metrics?.length ?? 0;
        token = page.next_page_token ?? '';
      } while (token);
    }
  });
  return { ms, points };
}

export async function mlflowCleanUp(): Promise<void> {
  if (!prepared) return;
  prepared.tracking.close();
  await dropDb(prepared.dbName);
  prepared = null;
}
