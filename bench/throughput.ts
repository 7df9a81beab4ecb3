/** "training throughput": runs bench/throughput.worker.ts, one worker per wasm thread count asked for. */
import * as Comlink from 'comlink';
import type { BackendChoice } from '../src/ml/model-config';
import type { ThroughputApi, ThroughputModel, ThroughputSample } from './throughput.worker';
import { dropDb, freshDbName } from './timing';

interface ThroughputWorker {
  api: Comlink.Remote<ThroughputApi>;
  terminate: () => void;
  dbName: string;
  threads: number | null;
}

let worker: ThroughputWorker | null = null;

/**
 * Samples/s of `model` on `backend`. The wasm backend's thread count is fixed once its module starts in a worker,
 * so asking for another count starts a fresh worker (null: the app's own count).
 */
export async function throughput(
  model: ThroughputModel,
  backend: BackendChoice,
  samples: number,
  wasmThreads: number | null = null,
): Promise<ThroughputSample> {
  if (worker && worker.threads !== wasmThreads) await throughputCleanUp();
  if (!worker) {
    const w = new Worker(new URL('./throughput.worker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<ThroughputApi>(w);
    if (wasmThreads !== null) await api.setWasmThreads(wasmThreads);
    worker = { api, terminate: () => w.terminate(), dbName: freshDbName('throughput'), threads: wasmThreads };
  }
  return worker.api.throughput(model, backend, samples, worker.dbName);
}

export async function throughputCleanUp(): Promise<void> {
  if (!worker) return;
  worker.terminate();
  await dropDb(worker.dbName);
  worker = null;
}
