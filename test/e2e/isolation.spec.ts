import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_MODEL_CONFIG } from '../../src/ml/model-config';
import type { TrainRequest } from '../../src/ml/training-messages';
import { DOCUMENT_CSP, WORKER_CSP } from '../../scripts/security-headers.mjs';
import { expect, openApp, test } from './fixtures';

/** A second local server, another origin: it counts what reaches it and allows CORS so the page's fetch succeeds. */
async function startOtherOrigin(): Promise<{ url: string; requests: string[]; stop: () => Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}

/** The built file of one of the app's own workers, e.g. assets/io.worker-<hash>.js. */
function builtWorkerPath(name: string): string {
  const file = readdirSync(join(process.env.E2E_DIST ?? 'dist', 'assets')).find(
    (f) => f.startsWith(`${name}-`) && f.endsWith('.js'),
  );
  if (!file) throw new Error(`No built ${name} in the build folder: run the e2e build first.`);
  return `assets/${file}`;
}

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('the served page is cross-origin isolated and every page and worker script carries its policy header', async ({
  page,
}) => {
  const response = await page.goto('./#/experiments');
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(headers['content-security-policy']).toBe(DOCUMENT_CSP);
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  for (const name of ['io.worker', 'train.worker', 'predict.worker']) {
    const worker = await page.request.get(`./${builtWorkerPath(name)}`);
    expect(worker.headers()['content-security-policy'], name).toBe(WORKER_CSP);
    expect(worker.headers()['cross-origin-embedder-policy'], name).toBe('require-corp');
  }
});

test('a same-origin worker cannot reach another origin, while the page (the MLflow client) can', async ({
  page,
  context,
  consoleErrors,
}) => {
  const other = await startOtherOrigin();
  try {
    // The probe's script is served with the headers the server really sends for a worker script (the io worker's),
    // only its body replaced by a fetch to the other origin.
    const ioWorker = builtWorkerPath('io.worker');
    await context.route('**/isolation-probe.worker.js', async (route) => {
      const real = await route.fetch({ url: new URL(`/${ioWorker}`, route.request().url()).href });
      await route.fulfill({
        response: real,
        body: 'fetch(self.name).then(() => postMessage("sent"), (e) => postMessage(e.name));',
      });
    });
    await openApp(page);

    const fromWorker = await page.evaluate(async (target) => {
      const worker = new Worker('./isolation-probe.worker.js', { name: `${target}from-worker` });
      return new Promise<string>((resolve) => {
        worker.onmessage = (e) => resolve(e.data as string);
        worker.onerror = (e) => resolve(`worker error: ${e.message}`);
      });
    }, other.url);
    expect(fromWorker).toBe('TypeError');

    const fromPage = await page.evaluate(
      (target) =>
        fetch(`${target}from-page`).then(
          () => 'sent',
          (e: Error) => e.name,
        ),
      other.url,
    );
    expect(fromPage).toBe('sent');
    expect(other.requests).toEqual(['/from-page']);

    // The browser reports the blocked attempt on the console; it was provoked on purpose.
    expect(consoleErrors.every((e) => /Content Security Policy|Failed to fetch/.test(e))).toBe(true);
    consoleErrors.length = 0;
  } finally {
    await other.stop();
  }
});

test('offline, the service worker serves the app cross-origin isolated, with the same headers', async ({
  page,
  context,
}) => {
  await openApp(page);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  expect(reloaded!.headers()['content-security-policy']).toBe(DOCUMENT_CSP);
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  const worker = await page.evaluate(
    async (path) => {
      const response = await fetch(path);
      return {
        csp: response.headers.get('content-security-policy'),
        coep: response.headers.get('cross-origin-embedder-policy'),
      };
    },
    `./${builtWorkerPath('train.worker')}`,
  );
  expect(worker).toEqual({ csp: WORKER_CSP, coep: 'require-corp' });
});

const storedThreads = (page: Page) =>
  page.evaluate(() => window.tabflow!.tracking.getPreference<number | null>('tabflow.wasm-threads'));

/** Trains a small xor model on the wasm backend in the app's training worker; returns the run's tags. */
async function trainOnWasm(page: Page, runName: string): Promise<Record<string, string>> {
  const request: TrainRequest = {
    runName,
    source: { kind: 'generated', config: { generator: 'xor', numPoints: 200, noise: 0, testFraction: 0.5, seed: 3 } },
    model: {
      ...DEFAULT_MODEL_CONFIG,
      hiddenLayers: [16],
      batchSize: 20,
      epochs: 3,
      seed: 1,
      backend: 'wasm',
      inputFeatures: [],
    },
  };
  const outcome = await page.evaluate(
    (r) => window.tabflow!.training!.train(new AbortController().signal, r, () => {}),
    request,
  );
  expect(outcome, outcome.error).toMatchObject({ status: 'FINISHED' });
  return page.evaluate(async (id) => (await window.tabflow!.tracking.getRun(id)).data.tags, outcome.runId);
}

test('a wasm training loads the threaded SIMD build, and computes with the threads chosen in Settings', async ({
  page,
}) => {
  await openApp(page);
  const tags = await trainOnWasm(page, 'threaded-wasm');
  expect(tags['tabflow.backend']).toBe('wasm');
  expect(tags['tabflow.wasm_build']).toBe('threaded-simd');
  // Emscripten's pthread pool: blob: workers the threaded build starts beside the training worker.
  expect(page.workers().filter((w) => w.url().startsWith('blob:')).length).toBeGreaterThan(0);
  // tfjs's own count: half the logical cores, between 1 and 8 — one thread on a 2-core machine, 2 on 4 cores.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(Number(tags['tabflow.wasm_threads'])).toBe(Math.min(8, Math.max(1, Math.floor(cores / 2))));

  // One thread per logical core, chosen in Settings: the warm worker is replaced and the next run uses them all.
  test.skip(cores < 2, 'a single-core machine has no second thread to give');
  const all = Math.min(8, cores);
  await page.goto('./#/settings');
  await page.getByLabel('Threads for the wasm backend').selectOption(String(all));
  await expect(
    page.getByText(
      `Cross-origin isolated: yes. The wasm backend uses its threaded SIMD build, computing with ${all} threads.`,
    ),
  ).toBeVisible();
  await expect.poll(() => storedThreads(page)).toBe(all);
  const threaded = await trainOnWasm(page, 'all-cores-wasm');
  expect(threaded['tabflow.wasm_build']).toBe('threaded-simd');
  expect(Number(threaded['tabflow.wasm_threads'])).toBe(all);
  expect(Number(threaded['tabflow.wasm_threads'])).toBeGreaterThan(1);

  // The choice is kept across a reload, and "tfjs's default" gives the worker tfjs's own count back.
  await page.reload();
  await expect(page.getByLabel('Threads for the wasm backend')).toHaveValue(String(all));
  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.getByRole('heading', { name: 'Training speed' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`settings-threads-${width}.png`) });
  }
  await page.getByLabel('Threads for the wasm backend').selectOption('');
  await expect.poll(() => storedThreads(page)).toBeNull();
  const back = await trainOnWasm(page, 'default-wasm');
  expect(Number(back['tabflow.wasm_threads'])).toBe(Math.min(8, Math.max(1, Math.floor(cores / 2))));
});
