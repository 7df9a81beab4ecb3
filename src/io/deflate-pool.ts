import type { MetricLinesInput } from './metric-lines';

/** fflate's compression levels. */
export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/**
 * A file for a worker: its bytes, or a metric's history, which the worker formats as MLflow's lines itself
 * (formatting a million points costs the feeding thread about as much as reading them).
 */
export type DeflateInput = Uint8Array | MetricLinesInput;

/** A batch of whole files for workers/deflate.worker.ts to compress. */
export interface DeflateBatch {
  id: number;
  level: DeflateLevel;
  files: DeflateInput[];
}

/** The compressed files, their uncompressed sizes and CRC-32s, in the batch's order, or why the batch failed. */
export type DeflateReply =
  { id: number; outputs: Uint8Array<ArrayBuffer>[]; sizes: number[]; crcs: number[] } | { id: number; error: string };

export type Deflated = (
  error: Error | null,
  result?: { data: Uint8Array<ArrayBuffer>; size: number; crc: number },
) => void;

/** The bytes the pool counts for a file: a history's are its three 8-byte columns. */
export const inputBytes = (input: DeflateInput): number =>
  input instanceof Uint8Array ? input.byteLength : input.values.length * 24;

/** What the pool needs of a worker (a Web Worker; a test may hand it a Node worker thread shaped the same way). */
export interface DeflateWorker {
  postMessage(batch: DeflateBatch): void;
  addEventListener(type: 'message', listener: (event: { data: DeflateReply }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

interface Slot {
  worker: DeflateWorker;
  inFlightBytes: number;
  batches: Map<number, { done: Deflated[]; bytes: number }>;
}

/**
 * A batch is sent once it holds this many bytes (or when the caller would wait on it): a message per file, or per
 * run's dozen small files, costs the feeding thread more than a few hundred messages of this size.
 */
const BATCH_BYTES = 256 * 1024;

/**
 * Compresses files on worker threads, so an export's DEFLATE and metric formatting run on other cores than its
 * database reads. Files go in batches of BATCH_BYTES; each file's callback is called in the worker's reply, in
 * order within a batch (batches on different workers may finish in any order: fflate's Zip keeps the archive's).
 */
export class DeflatePool {
  private readonly slots: Slot[];
  private batch: { files: DeflateInput[]; done: Deflated[]; bytes: number } | null = null;
  private nextId = 0;
  private inFlight = 0;
  private waiters: { belowBytes: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(
    workers: number,
    createWorker: () => DeflateWorker,
    private readonly level: DeflateLevel = 6,
  ) {
    this.slots = Array.from({ length: workers }, () => this.startSlot(createWorker()));
  }

  /** Uncompressed bytes handed to the pool and not yet returned. */
  get pendingBytes(): number {
    return this.inFlight;
  }

  /** Queues one whole file; `done` is called with its compressed bytes and CRC-32, or with the failure. */
  deflate(file: DeflateInput, done: Deflated): void {
    if (this.failure) return done(this.failure);
    this.batch ??= { files: [], done: [], bytes: 0 };
    this.batch.files.push(file);
    this.batch.done.push(done);
    const bytes = inputBytes(file);
    this.batch.bytes += bytes;
    this.inFlight += bytes;
    if (this.batch.bytes >= BATCH_BYTES) this.send();
  }

  /**
   * Resolves once at most `belowBytes` are pending, rejects if a worker failed. A batch still filling is sent only
   * when the caller would otherwise wait on it.
   */
  drain(belowBytes = 0): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.inFlight <= belowBytes) return Promise.resolve();
    this.send();
    return new Promise((resolve, reject) => this.waiters.push({ belowBytes, resolve, reject }));
  }

  close(): void {
    for (const slot of this.slots) slot.worker.terminate();
    this.fail(new Error('The export was stopped before its files were compressed.'));
  }

  private startSlot(worker: DeflateWorker): Slot {
    const slot: Slot = { worker, inFlightBytes: 0, batches: new Map() };
    worker.addEventListener('message', ({ data }) => this.receive(slot, data));
    worker.addEventListener('error', (event) =>
      this.fail(
        new Error(
          `The compression worker stopped (${event.message ?? 'it could not start'}); reload the page and export again.`,
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
    slot.batches.set(id, { done: batch.done, bytes: batch.bytes });
    slot.inFlightBytes += batch.bytes;
    slot.worker.postMessage({ id, level: this.level, files: batch.files });
  }

  private receive(slot: Slot, reply: DeflateReply): void {
    const batch = slot.batches.get(reply.id);
    if (!batch) return;
    slot.batches.delete(reply.id);
    slot.inFlightBytes -= batch.bytes;
    this.inFlight -= batch.bytes;
    if ('error' in reply) {
      const error = new Error(`Compressing the export failed: ${reply.error}`);
      for (const done of batch.done) done(error);
      return this.fail(error);
    }
    batch.done.forEach((done, i) => done(null, { data: reply.outputs[i], size: reply.sizes[i], crc: reply.crcs[i] }));
    this.waiters = this.waiters.filter((waiter) => {
      if (this.inFlight > waiter.belowBytes) return true;
      waiter.resolve();
      return false;
    });
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const queued = this.batch ? [this.batch] : [];
    this.batch = null;
    for (const batch of [...queued, ...this.slots.flatMap((s) => [...s.batches.values()])])
      for (const done of batch.done) done(error);
    for (const slot of this.slots) slot.batches.clear();
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters = [];
  }
}

/**
 * A pool on this machine's other cores, or null where there are no Web Workers (Node scripts and tests compress
 * in place). One worker per core: the thread feeding them spends much of its time waiting on the database.
 */
export function deflatePoolForThisMachine(): DeflatePool | null {
  if (typeof Worker === 'undefined') return null;
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return new DeflatePool(
    Math.min(4, cores),
    () => new Worker(new URL('../../workers/deflate.worker.ts', import.meta.url), { type: 'module', name: 'deflate' }),
  );
}
