/** "training throughput": runs bench/throughput.worker.ts, one worker per wasm thread count asked for. */
import * as Comlink from 'comlink';
import type { BackendChoice } from '../src/ml/model-config';
import type { ThroughputApi, ThroughputModel, ThroughputSample } from './throughput.worker';
import { dropDb, freshDbName } from './timing';

interface ThroughputWorker {
  api: Comlink.Remote<ThroughputApi>;
  terminate: () => void;
  dbName: string;
}

/** By wasm thread count ('tfjs' for tfjs's own): a wasm module keeps the count it started with for its worker's life. */
const workers = new Map<string, Promise<ThroughputWorker>>();

async function startWorker(wasmThreads: number | null): Promise<ThroughputWorker> {
  const w = new Worker(new URL('./throughput.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<ThroughputApi>(w);
  if (wasmThreads !== null) await api.setWasmThreads(wasmThreads);
  return { api, terminate: () => w.terminate(), dbName: freshDbName('throughput') };
}

/** Samples/s of `model` on `backend`, wasm computing with `wasmThreads` threads (null: tfjs's own count). */
export async function throughput(
  model: ThroughputModel,
  backend: BackendChoice,
  samples: number,
  wasmThreads: number | null = null,
): Promise<ThroughputSample> {
  const key = String(wasmThreads ?? 'tfjs');
  if (!workers.has(key)) workers.set(key, startWorker(wasmThreads));
  const worker = await workers.get(key)!;
  return worker.api.throughput(model, backend, samples, worker.dbName);
}

export async function throughputCleanUp(): Promise<void> {
  const started = [...workers.values()];
  workers.clear();
  for (const pending of started) {
    const worker = await pending;
    worker.terminate();
    await dropDb(worker.dbName);
  }
}
