import type { BrowserContext, Page } from '@playwright/test';
import { collectErrors, expect, importZip, openApp, test } from './fixtures';

// The zip export/import code loads on first use, not with the Experiments page (the cold-start budget). A click that
// comes before that code has arrived must still open the dialog at once and finish once it is there.

// The io worker's bridge, and the in-place export/import and their shared YAML/metric-line chunk. Rolldown names a
// chunk after its first module and adds an 8-character hash (so "import-dialog-<hash>.js" does not match).
const IO_CHUNK = /\/assets\/(worker-bridge|export|import|metric-lines)-[\w-]{8}\.js$/;
const BRIDGE_CHUNK = /\/assets\/worker-bridge-[\w-]{8}\.js$/;

// page.route does not see requests a service worker answers; blocking it lets the test hold the chunk.
test.use({ serviceWorkers: 'block' });

/** Holds the bridge's chunk until `release()`; `requested` settles when the page has asked for it. */
async function holdBridgeChunk(context: BrowserContext) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let markRequested!: () => void;
  const requested = new Promise<void>((resolve) => (markRequested = resolve));
  await context.route(BRIDGE_CHUNK, async (route) => {
    markRequested();
    await released;
    await route.continue();
  });
  return { requested, release };
}

function scriptsFetched(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(request.url());
  });
  return urls;
}

test('Export and Import clicked before the zip code has loaded open at once and finish when it arrives', async ({
  page,
  context,
  browser,
}, testInfo) => {
  const scripts = scriptsFetched(page);
  const exportHold = await holdBridgeChunk(context);
  await openApp(page);
  const experimentId = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('lazy zip');
    for (const name of ['first', 'second']) {
      const run = await tracking.startRun({ experimentId, runName: name });
      await run.logParams({ lr: 0.01 });
      for (let step = 0; step < 20; step++) run.logMetric('loss', 1 / (step + 1), step);
      await run.end();
    }
    return experimentId;
  });
  await page.goto(`./#/experiments/${experimentId}`);
  await expect(page.getByRole('table', { name: 'Runs' })).toHaveAttribute('aria-rowcount', '3');
  expect(
    scripts.filter((url) => IO_CHUNK.test(url)),
    'zip code fetched before any export or import',
  ).toEqual([]);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export experiment' }).click();
  await exportHold.requested;
  const exportDialog = page.getByRole('dialog', { name: 'Export runs' });
  await expect(exportDialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('export-waiting-for-code.png') });
  exportHold.release();
  const zipPath = testInfo.outputPath('lazy.zip');
  await (await downloading).saveAs(zipPath);
  await expect(exportDialog.getByRole('status')).toContainText('Exported 2 runs');

  // A fresh profile clicks Import right after the app opens, before the page has fetched any zip code.
  const fresh = await browser.newContext({ serviceWorkers: 'block' });
  const importHold = await holdBridgeChunk(fresh);
  const other = await fresh.newPage();
  const errors = collectErrors(other);
  await openApp(other);
  const importDialog = await importZip(other, zipPath);
  await importHold.requested;
  await expect(importDialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  importHold.release();
  await expect(importDialog.getByRole('status')).toContainText('Imported 2 runs into 1 experiment');
  expect(errors).toEqual([]);
  await fresh.close();
});

test('a click while the next page is still loading waits for that page: its dialog opens and stays', async ({
  page,
}) => {
  // Settings and Experiments both have an "Import" button, and the router keeps Settings on screen until the
  // Experiments page's module has arrived (held here for 1.5 s, as a loaded machine might take).
  await page.route(/\/assets\/experiments-page-[\w-]{8}\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await openApp(page, '#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.goto('./#/experiments/0');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Default' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Import runs' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toHaveCount(0);
});
