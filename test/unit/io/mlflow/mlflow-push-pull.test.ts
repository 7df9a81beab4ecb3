import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullRuns, pushRuns, type MlflowServer as ServerConfig } from '../../../../src/io';
import { LOG_BATCH_LIMITS, PushOutbox, retryDelay, SOURCE_RUN_TAG } from '../../../../src/io/mlflow';
import { listOutbox, pushRecordsOf, type TrackingClient } from '../../../../src/tracking';
import { MlflowServer } from '../../../mlflow/mlflow-server.mjs';
import { VENV_INSTALL_TIMEOUT_MS } from '../../../mlflow/mlflow-venv.mjs';
import { freshTracking } from '../../helpers';

/**
 * Push and pull against a real `mlflow server` (the pinned MLflow in .venv-mlflow, SQLite store, proxied
 * artifacts). One server for the file: starting one takes a minute on a busy machine.
 */

let server: MlflowServer;
let config: ServerConfig;

beforeAll(async () => {
  server = await MlflowServer.start();
  config = { url: server.url };
}, VENV_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await server?.dispose();
}, 60_000);

const T0 = Date.UTC(2026, 10, 1, 9);
const bytes = (text: string) => new TextEncoder().encode(text);

/** A run at the log-batch limits: 25,000 points over 3 metrics (NaN and ±Inf among them), 150 params, 250 tags. */
async function bigRun(t: TrackingClient, experimentId: string, name: string): Promise<string> {
  const run = await t.startRun({ experimentId, runName: name, startTime: T0 });
  const params: Record<string, string> = {};
  for (let i = 0; i < 150; i++) params[`p${i}`] = `value-${i}`;
  await run.logParams(params);
  const tags: Record<string, string> = {};
  for (let i = 0; i < 250; i++) tags[`tag.${i}`] = `t${i}`;
  await run.setTags(tags);
  for (let step = 0; step < 20_000; step++) run.logMetric('loss', 1 / (step + 1), step, T0 + step);
  for (let step = 0; step < 4_997; step++) run.logMetric('acc', step / 5000, step, T0 + step);
  run.logMetric('odd', NaN, 0, T0);
  run.logMetric('odd', Infinity, 1, T0 + 1);
  run.logMetric('odd', -Infinity, 2, T0 + 2);
  await run.logArtifact('notes/readme.md', '# hello');
  await run.logArtifact('data/blob.bin', new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)));
  await run.logInput({
    name: 'spiral',
    digest: 'abc123',
    sourceType: 'generated',
    source: 'playground:spiral',
    context: 'train',
  });
  await run.end();
  return run.id;
}

