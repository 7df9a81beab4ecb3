/** "digits training": the page side of bench/digits-bench.worker.ts (one worker, kept between repetitions). */
import * as Comlink from 'comlink';
import type { DigitsBenchApi, DigitsSample, DigitsSetup } from './digits-bench.worker';
import { dropDb, freshDbName } from './timing';

let worker: { api: Comlink.Remote<DigitsBenchApi>; terminate: () => void; dbName: string } | null = null;

function trainer() {
  if (!worker) {
    const w = new Worker(new URL('./digits-bench.worker.ts', import.meta.url), { type: 'module' });
    worker = { api: Comlink.wrap<DigitsBenchApi>(w), terminate: () => w.terminate(), dbName: freshDbName('digits') };
  }
  return worker;
}

/** The app's shipped digits file, served next to the app by the bench server. */
const digitsUrl = () => new URL('/digits.bin', location.origin).href;

export function digitsTracked(setup: Omit<DigitsSetup, 'url'>): Promise<DigitsSample> {
  const { api, dbName } = trainer();
  return api.tracked({ ...setup, url: digitsUrl() }, dbName);
}

export function digitsPlain(setup: Omit<DigitsSetup, 'url'>): Promise<DigitsSample> {
  return trainer().api.plain({ ...setup, url: digitsUrl() });
}

export async function digitsCleanUp(): Promise<void> {
  if (!worker) return;
  worker.terminate();
  await dropDb(worker.dbName);
  worker = null;
}
