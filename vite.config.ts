import { readFileSync } from 'node:fs';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { securityHeadersPlugin } from './scripts/vite-headers-plugin';
import { tfjsWasmThreadsPlugin } from './scripts/vite-tfjs-wasm-threads-plugin';
import { digitsPlugin } from './scripts/vite-digits-plugin';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Shown in Settings; TABFLOW_VERSION overrides it so a test can build two versions and watch the update flow. */
const appVersion = process.env.TABFLOW_VERSION ?? version;

export default defineConfig({
  // Relative base so the build works from any folder or sub-path (a USB stick, a classroom server).
  base: './',
  define: { __TABFLOW_VERSION__: JSON.stringify(appVersion) },
  // Workers are bundled by their own plugin list: the training worker's tfjs-wasm needs its threads fix there.
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsPlugin()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  plugins: [
    securityHeadersPlugin(),
    digitsPlugin(),
    VitePWA({
      // Our own service worker (workers/sw.ts) gets the precache manifest injected; the page registers it itself
      // through workbox-window (src/app/sw-registration.ts) so it can ask before activating an update.
      strategies: 'injectManifest',
      srcDir: 'workers',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        rollupFormat: 'iife',
        // Everything the app needs offline: the shell, every chunk (the tfjs training worker is several MB),
        // the tfjs .wasm binaries, icons and any fonts. The plugin adds manifest.webmanifest itself.
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,ico,woff,woff2,json,bin}'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
      // The glob above already precaches the icons; listing them again would duplicate precache entries.
      includeManifestIcons: false,
      manifest: {
        name: 'tabflow — experiment tracking in a browser tab',
        short_name: 'tabflow',
        description: 'Train, log, compare and share machine-learning models offline, entirely in a browser tab.',
        id: './',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#1f6feb',
        background_color: '#f6f8fa',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['test/unit/setup.ts'],
  },
});
