import { ImportError } from './errors';
import type { InflateBatch, InflateJob, InflateReply, InflateResult } from './inflate-batch';
import type { MetricColumns } from './metric-lines';

/** What the pool needs of a worker (a Web Worker; a test may hand it a Node worker thread shaped the same way). */
export interface InflateWorker {
  postMessage(batch: InflateBatch, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: InflateReply }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

type Settle = { resolve: (result: InflateResult) => void; reject: (error: Error) => void };

interface Slot {
  worker: InflateWorker;
  inFlightBytes: number;
  batches: Map<number, { settles: Settle[]; bytes: number }>;
}

/**
 * A batch is sent once it holds this many compressed bytes, or at the end of the task that queued it: a message
 * per file costs more than the small files of an export take to inflate.
 */
const BATCH_BYTES = 256 * 1024;

/**
 * Inflates zip entries on worker threads, so an import's decompression, CRC checks and metric parsing run on other
 * cores than the thread that reads the zip, parses its YAML and writes the database. Each entry's promise settles
 * with its own outcome: a damaged entry rejects only its own read, in the words the in-place reader uses.
 */
export class InflatePool {
  private readonly slots: Slot[];
  private batch: { jobs: InflateJob[]; settles: Settle[]; bytes: number } | null = null;
  private nextId = 0;
  private failure: Error | null = null;

  constructor(workers: number, createWorker: () => InflateWorker) {
    this.slots = Array.from({ length: workers }, () => this.startSlot(createWorker()));
  }

  /** An entry's verified bytes. */
  async bytes(job: Omit<InflateJob, 'parse'>): Promise<Uint8Array<ArrayBuffer>> {
    const result = await this.queue({ ...job, parse: 'bytes' });
    if ('bytes' in result) return result.bytes;
    throw resultError(result);
  }

  /** A metric file's parsed history. */
  async metric(job: Omit<InflateJob, 'parse'>): Promise<MetricColumns> {
    const result = await this.queue({ ...job, parse: 'metric' });
    if ('columns' in result) return result.columns;
    throw resultError(result);
  }

  close(): void {
    for (const slot of this.slots) slot.worker.terminate();
    this.fail(new Error('The import was stopped before its files were unpacked.'));
  }

  private queue(job: InflateJob): Promise<InflateResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        this.batch = { jobs: [], settles: [], bytes: 0 };
        // Reads queued in the same task go together; the reader asks for files ahead, so the wait is hidden.
        setTimeout(() => this.send(), 0);
      }
      this.batch.jobs.push(job);
      this.batch.settles.push({ resolve, reject });
      this.batch.bytes += job.raw.byteLength;
      if (this.batch.bytes >= BATCH_BYTES) this.send();
    });
  }

  private startSlot(worker: InflateWorker): Slot {
    const slot: Slot = { worker, inFlightBytes: 0, batches: new Map() };
    worker.addEventListener('message', ({ data }) => this.receive(slot, data));
    worker.addEventListener('error', (event) =>
      this.fail(
        new Error(
          `The decompression worker stopped (${event.message ?? 'it could not start'}); reload the page and import again.`,
        ),
      ),
    );
    return slot;
  }

  private send(): void {
    const batch = this.batch;
    if (!batch || this.failure) return;
    this.batch = null;
    const slot = this.slots.reduce((least, s) => (s.inFlightBytes < least.inFlightBytes ? s : least));
    const id = this.nextId++;
    slot.batches.set(id, { settles: batch.settles, bytes: batch.bytes });
    slot.inFlightBytes += batch.bytes;
    // The compressed data is a copy made for the worker (see zip-reader.ts), so it is handed over, not cloned.
    const transfer = batch.jobs.map((job) => job.raw.buffer as ArrayBuffer);
    slot.worker.postMessage({ id, jobs: batch.jobs }, transfer);
  }

  private receive(slot: Slot, reply: InflateReply): void {
    const batch = slot.batches.get(reply.id);
    if (!batch) return;
    slot.batches.delete(reply.id);
    slot.inFlightBytes -= batch.bytes;
    batch.settles.forEach(({ resolve }, i) => resolve(reply.results[i]));
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const queued = this.batch ? [this.batch] : [];
    this.batch = null;
    for (const batch of [...queued, ...this.slots.flatMap((s) => [...s.batches.values()])])
      for (const { reject } of batch.settles) reject(error);
    for (const slot of this.slots) slot.batches.clear();
  }
}

function resultError(result: InflateResult): Error {
  if ('importError' in result) {
    const { code, message, file } = result.importError;
    return new ImportError(code, message, file);
  }
  return new Error(`Unpacking the import failed: ${'failed' in result ? result.failed : 'the worker sent no result'}`);
}

/**
 * A pool on this machine's cores, or null where there are no Web Workers (Node scripts and tests unpack in
 * place). One worker per core up to 4: the reading thread spends much of its time waiting on the database.
 */
export function inflatePoolForThisMachine(): InflatePool | null {
  if (typeof Worker === 'undefined') return null;
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return new InflatePool(
    Math.min(4, cores),
    () => new Worker(new URL('../../workers/inflate.worker.ts', import.meta.url), { type: 'module', name: 'inflate' }),
  );
}
