/**
 * "training overhead": epochs/s of a tracked Playground training against the same model.fit loop with no
 * tracking, both in one worker (bench/train-bench.worker.ts) on the same tfjs backend.
 */
import * as Comlink from 'comlink';
import type { TrainBenchApi, TrainingSample } from './train-bench.worker';
import { dropDb, freshDbName } from './timing';

let worker: { api: Comlink.Remote<TrainBenchApi>; terminate: () => void; dbName: string } | null = null;

function trainer() {
  if (!worker) {
    const w = new Worker(new URL('./train-bench.worker.ts', import.meta.url), { type: 'module' });
    worker = { api: Comlink.wrap<TrainBenchApi>(w), terminate: () => w.terminate(), dbName: freshDbName('train') };
  }
  return worker;
}

export function trainTracked(epochs: number): Promise<TrainingSample> {
  const { api, dbName } = trainer();
  return api.tracked(epochs, dbName);
}

export function trainPlain(epochs: number): Promise<TrainingSample> {
  return trainer().api.plain(epochs);
}

export async function trainCleanUp(): Promise<void> {
  if (!worker) return;
  worker.terminate();
  await dropDb(worker.dbName);
  worker = null;
}
