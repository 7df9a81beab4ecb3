import * as Comlink from 'comlink';
import type { TrackingClient } from '../tracking';
import type { ImportErrorData, IoWorkerApi } from '../../workers/io.worker';
import { WorkerBridge } from '../shared/worker-bridge';
import { CancelledError, ImportError } from './errors';
import type { ExportOptions } from './export';
import type { ImportOptions, ImportSummary } from './import';
import type { ImportSource } from './sources';

type Direction = 'Export' | 'Import';

/**
 * Export and import each get a bridge of their own, so cancelling an import never interrupts an export running
 * beside it. Aborting terminates the worker (squoosh's shape): work stops at once, and an import killed before
 * or inside its single transaction has written nothing. Each worker opens its own tracking client per call, so
 * nothing is gained by keeping it warm: it is terminated as soon as no call is pending.
 */
const bridges = new Map<Direction, WorkerBridge<IoWorkerApi>>();

function bridgeFor(what: Direction): WorkerBridge<IoWorkerApi> {
  let bridge = bridges.get(what);
  if (!bridge) {
    bridge = new WorkerBridge<IoWorkerApi>({
      label: what.toLowerCase(),
      create: () => new Worker(new URL('../../workers/io.worker.ts', import.meta.url), { type: 'module', name: 'io' }),
      idleMs: 0,
      abortError: () => new CancelledError(what),
    });
    bridges.set(what, bridge);
  }
  return bridge;
}

async function inWorker<T>(
  what: Direction,
  signal: AbortSignal | undefined,
  work: (api: Comlink.Remote<IoWorkerApi>) => Promise<T>,
): Promise<T> {
  try {
    return await bridgeFor(what).call(signal, work);
  } catch (error) {
    const data = (error as Partial<ImportErrorData> | null)?.importError;
    throw data ? new ImportError(data.code, data.message, data.file) : error;
  }
}

/**
 * Where no Worker exists (Node scripts and tests) the same code runs in place. It is imported only then: a static
 * import would put the zip and YAML code in the page's own chunks, which have a worker for it.
 */
const canUseWorkers = () => typeof Worker !== 'undefined';

/** `exportRuns`, off the page's thread. */
export function exportRunsInWorker(tracking: TrackingClient, options: ExportOptions = {}): Promise<Blob> {
  if (!canUseWorkers()) return import('./export').then(({ exportRuns }) => exportRuns(tracking, options));
  const { signal, onProgress, ...plain } = options;
  return inWorker('Export', signal, (api) =>
    api.exportRuns(tracking.db.name, plain, onProgress && Comlink.proxy(onProgress)),
  );
}

/** `importRuns`, off the page's thread. */
export function importRunsInWorker(
  tracking: TrackingClient,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  if (!canUseWorkers()) return import('./import').then(({ importRuns }) => importRuns(tracking, source, options));
  const { signal, onProgress, ...plain } = options;
  return inWorker('Import', signal, (api) =>
    api.importRuns(tracking.db.name, source, plain, onProgress && Comlink.proxy(onProgress)),
  );
}
