/**
 * The "Threads for the wasm backend" setting, shared by the Settings page (which stores it), the page's training
 * bridge (which restarts an idle worker whose wasm module started with another count) and the training worker
 * (which sizes the module's thread pool with it: workers/wasm-threads.ts). DOM-free and tfjs-free.
 */

/** Tracking preference key; absent means tfjs's own count. */
export const WASM_THREADS_PREFERENCE = 'tabflow.wasm-threads';

/** tfjs-backend-wasm's ceiling (backend.cc), and the pthreads its threaded build starts up front. */
export const MAX_WASM_THREADS = 8;

/**
 * tfjs's own count: half the logical cores, between 1 and 8 (backend.cc halves them for hyper-threading); 1
 * without cross-origin isolation, where shared memory and so threads are unavailable.
 */
export function tfjsDefaultThreads(isolated: boolean, cores: number): number {
  return isolated ? Math.min(MAX_WASM_THREADS, Math.max(1, Math.floor(cores / 2))) : 1;
}

/** The most a person may ask for here: one per logical core, at most tfjs's ceiling. */
export function maxWasmThreads(cores: number): number {
  return Math.min(MAX_WASM_THREADS, Math.max(1, cores));
}

/** A stored setting read back: a whole count in range, or null (tfjs's own) for anything else. */
export function storedWasmThreads(value: unknown, cores: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= maxWasmThreads(cores)
    ? value
    : null;
}

/** The threads a wasm training will compute with, for a stored setting. */
export function effectiveWasmThreads(setting: number | null, isolated: boolean, cores: number): number {
  if (!isolated) return 1;
  return setting ?? tfjsDefaultThreads(isolated, cores);
}
