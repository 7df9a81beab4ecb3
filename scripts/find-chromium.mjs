// Finds the Chromium that tests and the benchmark drive: $CHROME_PATH, then Debian's /usr/bin/chromium, then a
// browser Playwright downloaded itself. Never silently skips: without one, it says how to get one.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core knows no browser of its own: fall through to the message below.
  }
  return null;
}

export const NO_CHROMIUM_MESSAGE = [
  'No Chromium found. The end-to-end tests and the benchmark need one. Either:',
  '  - set CHROME_PATH to a Chromium or Chrome executable, or',
  "  - install Debian's: sudo apt-get install -y chromium   (gives /usr/bin/chromium), or",
  '  - let Playwright download its own: npx playwright install chromium',
].join('\n');

/** Launch flags for a headless Chromium on a closed network, as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
];