async function remote<T>(path: string, body?: object): Promise<T> {
  const response = await fetch(
    `${server.url}/api/2.0/mlflow/${path}`,
    body ? { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {},
  );
  return (await response.json()) as T;
}

async function remoteHistory(
  runId: string,
  key: string,
): Promise<{ value: number | string; step: number; timestamp: number }[]> {
  const out: { value: number | string; step: number; timestamp: number }[] = [];
  let token = '';
  do {
    const page = await remote<{ metrics?: typeof out; next_page_token?: string }>(
      `metrics/get-history?run_id=${runId}&metric_key=${key}&max_results=25000${token ? `&page_token=${token}` : ''}`,
    );
    out.push(...(page.metrics ?? []));
    token = page.next_page_token ?? '';
  } while (token);
  return out;
}

/** A real server on a busy 2-core machine: a 25,000-point push took 39 s there. */
const SLOW = { timeout: 300_000 };

describe('push to a real MLflow server', SLOW, () => {
  it('pushes a run at the limits whole, in batches, and a second push finds it unchanged', async () => {
    const t = await freshTracking();
    const experimentId = await t.createExperiment('limits');
    const runId = await bigRun(t, experimentId, 'big');

    const first = await pushRuns(t, config, { runIds: [runId] });
    expect(first.runs).toHaveLength(1);
    const pushed = first.runs[0];
    expect(pushed).toMatchObject({ runId, status: 'created', metricPoints: 25_000, params: 150, artifacts: 2 });
    // Every local tag, plus the source tag; mlflow.runName is local already.
    expect(pushed.tags).toBe(251);

    const { run } = await remote<{
      run: {
        info: { run_name: string; status: string; start_time: number; end_time: number };
        data: { params: unknown[]; tags: { key: string; value: string }[] };
        inputs: { dataset_inputs?: unknown[] };
      };
    }>(`runs/get?run_id=${pushed.remoteRunId}`);
    const local = await t.getRun(runId);
    expect(run.info).toMatchObject({
      run_name: 'big',
      status: 'FINISHED',
      start_time: T0,
      end_time: local.info.endTime,
    });
    expect(run.data.params).toHaveLength(150);
    const tags = Object.fromEntries(run.data.tags.map((x) => [x.key, x.value]));
    expect(tags[SOURCE_RUN_TAG]).toBe(runId);
    for (const [k, v] of Object.entries(local.data.tags)) expect(tags[k]).toBe(v);
    expect(run.inputs.dataset_inputs).toHaveLength(1);

    const loss = await remoteHistory(pushed.remoteRunId, 'loss');
    expect(loss).toHaveLength(20_000);
    expect(loss[19_999]).toMatchObject({ step: 19_999, timestamp: T0 + 19_999, value: 1 / 20_000 });
    // NaN comes back as the string "NaN"; ±Inf as ±Double.MAX (see wire.ts: the SQL store cannot hold Inf).
    const odd = await remoteHistory(pushed.remoteRunId, 'odd');
    expect(odd.map((p) => p.value)).toEqual(['NaN', 1.7976931348623157e308, -1.7976931348623157e308]);

    const blob = await fetch(
      `${server.url}/api/2.0/mlflow-artifacts/artifacts/${pushed.remoteExperimentId}/${pushed.remoteRunId}/artifacts/data/blob.bin`,
    );
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(
      new Uint8Array(await (await t.getArtifact(runId, 'data/blob.bin')).arrayBuffer()),
    );

    const again = await pushRuns(t, config, { runIds: [runId] });
    expect(again.runs[0]).toMatchObject({
      status: 'unchanged',
      remoteRunId: pushed.remoteRunId,
      metricPoints: 0,
      params: 0,
      tags: 0,
      artifacts: 0,
    });
    expect(await remoteHistory(pushed.remoteRunId, 'loss')).toHaveLength(20_000);
  });

  it('keeps nesting, registers the model version with its alias, and reports an immutable param per run and key', async () => {
    const t = await freshTracking();
    const experimentId = await t.createExperiment('nesting');
    const parent = await t.startRun({ experimentId, runName: 'sweep' });
    await parent.end();
    const child = await t.startRun({ experimentId, runName: 'trial-1', parentRunId: parent.id });
    await child.logParams({ lr: 0.1 });
    await child.logModelArtifacts({
      modelTopology: { class_name: 'Sequential' },
      weightSpecs: [],
      weightData: new ArrayBuffer(8),
      format: 'layers-model',
    });
    await child.end();
    const version = await t.createModelVersion('spiral-classifier', child.id, 'model');
    await t.setRegisteredModelAlias('spiral-classifier', 'champion', version);

    // The child comes first in the list: the parent still goes first, so the child can point at it.
    const result = await pushRuns(t, config, { runIds: [child.id, parent.id] });
    const remoteChild = result.runs.find((r) => r.runId === child.id)!;
    const remoteParent = result.runs.find((r) => r.runId === parent.id)!;
    const { run } = await remote<{
      run: { info: { artifact_uri: string }; data: { tags: { key: string; value: string }[] } };
    }>(`runs/get?run_id=${remoteChild.remoteRunId}`);
    expect(run.data.tags.find((x) => x.key === 'mlflow.parentRunId')?.value).toBe(remoteParent.remoteRunId);
    expect(result.models).toEqual([
      { name: 'spiral-classifier', version, remoteVersion: 1, aliases: ['champion'], status: 'created' },
    ]);
    const byAlias = await remote<{ model_version: { version: string; source: string; run_id: string } }>(
      'registered-models/alias?name=spiral-classifier&alias=champion',
    );
    expect(byAlias.model_version).toMatchObject({
      version: '1',
      source: `${run.info.artifact_uri}/model`,
      run_id: remoteChild.remoteRunId,
    });
    expect((await pushRuns(t, config, { runIds: [child.id] })).models[0].status).toBe('unchanged');

    // Someone changed the param on the server's copy's source: a local run with the same id and another lr.
    await t.updateRun(child.id, (row) => {
      row.params.lr = '0.2';
    });
    const conflict = await pushRuns(t, config, { runIds: [child.id] });
    expect(conflict.runs[0].status).toBe('failed');
    expect(conflict.runs[0].error).toContain(`'trial-1' (${child.id})`);
    expect(conflict.runs[0].error).toContain("param 'lr' (server '0.1', here '0.2')");
  });

  it('pulls an experiment back, following every page, equal to what was pushed', async () => {
    const source = await freshTracking();
    const experimentId = await source.createExperiment('round-trip');
    const runIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await source.startRun({ experimentId, runName: `r${i}`, startTime: T0 + i });
      await run.logParams({ i, lr: 0.01 * (i + 1) });
      await run.setTag('note', `run ${i}`);
      for (let step = 0; step < 30; step++)
        run.logMetric('loss', i === 0 && step === 3 ? NaN : 1 / (step + 1 + i), step, T0 + step);
      run.logMetric('edge', -Infinity, 0, T0);
      await run.logArtifact('notes/readme.md', bytes(`# run ${i}`));
      await run.end();
      runIds.push(run.id);
    }
    const pushed = await pushRuns(source, config, { runIds });
    const target = await freshTracking();
    // Pages of 2 runs and 7 points force every list through next_page_token.
    const summary = await pullRuns(target, config, {
      experimentNames: ['round-trip'],
      onExisting: 'skip',
      pageSizes: { runs: 2, history: 7 },
    });
    expect(summary).toMatchObject({ runs: 5, metricPoints: 5 * 31, artifacts: 5, skipped: [] });

    for (const [i, runId] of runIds.entries()) {
      const remoteRunId = pushed.runs.find((r) => r.runId === runId)!.remoteRunId;
      const [mine, theirs] = [await source.getRun(runId), await target.getRun(remoteRunId)];
      expect(theirs.info).toMatchObject({
        runName: `r${i}`,
        status: 'FINISHED',
        startTime: mine.info.startTime,
        endTime: mine.info.endTime,
      });
      expect(theirs.data.params).toEqual(mine.data.params);
      expect(theirs.data.tags).toEqual({ ...mine.data.tags, [SOURCE_RUN_TAG]: runId });
      for (const key of ['loss', 'edge']) {
        const [a, b] = [await source.getMetricHistory(runId, key), await target.getMetricHistory(remoteRunId, key)];
        expect(Array.from(b.values)).toEqual(Array.from(a.values));
        expect(Array.from(b.steps)).toEqual(Array.from(a.steps));
        expect(Array.from(b.timestamps)).toEqual(Array.from(a.timestamps));
      }
      expect(await (await target.getArtifact(remoteRunId, 'notes/readme.md')).text()).toBe(`# run ${i}`);
    }
    const again = await pullRuns(target, config, { experimentNames: ['round-trip'], onExisting: 'skip' });
    expect(again.runs).toBe(0);
    expect(again.skipped).toHaveLength(5);
  });

  it('a pull that fails half-way writes nothing', async () => {
    const target = await freshTracking();
    const before = await target.searchRuns({ viewType: 'ALL' });
    await expect(
      pullRuns(target, config, { experimentNames: ['round-trip'], runIds: ['0'.repeat(32)], onExisting: 'skip' }),
    ).rejects.toThrow();
    expect(await target.searchRuns({ viewType: 'ALL' })).toEqual(before);
  });

  it(`splits every request within MLflow's limits (${LOG_BATCH_LIMITS.metrics} metrics, ${LOG_BATCH_LIMITS.params} params, 1 MB)`, async () => {
    const t = await freshTracking();
    const experimentId = await t.createExperiment('long values');
    const run = await t.startRun({ experimentId, runName: 'wide' });
    const params: Record<string, string> = {};
    // 100 params of 5,900 characters: 590 KB, so two of these batches would pass the 1 MB body limit with tags.
    for (let i = 0; i < 100; i++) params[`long${i}`] = 'x'.repeat(5900);
    await run.logParams(params);
    const tags: Record<string, string> = {};
    for (let i = 0; i < 100; i++) tags[`long${i}`] = 'y'.repeat(7900);
    await run.setTags(tags);
    await run.end();
    const result = await pushRuns(t, config, { runIds: [run.id] });
    expect(result.runs[0]).toMatchObject({ status: 'created', params: 100 });
  });
});

