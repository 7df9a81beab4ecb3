// `npm run screenshots`: renders every page from seeded demo data, light and dark, desktop and phone, with
// Playwright in Chromium against the production build, into docs/screenshots/<page>-<theme>-<device>.png.
//   SCREENSHOT_DIST (default dist-screenshots), SCREENSHOT_PORT (default 4219), SCREENSHOT_SKIP_BUILD=1 to reuse
//   the last build, SCREENSHOT_ONLY=experiments,compare to render some pages.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_CHROMIUM_MESSAGE } from './find-chromium.mjs';
import { registerModel, seedRuns, trainInPlayground } from './seed-demo.mjs';

const dist = process.env.SCREENSHOT_DIST ?? 'dist-screenshots';
const port = Number(process.env.SCREENSHOT_PORT ?? 4219);
const only = process.env.SCREENSHOT_ONLY?.split(',');
const out = 'docs/screenshots';
const DEVICES = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
const THEMES = ['light', 'dark'];

const chrome = findChromium();
if (!chrome) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}
if (!process.env.SCREENSHOT_SKIP_BUILD) {
  const built = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const server = spawn(
  'npx',
  ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  { stdio: 'ignore', detached: true },
);
const baseURL = `http://127.0.0.1:${port}/`;

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(baseURL)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The preview server did not start on ${baseURL}.`);
}

const browser = await chromium.launch({ executablePath: chrome, args: CHROMIUM_ARGS });
try {
  await waitForServer();
  mkdirSync(out, { recursive: true });
  // One profile for all shots: the seeded IndexedDB stays while viewport and theme change.
  const context = await browser.newContext({ baseURL, viewport: DEVICES.desktop, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto('./#/experiments');
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  const { experimentId, runIds } = await seedRuns(page);
  const trainedRunId = await trainInPlayground(page);
  await registerModel(page, trainedRunId);

  const pages = {
    experiments: `#/experiments/${experimentId}`,
    run: `#/run/${trainedRunId}`,
    compare: `#/compare?runs=${runIds.slice(0, 3).join(',')}`,
    playground: '#/playground',
    models: '#/models',
    model: '#/models/spiral-classifier',
    settings: '#/settings',
  };
  for (const [name, hash] of Object.entries(pages)) {
    if (only && !only.includes(name)) continue;
    for (const theme of THEMES) {
      await page.evaluate((theme) => localStorage.setItem('tabflow.theme', theme), theme);
      for (const [device, viewport] of Object.entries(DEVICES)) {
        await page.setViewportSize(viewport);
        await page.goto(`./${hash}`);
        await page.reload();
        await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
        // Lazy pages, live queries and charts (drawn after layout) settle before the shot; a picture, not a test.
        await page.waitForTimeout(2000);
        const file = `${out}/${name}-${theme}-${device}.png`;
        await page.screenshot({ path: file });
        console.log(file);
      }
    }
  }
  // Presentation mode, as a projector shows it: larger type, thicker lines, higher contrast.
  if (!only || only.includes('presentation')) {
    await page.evaluate(() => {
      localStorage.setItem('tabflow.theme', 'light');
      localStorage.setItem('tabflow.presentation', '1');
    });
    await page.setViewportSize(DEVICES.desktop);
    await page.goto(`./${pages.compare}`);
    await page.reload();
    await page.waitForTimeout(2000);
    await page.screenshot({ path: `${out}/compare-presentation-desktop.png` });
    console.log(`${out}/compare-presentation-desktop.png`);
  }
  await context.close();
} finally {
  await browser.close();
  process.kill(-server.pid);
}
