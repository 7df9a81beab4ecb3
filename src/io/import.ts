import { writeSnapshot, type SnapshotWriteResult, type TrackingClient } from '../tracking';
import { throwIfAborted } from './errors';
import { groupLayout } from './mlruns-layout';
import { readSnapshot } from './mlruns-reader';
import { DEFAULT_LIMITS, listEntries, type ImportLimits, type ImportSource } from './sources';

export interface ImportOptions {
  /** A run id (or model version) that already exists is skipped (default) or replaced. */
  onExisting?: 'skip' | 'replace';
  signal?: AbortSignal;
  /** `phase` 'reading': bytes read of `total`; 'writing': the single database transaction is running. */
  onProgress?: (progress: { phase: 'reading' | 'writing'; done: number; total: number }) => void;
  limits?: Partial<ImportLimits>;
}

/** What an import wrote and skipped: the counts of its one snapshot write. */
export type ImportSummary = SnapshotWriteResult;

/**
 * Imports a tabflow export, a zip of an MLflow `mlruns` folder (with or without the `mlruns/` level) or a picked
 * or dropped folder. Everything is read and checked first, then written in one transaction: an import that
 * throws (a typed ImportError with the file named) has written nothing.
 */
export async function importRuns(
  tracking: TrackingClient,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  throwIfAborted(options.signal, 'Import');
  const entries = await listEntries(source, limits);
  const layout = groupLayout(entries);
  const total = entries.reduce((n, e) => n + e.size, 0);
  const snapshot = await readSnapshot(layout, {
    signal: options.signal,
    onBytes: (done) => options.onProgress?.({ phase: 'reading', done, total }),
  });
  throwIfAborted(options.signal, 'Import');
  options.onProgress?.({ phase: 'writing', done: total, total });
  return writeSnapshot(tracking, snapshot, { onExisting: options.onExisting ?? 'skip' });
}
