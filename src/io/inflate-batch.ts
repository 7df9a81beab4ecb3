import { ImportError, type ImportErrorCode } from './errors';
import { parseMetricBytes, type MetricColumns } from './metric-lines';
import { entryBytes, type EntryRecord } from './zip-entry-data';

/** One zip entry for a worker: its data as stored in the zip, and whether to hand back bytes or a parsed metric. */
export interface InflateJob extends EntryRecord {
  /** The entry's path in the import, which a metric file's parse errors name. */
  file: string;
  raw: Uint8Array;
  parse: 'bytes' | 'metric';
}

export interface InflateBatch {
  id: number;
  jobs: InflateJob[];
}

/** An ImportError as plain data: errors lose their fields when posted between threads. */
export interface ImportErrorFields {
  code: ImportErrorCode;
  message: string;
  file?: string;
}

/** Each job's outcome on its own, so a damaged entry fails only when (and if) the import reads it. */
export type InflateResult =
  | { bytes: Uint8Array<ArrayBuffer> }
  | { columns: MetricColumns }
  | { importError: ImportErrorFields }
  | { failed: string };

export interface InflateReply {
  id: number;
  results: InflateResult[];
}

function inflateJob(job: InflateJob): InflateResult {
  try {
    const bytes = entryBytes(job.raw, job);
    return job.parse === 'metric' ? { columns: parseMetricBytes(bytes, job.file) } : { bytes };
  } catch (error) {
    if (error instanceof ImportError)
      return { importError: { code: error.code, message: error.message, file: error.file } };
    return { failed: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What workers/inflate.worker.ts does with a batch: every entry inflated (bounded by its declared size) and
 * checked against its CRC-32, metric files parsed into columns, in the batch's order.
 */
export function inflateBatch(batch: InflateBatch): InflateReply {
  return { id: batch.id, results: batch.jobs.map(inflateJob) };
}

/** The buffers a reply hands over instead of copying. */
export function transfersOf(reply: InflateReply): ArrayBufferLike[] {
  return reply.results.flatMap((r): ArrayBufferLike[] => {
    if ('bytes' in r) return [r.bytes.buffer];
    if ('columns' in r) return [r.columns.steps.buffer, r.columns.values.buffer, r.columns.timestamps.buffer];
    return [];
  });
}
