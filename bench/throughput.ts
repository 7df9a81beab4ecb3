/** "training throughput": runs bench/throughput.worker.ts, one worker for the whole figure. */
import * as Comlink from 'comlink';
import type { BackendChoice } from '../src/ml/model-config';
import type { ThroughputApi, ThroughputModel, ThroughputSample } from './throughput.worker';
import { dropDb, freshDbName } from './timing';

let worker: { api: Comlink.Remote<ThroughputApi>; terminate: () => void; dbName: string } | null = null;

export function throughput(model: ThroughputModel, backend: BackendChoice, samples: number): Promise<ThroughputSample> {
  if (!worker) {
    const w = new Worker(new URL('./throughput.worker.ts', import.meta.url), { type: 'module' });
    worker = { api: Comlink.wrap<ThroughputApi>(w), terminate: () => w.terminate(), dbName: freshDbName('throughput') };
  }
  return worker.api.throughput(model, backend, samples, worker.dbName);
}

export async function throughputCleanUp(): Promise<void> {
  if (!worker) return;
  worker.terminate();
  await dropDb(worker.dbName);
  worker = null;
}
