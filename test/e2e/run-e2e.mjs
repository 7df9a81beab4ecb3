// `npm run test:e2e`: builds the production bundle, then runs Playwright against it in a real Chromium.
// Extra arguments go to Playwright (e.g. a spec file or --grep).
import { spawnSync } from 'node:child_process';
import { findChromium, NO_CHROMIUM_MESSAGE } from '../../scripts/find-chromium.mjs';

const chrome = findChromium();
if (!chrome) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}
const env = { ...process.env, CHROME_PATH: chrome, E2E_DIST: process.env.E2E_DIST ?? 'dist' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

if (!process.env.E2E_SKIP_BUILD) {
  const built = run('npx', ['vite', 'build', '--outDir', env.E2E_DIST, '--emptyOutDir', '--logLevel', 'warn']);
  if (built !== 0) process.exit(built);
}
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)]));
