import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import type { TrainRequest } from '../../src/ml/training-messages';
import { expect, openApp, test } from './fixtures';
import { SwappableStaticServer } from './static-server';

/** A small model on the wasm backend, trained through the app's training service; `epochs` sets how long. */
function trainRequest(runName: string, epochs: number): TrainRequest {
  return {
    runName,
    source: { kind: 'generated', config: { generator: 'xor', numPoints: 200, noise: 0, testFraction: 0.5, seed: 3 } },
    model: {
      hiddenLayers: [4],
      activation: 'tanh',
      optimizer: 'adam',
      learningRate: 0.03,
      batchSize: 20,
      epochs,
      l2: 0,
      l1: 0,
      dropout: 0,
      seed: 1,
      backend: 'wasm',
      inputFeatures: [],
    },
  };
}

/** Fails the test on console errors of pages the fixture does not watch (extra pages of a context). */
function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`));
}

/** Waits until the service worker has precached the app and controls the page. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Records every request of the context that is not for this machine, and refuses it. */
async function guardNetwork(context: BrowserContext): Promise<string[]> {
  const leaked: string[] = [];
  const isLocal = (url: URL) => url.hostname === '127.0.0.1' || url.protocol === 'blob:' || url.protocol === 'data:';
  context.on('request', (request) => {
    if (!isLocal(new URL(request.url()))) leaked.push(request.url());
  });
  await context.route(
    (url) => !isLocal(url),
    (route) => route.abort('blockedbyclient'),
  );
  return leaked;
}

const runRow = (page: Page, runName: string) =>
  page.getByRole('table', { name: 'Runs' }).getByRole('row').filter({ hasText: runName });

test('after the first visit the app works with the network cut: reload, train on wasm, see the run, export it', async ({
  page,
  context,
}) => {
  const leaked = await guardNetwork(context);
  await openApp(page);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  // Block everything, the service worker's own fetches included: whatever loads now comes from its precache.
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  await expect(page.getByRole('link', { name: 'Default' })).toBeVisible();
  await expect(page.getByText('Offline mode is unavailable')).toHaveCount(0);

  // Train in the Playground: the training worker chunk and the tfjs .wasm binaries come from the precache too.
  await page.goto('./#/playground');
  await page.getByLabel('Dataset', { exact: true }).selectOption('xor');
  await page.getByLabel('Epochs', { exact: true }).fill('5');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/^Finished\. Epoch 5 of 5 .* wasm backend/, { timeout: 90_000 });
  const runId = (await page.getByRole('link', { name: 'Open this run' }).getAttribute('href'))!.split('/').pop()!;
  const run = await page.evaluate((id) => window.tabflow!.tracking.getRun(id), runId);
  expect(run.info.status).toBe('FINISHED');
  expect(run.data.params.backend).toBe('wasm');

  await page.goto('./#/experiments');
  await expect(runRow(page, run.info.runName)).toContainText('FINISHED');

  await page.goto('./#/settings');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export everything' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^tabflow-export-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.zip$/);
  const zip = readFileSync(await download.path());
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.includes(Buffer.from(runId))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 run' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText('Ready to work offline')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('settings-offline.png'), fullPage: true });

  expect(leaked, 'requests that left 127.0.0.1').toEqual([]);
});

test('a run logged in one page appears live in another, and two pages logging at once lose no point', async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  const other = await context.newPage();
  watchConsole(other, errors);
  await openApp(page);
  await openApp(other);

  await page.evaluate(async () => {
    const run = await window.tabflow!.tracking.startRun({ runName: 'from-the-first-tab' });
    run.logMetric('loss', 0.5, 1);
    await run.end();
  });
  // No reload: the other tab's live query sees the write.
  await expect(runRow(other, 'from-the-first-tab')).toContainText('FINISHED');

  const logConcurrently = (p: Page, runName: string) =>
    p.evaluate(async (runName) => {
      const run = await window.tabflow!.tracking.startRun({ runName });
      for (let step = 0; step < 5000; step++) {
        run.logMetric('loss', 1 / (step + 1), step);
        if (step % 500 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      await run.end();
      return run.id;
    }, runName);
  const [a, b] = await Promise.all([logConcurrently(page, 'tab-a'), logConcurrently(other, 'tab-b')]);
  const counts = await other.evaluate(
    async (ids) => {
      const tracking = window.tabflow!.tracking;
      return Promise.all(ids.map(async (id) => (await tracking.getMetricHistory(id, 'loss')).steps.length));
    },
    [a, b],
  );
  expect(counts).toEqual([5000, 5000]);
  await expect(runRow(page, 'tab-b')).toContainText('FINISHED');
  expect(errors).toEqual([]);
});

test('a page closed mid-training leaves a run that shows KILLED, with its metrics, when tabflow opens again', async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  await openApp(page);
  const runId = await page.evaluate(
    async (request) => {
      return new Promise<string>((resolve) => {
        let id = '';
        void window.tabflow!.training!.train(new AbortController().signal, request, (p) => {
          if (p.type === 'started') id = p.runId;
          if (p.type === 'epoch' && p.epoch >= 3) resolve(id);
        });
      });
    },
    trainRequest('closed-mid-training', 2000),
  );
  // The worker writes finished epochs on a ~500 ms timer; wait until some are stored, then close without ending the run.
  await expect
    .poll(() =>
      page.evaluate(async (id) => (await window.tabflow!.tracking.getRun(id)).data.metrics.loss?.count ?? 0, runId),
    )
    .toBeGreaterThanOrEqual(3);
  expect((await page.evaluate((id) => window.tabflow!.tracking.getRun(id), runId)).info.status).toBe('RUNNING');
  await page.close({ runBeforeUnload: false });

  // Opened again at once: the closed page's Web Lock on the run is gone, so the run is KILLED without waiting for
  // its heartbeat to age (no fake clock here, so the heartbeat fallback cannot be what marks it).
  const reopened = await context.newPage();
  watchConsole(reopened, errors);
  await openApp(reopened);
  await expect(runRow(reopened, 'closed-mid-training')).toContainText('KILLED');
  const run = await reopened.evaluate(async (id) => {
    const tracking = window.tabflow!.tracking;
    const { info, data } = await tracking.getRun(id);
    return {
      status: info.status,
      reason: data.tags['tabflow.killedReason'],
      stored: data.metrics.loss.count,
      history: (await tracking.getMetricHistory(id, 'loss')).steps.length,
    };
  }, runId);
  expect(run.status).toBe('KILLED');
  expect(run.reason).toBe(
    'The tab or worker that was training it closed, reloaded or crashed; everything it logged is kept.',
  );
  expect(run.stored).toBeGreaterThanOrEqual(3);
  expect(run.history).toBe(run.stored);
  expect(errors).toEqual([]);
});

test('a new version waits until the user presses Reload in the "Update available" banner, in every open tab', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const distA = process.env.E2E_DIST ?? 'dist';
  const distB = `${distA}-update-b`;
  const versionB = `update-test-${Date.now()}`;
  const built = spawnSync('npx', ['vite', 'build', '--outDir', distB, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, TABFLOW_VERSION: versionB },
    stdio: 'inherit',
  });
  expect(built.status, 'build B').toBe(0);

  const server = new SwappableStaticServer(distA);
  const origin = await server.start();
  try {
    await page.goto(`${origin}#/settings`);
    await waitForServiceWorker(page);
    const banner = page.getByRole('status').filter({ hasText: 'Update available' });
    await expect(banner).toHaveCount(0);
    const versionA = await page.getByText(/^tabflow version /).textContent();
    expect(versionA).not.toContain(versionB);

    const errors: string[] = [];
    const otherTab = await context.newPage();
    watchConsole(otherTab, errors);
    await otherTab.goto(`${origin}#/settings`);
    await expect(otherTab.getByText(/^tabflow version /)).toHaveText(versionA!);

    server.root = distB;
    // A later visit: the browser finds the new service worker, installs it, and it waits.
    await page.reload();
    await expect(banner).toBeVisible();
    // Nothing reloads by itself: the page still runs version A.
    await expect(page.getByText(/^tabflow version /)).toHaveText(versionA!);
    await page.screenshot({ path: test.info().outputPath('update-banner.png') });

    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByText(`tabflow version ${versionB}`)).toBeVisible();
    await expect(banner).toHaveCount(0);

    // The other tab still runs version A, now under B's worker: it offers the reload too, and never forces it.
    const otherBanner = otherTab.getByRole('status').filter({ hasText: 'Update available' });
    await expect(otherBanner).toBeVisible();
    await expect(otherTab.getByText(/^tabflow version /)).toHaveText(versionA!);
    await otherBanner.getByRole('button', { name: 'Reload' }).click();
    await expect(otherTab.getByText(`tabflow version ${versionB}`)).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('when the disk is full, the run fails with a clear message, the page says how to free space, and stored runs stay intact', async ({
  page,
}) => {
  await openApp(page);
  const kept = await page.evaluate(async () => {
    const run = await window.tabflow!.tracking.startRun({ runName: 'stored-before' });
    for (let step = 0; step < 300; step++) run.logMetric('loss', 1 / (step + 1), step);
    await run.logArtifact('notes.txt', 'kept');
    await run.end();
    return run.id;
  });

  // A full disk, simulated where Chromium reports it: IndexedDB refuses the big metric writes with a
  // QuotaExceededError DOMException. (CDP's Storage.overrideQuotaForOrigin has no effect on Playwright's
  // off-the-record contexts, so the refusal is injected at the IndexedDB API instead.)
  const failed = await page.evaluate(async () => {
    const store = IDBObjectStore.prototype;
    const put = store.put;
    const add = store.add;
    const refuse = (name: string) => {
      if (name === 'metricChunks') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    store.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      refuse(this.name);
      return put.apply(this, args);
    };
    store.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      refuse(this.name);
      return add.apply(this, args);
    };
    const tracking = window.tabflow!.tracking;
    const run = await tracking.startRun({ runName: 'too-big' });
    run.onWriteError = () => {};
    for (let step = 0; step < 50_000; step++) run.logMetric('loss', Math.random(), step);
    const error = await run.end().then(
      () => null,
      (e: Error) => e,
    );
    store.put = put;
    store.add = add;
    // What a page does with a failed action: hand it to the app, which shows it.
    document
      .querySelector('tabflow-app')!
      .dispatchEvent(new CustomEvent('tabflow-error', { detail: error, bubbles: true, composed: true }));
    const { info, data } = await tracking.getRun(run.id);
    return {
      name: error?.name,
      status: info.status,
      message: data.tags['tabflow.error'],
      stored: (await tracking.getMetricHistory(run.id, 'loss')).steps.length,
    };
  });
  expect(failed).toMatchObject({ name: 'StorageFullError', status: 'FAILED', stored: 0 });
  expect(failed.message).toMatch(/^Storage is full/);

  const notice = page.getByRole('alert').filter({ hasText: 'Storage is full' });
  await expect(notice).toContainText('delete runs you no longer need, or export them and then delete them');
  await page.screenshot({ path: test.info().outputPath('storage-full.png') });

  const intact = await page.evaluate(async (id) => {
    const tracking = window.tabflow!.tracking;
    return {
      status: (await tracking.getRun(id)).info.status,
      points: (await tracking.getMetricHistory(id, 'loss')).steps.length,
      notes: await (await tracking.getArtifact(id, 'notes.txt')).text(),
    };
  }, kept);
  expect(intact).toEqual({ status: 'FINISHED', points: 300, notes: 'kept' });

  await notice.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Free space' })).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss the storage-full notice' }).click();
  await expect(notice).toHaveCount(0);
});

