import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { tfjsWasmThreadsPlugin } from '../scripts/vite-tfjs-wasm-threads-plugin';

/**
 * Builds the benchmark pages on their own, so no benchmark code ever reaches the app bundle. They import
 * src/tracking like the app does (the production code under test) plus Dexie directly for the raw baselines.
 * The driver serves the output at /bench/ on the app's origin, next to the app build.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  // As the app: the tfjs training worker is an ES module worker with its own chunks.
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsPlugin()] },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist-bench-pages', import.meta.url)),
    emptyOutDir: true,
  },
});
