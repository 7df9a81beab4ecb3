// "cold start": ms from navigation to the first rendered runs table on a second load (served by the service
// worker's cache when the build has one), and the gzip size of the JavaScript the page fetched to get there.
import { gzipSync } from 'node:zlib';
import { figureEntry } from './stats.mjs';
import { repeat } from './page-figures.mjs';

const RUN_PREFIX = 'cold-start-';

// Runs in the page before any app code: marks the first animation frame at which a table row (a <tr> or an
// element with role=row, inside any shadow root) shows one of the benchmark's runs.
function watchFirstRunRow(prefix) {
  const hasRunRow = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if ((el.tagName === 'TR' || el.getAttribute('role') === 'row') && el.textContent.includes(prefix)) return true;
      if (el.shadowRoot && hasRunRow(el.shadowRoot)) return true;
    }
    return false;
  };
  const tick = () => {
    if (hasRunRow(document)) window.__benchFirstRunRow = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

// tfjs-core's kernel registry and version strings survive minification: their presence means tfjs was loaded.
const TFJS_MARKERS = ["for backend '", 'tfjs-core'];

async function populate(page, runs) {
  await page.evaluate(
    async ({ runs, prefix }) => {
      const tracking = window.tabflow.tracking;
      for (let i = 0; i < runs; i++) {
        const run = await tracking.startRun({ runName: `${prefix}${String(i).padStart(4, '0')}` });
        await run.logParams({ optimizer: i % 2 ? 'adam' : 'sgd', lr: 0.001 * (1 + (i % 10)), layers: 1 + (i % 4) });
        for (let step = 0; step < 100; step++) run.logMetric('loss', 1 / (step + 1 + i), step);
        await run.end();
      }
    },
    { runs, prefix: RUN_PREFIX },
  );
}

/**
 * The app registers its service worker soon after load: give it 5 s to appear, then up to 30 s to activate (its
 * precache holds several MB of tfjs). Null when the build registers none.
 */
export async function serviceWorkerState(page) {
  return page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return null;
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const start = Date.now();
    while (Date.now() - start < 35_000) {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration && Date.now() - start > 5_000) return null;
      if (registration?.active?.state === 'activated') return 'activated';
      await sleep(200);
    }
    return null;
  });
}

export async function coldStart({ browser, url, size, plan }) {
  const context = await browser.newContext();
  await context.addInitScript(watchFirstRunRow, RUN_PREFIX);
  try {
    const first = await context.newPage();
    first.on('pageerror', (error) => console.error(`  [app] ${error.message}`));
    const scripts = new Map();
    first.on('response', (response) => {
      if (response.request().resourceType() === 'script' && response.ok()) scripts.set(response.url(), response.body());
    });
    await first.goto(`${url}#/experiments`);
    await first.waitForFunction(() => window.tabflow?.tracking !== undefined);
    await populate(first, size.coldStartRuns);
    await first.waitForFunction(() => window.__benchFirstRunRow !== undefined, null, { timeout: 30_000 });
    const bodies = await Promise.all(scripts.values());
    const gzipSizes = bodies.map((body) => gzipSync(body, { level: 9 }).length);
    const gzipBytes = gzipSizes.reduce((sum, bytes) => sum + bytes, 0);
    // Which chunks make up the total, largest first: the figure alone does not say what to move out of the way.
    const scriptKbGzip = [...scripts.keys()]
      .map((url, i) => ({ file: new URL(url).pathname.split('/').pop(), kb: Math.round(gzipSizes[i] / 102.4) / 10 }))
      .sort((a, b) => b.kb - a.kb);
    const tfjsOnFirstLoad = bodies.some((body) => TFJS_MARKERS.some((m) => body.includes(m)));
    const worker = await serviceWorkerState(first);
    await first.close();

    let controlled = 0;
    const samples = await repeat(plan, async () => {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`  [app] ${error.message}`));
      await page.goto(`${url}#/experiments`);
      await page.waitForFunction(() => window.__benchFirstRunRow !== undefined, null, { timeout: 30_000 });
      const ms = await page.evaluate(() => window.__benchFirstRunRow);
      if (await page.evaluate(() => navigator.serviceWorker?.controller != null)) controlled++;
      await page.close();
      return ms;
    });
    const servedBy =
      worker && controlled > 0 ? 'the service worker cache' : 'the HTTP cache (this build registers no service worker)';
    const bundleKb = gzipBytes / 1024;
    const entry = figureEntry({
      figure: 'cold start',
      unit: 'ms',
      samples,
      goal: { on: 'value', op: '<=', limit: 1500 },
    });
    entry.goal = '<= 1500 ms; <= 150 KB gzip';
    entry.met = entry.met && bundleKb <= 150 && !tfjsOnFirstLoad;
    entry.details = {
      size: `second load of #/experiments with ${size.coldStartRuns} runs, served by ${servedBy}`,
      mainBundleKbGzip: Math.round(bundleKb * 10) / 10,
      scriptsOnFirstLoad: scripts.size,
      tfjsOnFirstLoad,
      scriptKbGzip,
      notes: [
        `main bundle ${bundleKb.toFixed(1)} KB gzip (${scripts.size} scripts before the first runs table)${tfjsOnFirstLoad ? ', tfjs included!' : ', no tfjs'}`,
        `served by ${servedBy}`,
      ],
    };
    return entry;
  } finally {
    await context.close();
  }
}
