import * as Comlink from 'comlink';
import type { TrackingClient } from '../tracking';
import { CancelledError, ImportError } from './errors';
import { exportRuns, type ExportOptions } from './export';
import { importRuns, type ImportOptions, type ImportSummary } from './import';
import type { ImportErrorData, IoWorkerApi } from './io.worker';
import type { ImportSource } from './sources';

/**
 * Runs one export or import in a worker started for the call and terminated when it ends or when `signal`
 * aborts (squoosh's worker-bridge shape): work stops at once, and an import killed before or inside its single
 * transaction has written nothing. Where no Worker exists (Node scripts and tests) the same code runs in place.
 */
async function inWorker<T>(what: 'Export' | 'Import', signal: AbortSignal | undefined, work: (api: Comlink.Remote<IoWorkerApi>) => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new CancelledError(what);
  const worker = new Worker(new URL('./io.worker.ts', import.meta.url), { type: 'module', name: 'io' });
  const api = Comlink.wrap<IoWorkerApi>(worker);
  let stop: (error: Error) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  const onAbort = () => stop(new CancelledError(what));
  signal?.addEventListener('abort', onAbort, { once: true });
  worker.addEventListener('error', (e) => stop(new Error(`The ${what.toLowerCase()} worker failed: ${e.message || 'it could not start'}.`)));
  try {
    return await Promise.race([work(api), stopped]);
  } catch (error) {
    const data = (error as Partial<ImportErrorData> | null)?.importError;
    throw data ? new ImportError(data.code, data.message, data.file) : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.terminate();
  }
}

const canUseWorkers = () => typeof Worker !== 'undefined';

/** `exportRuns`, off the page's thread. */
export function exportRunsInWorker(tracking: TrackingClient, options: ExportOptions = {}): Promise<Blob> {
  if (!canUseWorkers()) return exportRuns(tracking, options);
  const { signal, onProgress, ...plain } = options;
  return inWorker('Export', signal, (api) => api.exportRuns(tracking.db.name, plain, onProgress && Comlink.proxy(onProgress)));
}

/** `importRuns`, off the page's thread. */
export function importRunsInWorker(tracking: TrackingClient, source: ImportSource, options: ImportOptions = {}): Promise<ImportSummary> {
  if (!canUseWorkers()) return importRuns(tracking, source, options);
  const { signal, onProgress, ...plain } = options;
  return inWorker('Import', signal, (api) => api.importRuns(tracking.db.name, source, plain, onProgress && Comlink.proxy(onProgress)));
}
