/**
 * Sizes tfjs's wasm thread pool with tabflow's setting (src/ml/wasm-threads-setting.ts). tfjs-backend-wasm takes
 * min(asked, navigator.hardwareConcurrency / 2, 8) threads — backend.cc halves the logical cores because "many
 * x86-64 processors have 2 threads per core" — and reads the core count once, as the wasm module starts. A browser
 * cannot tell hyper-threads from cores, so on a machine whose logical cores are real cores (a 2-core laptop or VM,
 * one thread per core) that leaves half the machine idle, and on 2 cores it means no threads at all.
 *
 * So while the module starts, the worker's navigator reports twice the wanted count (backend.cc's halving then
 * yields exactly it) and setThreadsCount asks for it; the real navigator is back as soon as the backend is up.
 * The count is fixed for the worker's life: the page restarts an idle worker when the setting changes.
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { MAX_WASM_THREADS } from '../src/ml/wasm-threads-setting';

let wanted: number | null = null;

/** The count the wasm backend starts with, if it has not started yet; null keeps tfjs's own. */
export function setWasmThreads(threads: number | null): void {
  wanted = threads === null ? null : Math.min(MAX_WASM_THREADS, Math.max(1, Math.round(threads)));
}

/** The count asked for with setWasmThreads; null for tfjs's own. */
export function wasmThreadsWanted(): number | null {
  return wanted;
}

/** tf.setBackend(name), the wasm backend's thread pool sized as set by setWasmThreads when it starts. */
export async function setBackendWithThreads(name: string): Promise<boolean> {
  if (name !== 'wasm' || wanted === null || tf.findBackend('wasm')) return tf.setBackend(name);
  const count = wanted;
  setThreadsCount(count);
  const scope = self.navigator;
  Object.defineProperty(scope, 'hardwareConcurrency', { configurable: true, get: () => 2 * count });
  try {
    return await tf.setBackend(name);
  } finally {
    delete (scope as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}