// The page's policy allows connect-src http: https: for a configured MLflow server; that no worker can reach
// another origin is tested in isolation.spec.ts.
test('the Content-Security-Policy allows WebAssembly but blocks eval and injected scripts', async ({
  page,
  context,
  consoleErrors,
}) => {
  const leaked = await guardNetwork(context);
  await openApp(page);
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    // The smallest valid module: "\0asm", version 1.
    const wasm = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
      () => 'compiled',
      (e: Error) => e.name,
    );
    let evaluated = 'ran';
    try {
      new Function('return 1')();
    } catch (e) {
      evaluated = (e as Error).name;
    }
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    return { wasm, evaluated, injected: 'injected' in window, violations: [...new Set(violations)].sort() };
  });
  expect(outcome).toEqual({
    wasm: 'compiled',
    evaluated: 'EvalError',
    injected: false,
    violations: ['script-src-elem', 'script-src'].sort(),
  });
  expect(leaked, 'requests that left 127.0.0.1').toEqual([]);
  // The browser reports each blocked attempt on the console; they were provoked on purpose.
  expect(consoleErrors.every((e) => /Content Security Policy/.test(e))).toBe(true);
  consoleErrors.length = 0;
});

test('the app is installable: Chromium finds a valid manifest with 192 and 512 icons and an offline-capable worker', async ({
  page,
  context,
}) => {
  await openApp(page);
  await waitForServiceWorker(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are off the record, where Chromium never installs apps; every other check must pass.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const { errors, data } = await cdp.send('Page.getAppManifest');
  expect(errors).toEqual([]);
  const manifest = JSON.parse(data!) as {
    display: string;
    start_url: string;
    icons: { sizes: string; purpose: string }[];
  };
  expect(manifest).toMatchObject({ display: 'standalone', start_url: './' });
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual([
    '192x192 any',
    '512x512 any',
    '192x192 maskable',
    '512x512 maskable',
  ]);
  for (const path of ['icons/icon-192.png', 'icons/icon-512.png', 'icons/icon-maskable-512.png']) {
    const response = await page.request.get(`./${path}`);
    expect(response.headers()['content-type'], path).toBe('image/png');
  }
});
