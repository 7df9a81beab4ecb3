/**
 * The sharing worker: exports and imports run here, so formatting millions of metric lines, DEFLATE, YAML
 * parsing and inflating never block the page. It opens its own tracking client on the page's database.
 */
import * as Comlink from 'comlink';
import { openTracking, type TrackingClient } from '../src/tracking';
import { ImportError } from '../src/io/errors';
import { exportRuns, type ExportOptions } from '../src/io/export';
import { importRuns, type ImportOptions } from '../src/io/import';
import type { ImportSource } from '../src/io/sources';

type Plain<T> = Omit<T, 'signal' | 'onProgress'>;

/** An ImportError as plain data: Comlink passes thrown Errors on as message and name only, losing `code`. */
export interface ImportErrorData {
  importError: { code: ImportError['code']; message: string; file?: string };
}

async function withTracking<T>(dbName: string, work: (tracking: TrackingClient) => Promise<T>): Promise<T> {
  const tracking = await openTracking({ dbName });
  try {
    return await work(tracking);
  } catch (error) {
    if (error instanceof ImportError)
      throw { importError: { code: error.code, message: error.message, file: error.file } } satisfies ImportErrorData;
    throw error;
  } finally {
    tracking.close();
  }
}

const api = {
  exportRuns(dbName: string, options: Plain<ExportOptions>, onProgress: ExportOptions['onProgress']): Promise<Blob> {
    return withTracking(dbName, (tracking) => exportRuns(tracking, { ...options, onProgress }));
  },

  importRuns(
    dbName: string,
    source: ImportSource,
    options: Plain<ImportOptions>,
    onProgress: ImportOptions['onProgress'],
  ) {
    return withTracking(dbName, (tracking) => importRuns(tracking, source, { ...options, onProgress }));
  },
};

export type IoWorkerApi = typeof api;

Comlink.expose(api);
