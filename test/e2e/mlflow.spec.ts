import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../scripts/find-chromium.mjs';
import { MlflowServer } from '../mlflow/mlflow-server.mjs';
import { REPO_ROOT, VENV_INSTALL_TIMEOUT_MS, venvBin } from '../mlflow/mlflow-venv.mjs';
import { expect, openApp, test } from './fixtures';
import { SwappableStaticServer } from './static-server';

/**
 * Push and pull between the page and a real `mlflow server` on another origin (another loopback port: real
 * cross-origin requests with preflights). MLflow's own Python client checks what the page pushed.
 */

const PAGE_ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4174}`;
let server: MlflowServer;

test.beforeAll(async () => {
  test.setTimeout(VENV_INSTALL_TIMEOUT_MS);
  server = await MlflowServer.start({ corsOrigins: [PAGE_ORIGIN] });
});

test.afterAll(async () => {
  await server?.dispose();
});

interface PythonView {
  runs: {
    run_id: string;
    run_name: string;
    status: string;
    params: Record<string, string>;
    tags: Record<string, string>;
    histories: Record<string, [number, number, number | string][]>;
    artifacts: Record<string, string>;
  }[];
  models: { name: string; version: string; run_id: string; source: string; aliases: string[] }[];
}

/** The experiment as MLflow's Python client reads it from the server. */
function readWithMlflow(experiment: string): PythonView {
  const out = execFileSync(venvBin('python'), [join(REPO_ROOT, 'test/mlflow/read_server.py'), server.url, experiment], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as PythonView;
}

async function setServer(page: Page, url: string): Promise<void> {
  await openApp(page, '#/settings');
  await page.getByLabel('Server URL').fill(url);
  await page.getByRole('button', { name: 'Test connection' }).click();
}

/** A finished run with per-epoch metrics, an artifact and a small model, logged through the page's tracking API. */
async function logRun(page: Page, experimentId: string, runName: string, seed: number): Promise<string> {
  return page.evaluate(
    async ({ experimentId, runName, seed }) => {
      const tracking = window.tabflow!.tracking;
      const run = await tracking.startRun({ experimentId, runName });
      await run.logParams({ lr: 0.01 * seed, hidden: '[8]', seed });
      await run.setTag('note', `seed ${seed}`);
      for (let epoch = 0; epoch < 40; epoch++) {
        run.logMetric('loss', 1 / (epoch + seed), epoch);
        run.logMetric('accuracy', epoch === 0 ? NaN : 1 - 1 / (epoch + 1), epoch);
      }
      await run.logArtifact(
        'plots/boundary.png',
        new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * seed) % 256)),
      );
      const weights = new Float32Array([0.5 * seed, -1.25, 2, 0.125, 0.25, -0.5]);
      await run.logModelArtifacts({
        format: 'layers-model',
        generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
        convertedBy: null,
        modelTopology: {
          class_name: 'Sequential',
          config: {
            name: 'seq',
            layers: [
              {
                class_name: 'Dense',
                config: {
                  units: 2,
                  activation: 'softmax',
                  use_bias: true,
                  name: 'dense',
                  batch_input_shape: [null, 2],
                },
              },
            ],
          },
          keras_version: 'tfjs-layers 4.22.0',
          backend: 'tensor_flow.js',
        },
        weightSpecs: [
          { name: 'dense/kernel', shape: [2, 2], dtype: 'float32' },
          { name: 'dense/bias', shape: [2], dtype: 'float32' },
        ],
        weightData: weights.buffer,
      });
      await run.end();
      return run.id;
    },
    { experimentId, runName, seed },
  );
}

/** Screenshots to look at, outside test-results/ (which every Playwright run empties). */
const shot = (name: string) => join(tmpdir(), 'tabflow-mlflow-shots', `${name}.png`);

const sha256 = (bytes: number[]) => createHash('sha256').update(Uint8Array.from(bytes)).digest('hex');

test('push three runs from the runs table; MLflow reads them whole; a second push is unchanged; a fresh browser pulls them back', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await setServer(page, server.url);
  await expect(page.getByRole('status').filter({ hasText: 'Connected to MLflow' })).toContainText(
    'Connected to MLflow 3.17.2',
  );

  const experimentId = await page.evaluate(() => window.tabflow!.tracking.createExperiment('class 3b'));
  const ids = [
    await logRun(page, experimentId, 'alpha', 1),
    await logRun(page, experimentId, 'beta', 2),
    await logRun(page, experimentId, 'gamma', 3),
  ];
  await page.evaluate(async (runId) => {
    const tracking = window.tabflow!.tracking;
    const version = await tracking.createModelVersion('spiral-classifier', runId, 'model');
    await tracking.setRegisteredModelAlias('spiral-classifier', 'champion', version);
  }, ids[1]);

  await page.goto(`./#/experiments/${experimentId}`);
  const table = page.getByRole('table');
  for (const name of ['alpha', 'beta', 'gamma'])
    await table.getByRole('checkbox', { name: `Select run ${name}` }).check();
  await page.getByRole('button', { name: 'Push to MLflow', exact: true }).click();
  const results = page.getByRole('list', { name: 'Push results' });
  await expect(results).toContainText('alpha: created', { timeout: 60_000 });
  await expect(results).toContainText('beta: created');
  await expect(results).toContainText('gamma: created');
  await expect(results).toContainText('Model spiral-classifier version 1 → server version 1 (@champion): created');
  await page.screenshot({ path: shot('push-1366') });

  // MLflow's own client reads the same params, tags, histories, artifact bytes, model version and alias.
  const python = readWithMlflow('class 3b');
  expect(python.runs).toHaveLength(3);
  for (const runId of ids) {
    const local = await page.evaluate(async (id) => {
      const tracking = window.tabflow!.tracking;
      const run = await tracking.getRun(id);
      const histories: Record<string, [number, number, number | string][]> = {};
      for (const key of Object.keys(run.data.metrics)) {
        const h = await tracking.getMetricHistory(id, key);
        histories[key] = Array.from(h.values, (v, i) => [h.steps[i], h.timestamps[i], Number.isNaN(v) ? 'NaN' : v]);
      }
      const artifacts: Record<string, number[]> = {};
      for (const a of await tracking.listArtifacts(id))
        artifacts[a.path] = Array.from(new Uint8Array(await (await tracking.getArtifact(id, a.path)).arrayBuffer()));
      return { name: run.info.runName, params: run.data.params, tags: run.data.tags, histories, artifacts };
    }, runId);
    const remote = python.runs.find((r) => r.tags['tabflow.source_run_id'] === runId)!;
    expect(remote.run_name).toBe(local.name);
    expect(remote.status).toBe('FINISHED');
    expect(remote.params).toEqual(local.params);
    for (const [k, v] of Object.entries(local.tags)) expect(remote.tags[k]).toBe(v);
    expect(remote.histories).toEqual(local.histories);
    expect(remote.artifacts).toEqual(
      Object.fromEntries(Object.entries(local.artifacts).map(([path, bytes]) => [path, sha256(bytes)])),
    );
  }
  const beta = python.runs.find((r) => r.tags['tabflow.source_run_id'] === ids[1])!;
  expect(python.models).toEqual([
    {
      name: 'spiral-classifier',
      version: '1',
      run_id: beta.run_id,
      source: expect.stringContaining(`/${beta.run_id}/artifacts/model`),
      aliases: ['champion'],
    },
  ]);

  // Pushing again sends nothing.
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Push to MLflow', exact: true }).click();
  await expect(results).toContainText('alpha: unchanged', { timeout: 60_000 });
  await expect(results).toContainText('beta: unchanged');
  await expect(results).toContainText('gamma: unchanged');
  expect(readWithMlflow('class 3b').runs).toHaveLength(3);

  // A fresh browser profile pulls the experiment back.
  const fresh = await browser.newContext({ baseURL: PAGE_ORIGIN + '/' });
  const other = await fresh.newPage();
  await setServer(other, server.url);
  await expect(other.getByRole('status').filter({ hasText: 'Connected to MLflow' })).toBeVisible();
  await other.goto('./#/experiments/0');
  // The router keeps Settings on screen until the Experiments page's chunk has loaded, and Settings has an
  // "Import" button too: a click before the heading shows opens Settings' dialog, which leaves with that page (CI
  // under load once waited for it in vain; reproduced by delaying the page's chunk by 1.5 s).
  await expect(other.getByRole('heading', { level: 1, name: 'Default' })).toBeVisible();
  await other.getByRole('button', { name: 'Import', exact: true }).click();
  await other.getByRole('button', { name: 'From an MLflow server' }).click();
  await other.getByRole('checkbox', { name: 'class 3b' }).check();
  await other.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Pulled' })).toContainText(
    'Pulled 3 runs with 240 metric points, 12 artifacts and 1 model version',
    { timeout: 60_000 },
  );
  await other.screenshot({ path: shot('pull-1366') });

  // The pulled champion is the pushed one, weight for weight, so it predicts the same.
  const weightsOf = (p: Page) =>
    p.evaluate(async () => {
      const artifacts = await window.tabflow!.tracking.loadModelArtifacts('models:/spiral-classifier@champion');
      return { specs: artifacts.weightSpecs, weights: Array.from(new Uint8Array(artifacts.weightData as ArrayBuffer)) };
    });
  expect(await weightsOf(other)).toEqual(await weightsOf(page));
  const names = await other.evaluate(async () =>
    (await window.tabflow!.tracking.searchRuns({})).map((r) => r.info.runName).sort(),
  );
  expect(names).toEqual(['alpha', 'beta', 'gamma']);
  await fresh.close();
});