describe('the outbox', () => {
  it('keeps a push made while the server is down and completes it when the server is back', async () => {
    const t = await freshTracking();
    const runId = await bigRun(t, await t.createExperiment('outbox'), 'offline');
    const outbox = new PushOutbox(t, { serverFor: () => config });
    await server.stop();
    try {
      const outcome = await outbox.push(config, [runId]);
      expect(outcome.state).toBe('waiting');
      const [entry] = await listOutbox(t);
      expect(entry).toMatchObject({ serverUrl: server.url, runIds: [runId], attempts: 1 });
      expect(entry.lastError).toContain(`Could not reach the MLflow server at ${server.url}`);
      expect(entry.nextAttemptAt - entry.createdAt).toBeGreaterThanOrEqual(retryDelay(0));
      expect(await pushRecordsOf(t, runId)).toEqual([]);
    } finally {
      await server.start();
    }
    await outbox.retry(true);
    outbox.stop();
    expect(await listOutbox(t)).toEqual([]);
    const [record] = await pushRecordsOf(t, runId);
    expect(record).toMatchObject({ runId, serverUrl: server.url });
    expect(await remoteHistory(record.remoteRunId, 'loss')).toHaveLength(20_000);
  }, 600_000);
});

describe('resume after the server dies mid-push', () => {
  it('completes on the next push with nothing duplicated', async () => {
    const t = await freshTracking();
    const experimentId = await t.createExperiment('crash');
    const runId = await bigRun(t, experimentId, 'crashy');
    // SIGKILL the server once 5,000 of the 25,000 points have landed: the run exists and is half sent.
    let killing: Promise<void> | null = null;
    const failure = await pushRuns(t, config, {
      runIds: [runId],
      onProgress: ({ metricPoints }) => {
        if (metricPoints >= 5000 && !killing) killing = server.kill();
      },
    }).catch((error: Error) => error);
    await killing;
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/Could not reach the MLflow server|failed \(HTTP 5/);
    await server.start();

    const resumed = await pushRuns(t, config, { runIds: [runId] });
    expect(resumed.runs[0].status).toBe('updated');
    const remoteRunId = resumed.runs[0].remoteRunId;
    expect(await remoteHistory(remoteRunId, 'loss')).toHaveLength(20_000);
    expect(await remoteHistory(remoteRunId, 'acc')).toHaveLength(4_997);
    const search = await remote<{ runs: unknown[] }>('runs/search', {
      experiment_ids: [resumed.runs[0].remoteExperimentId],
      filter: `tags.\`${SOURCE_RUN_TAG}\` = '${runId}'`,
    });
    expect(search.runs).toHaveLength(1);
    expect((await pushRuns(t, config, { runIds: [runId] })).runs[0].status).toBe('unchanged');
  }, 600_000);
});
