import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative base so the build works from any folder or sub-path (a USB stick, a classroom server).
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['test/unit/setup.ts'],
  },
});