test('a push made offline waits in "Waiting to push" and completes when the network is back', async ({
  page,
  context,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  await setServer(page, server.url);
  await expect(page.getByRole('status').filter({ hasText: 'Connected to MLflow' })).toBeVisible();
  const experimentId = await page.evaluate(() => window.tabflow!.tracking.createExperiment('offline class'));
  const runId = await logRun(page, experimentId, 'on-the-train', 4);
  await page.goto(`./#/experiments/${experimentId}`);
  await page.getByRole('table').getByRole('checkbox', { name: 'Select run on-the-train' }).check();

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Push to MLflow', exact: true }).click();
  const waiting = page.getByRole('region', { name: 'Waiting to push' });
  await expect(waiting).toContainText(`1 run to ${server.url}`, { timeout: 30_000 });
  await expect(waiting.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expect(waiting.getByRole('button', { name: /^Cancel/ })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot('outbox-390'), fullPage: true });

  await context.setOffline(false);
  await expect(waiting).toHaveCount(0, { timeout: 60_000 });
  const python = readWithMlflow('offline class');
  expect(python.runs.map((r) => r.tags['tabflow.source_run_id'])).toEqual([runId]);
  expect(python.runs[0].histories.loss).toHaveLength(40);
  // The failed requests while offline are the point of this test; anything else still fails it.
  const offline = consoleErrors.filter((e) => e.includes('ERR_INTERNET_DISCONNECTED'));
  expect(offline.length).toBeGreaterThan(0);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !offline.includes(e)));
});

test('a page origin the server does not allow is told the exact --cors-allowed-origins flag', async () => {
  test.setTimeout(120_000);
  // MLflow always allows http://127.0.0.1:* and http://localhost:* origins (security_utils.py), so the page is
  // served under another host name that resolves to 127.0.0.1: a real origin the server was not told about.
  // resolve, not join: E2E_DIST may be an absolute folder (each engineer builds into their own).
  const statics = new SwappableStaticServer(resolve(REPO_ROOT, process.env.E2E_DIST ?? 'dist'));
  const port = new URL(await statics.start()).port;
  const origin = `http://tabflow.test:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH,
    args: [
      ...CHROMIUM_ARGS,
      '--host-resolver-rules=MAP tabflow.test 127.0.0.1',
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
    ],
  });
  try {
    const page = await browser.newPage({ baseURL: `${origin}/` });
    await setServer(page, server.url);
    const alert = page.locator('mlflow-section').getByRole('alert');
    await expect(alert).toContainText(`refused requests from this page (${origin})`, { timeout: 30_000 });
    await expect(alert).toContainText(`mlflow server --cors-allowed-origins ${origin}`);
    await page.screenshot({ path: shot('cors-1366') });
  } finally {
    await browser.close();
    await statics.stop();
  }
});
