import { deflateSync, Zip, ZipPassThrough } from 'fflate';
import { inputBytes, type DeflateInput, type DeflatePool } from './deflate-pool';
import { encodeMetricLines, type MetricLinesInput } from './metric-lines';

/** Files that are already compressed gain nothing from DEFLATE; they are stored as they are. */
const STORED_EXTENSIONS = /\.(png|jpe?g|gif|webp|zip|gz|bz2|xz|7z|npz|pkl\.gz)$/i;

/** A classic zip's entry count field is 16 bits and fflate writes no Zip64 records. */
export const MAX_ZIP_ENTRIES = 65_535;

/** Starting workers costs tens of milliseconds: a zip compresses in place until it has this many bytes to DEFLATE. */
const PARALLEL_AFTER_BYTES = 1024 * 1024;

/** Above this many buffered bytes the output chunks are folded into a Blob, which the browser may keep on disk. */
const FOLD_BYTES = 16 * 1024 * 1024;

const encoder = new TextEncoder();

/** UTF-8 bytes; the short ASCII texts of params, tags and meta.yaml files are copied directly, cheaper than encode(). */
function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    out[i] = code;
  }
  return out;
}

/**
 * A file DEFLATEd in one call, as fflate's zipSync does. fflate's streaming ZipDeflate sets up a 96 KiB window
 * and a hash table sized for large inputs for every file, which costs more than compressing the thousands of
 * small files of an export. The file must be pushed whole, in one final chunk (fflate's ZipPassThrough keeps
 * the CRC and size of the bytes pushed, which are the uncompressed ones).
 */
class WholeFileDeflate extends ZipPassThrough {
  constructor(path: string) {
    super(path);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (!final) throw new Error('WholeFileDeflate takes a file in one piece.');
    this.ondata(null, deflateSync(chunk, { level: 6 }), true);
  }
}

/**
 * A file DEFLATEd whole on a worker of a DeflatePool, which also computes its size and CRC-32 (a metric's lines
 * are formatted there too). fflate's Zip writes the file's bytes, in archive order, once the worker returns them.
 */
class PooledDeflate extends ZipPassThrough {
  constructor(path: string) {
    super(path);
    this.compression = 8;
  }

  deflateOn(pool: DeflatePool, input: DeflateInput): void {
    // A failed file is left unfinished: the pool's failure reaches the export through ZipWriter.drain().
    pool.deflate(input, (_, result) => {
      if (!result) return;
      this.size = result.size;
      this.crc = result.crc;
      this.ondata(null, result.data, true);
    });
  }
}

export interface ZipWriterOptions {
  mtime?: Date;
  /** Where files are compressed once the zip is large enough to be worth it; without one, on this thread. */
  startPool?: () => DeflatePool | null;
}

/**
 * A zip written file by file with fflate. Each file is compressed as it is added and only its compressed bytes
 * are kept, so memory holds one input file at a time, never the whole export uncompressed.
 */
export class ZipWriter {
  private readonly zip: Zip;
  private readonly parts: BlobPart[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private error: Error | null = null;
  private finished = false;
  private entries = 0;
  private readonly mtime: Date;
  private startPool: ZipWriterOptions['startPool'];
  private pool: DeflatePool | null = null;
  private bytesToDeflate = 0;

  constructor(options: ZipWriterOptions = {}) {
    this.mtime = options.mtime ?? new Date();
    this.startPool = options.startPool;
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.error = err;
        return;
      }
      this.pending.push(chunk);
      this.pendingBytes += chunk.byteLength;
      if (this.pendingBytes >= FOLD_BYTES || final) this.fold();
      if (final) this.finished = true;
    });
  }

  get entryCount(): number {
    return this.entries;
  }

  add(path: string, data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? utf8(data) : data;
    if (STORED_EXTENSIONS.test(path)) this.addInPlace(new ZipPassThrough(path), bytes);
    else if (this.poolFor(bytes)) this.addPooled(path, bytes);
    else this.addInPlace(new WholeFileDeflate(path), bytes);
  }

  /** A metric's history as MLflow's lines (metrics/<key>), formatted on a compression worker when there is one. */
  addMetric(path: string, history: MetricLinesInput): void {
    if (this.poolFor(history)) this.addPooled(path, history);
    else this.addInPlace(new WholeFileDeflate(path), encodeMetricLines(history));
  }

  /** Waits while more than `belowBytes` wait for a worker, so memory holds a bounded part of the export. */
  async drain(belowBytes: number): Promise<void> {
    await this.pool?.drain(belowBytes);
    if (this.error) throw this.error;
  }

  /** Writes the central directory and returns the archive. */
  async finish(): Promise<Blob> {
    try {
      await this.drain(0);
      this.zip.end();
      if (this.error) throw this.error;
      if (!this.finished) throw new Error('The zip writer did not finish its archive.');
      return new Blob(this.parts, { type: 'application/zip' });
    } finally {
      this.close();
    }
  }

  /** Stops the compression workers, if any; an unfinished zip is abandoned. */
  close(): void {
    this.pool?.close();
    this.pool = null;
  }

  /** The pool to compress on, started once the zip has more than PARALLEL_AFTER_BYTES to DEFLATE; null: in place. */
  private poolFor(input: DeflateInput): DeflatePool | null {
    this.bytesToDeflate += inputBytes(input);
    if (!this.pool && this.startPool && this.bytesToDeflate > PARALLEL_AFTER_BYTES) {
      this.pool = this.startPool();
      this.startPool = undefined;
    }
    return this.pool;
  }

  private addInPlace(file: ZipPassThrough, bytes: Uint8Array): void {
    this.addEntry(file);
    file.push(bytes, true);
    if (this.error) throw this.error;
  }

  private addPooled(path: string, input: DeflateInput): void {
    const file = new PooledDeflate(path);
    this.addEntry(file);
    file.deflateOn(this.pool!, input);
  }

  private addEntry(file: ZipPassThrough): void {
    if (this.entries >= MAX_ZIP_ENTRIES) {
      throw new Error(
        `The export has more than ${MAX_ZIP_ENTRIES.toLocaleString('en-US')} files, the most one zip can hold; export fewer runs at a time.`,
      );
    }
    file.mtime = this.mtime;
    this.zip.add(file);
    this.entries += 1;
  }

  /**
   * The pending chunks are two per file (header, data), thousands per fold; one copy into a single buffer costs
   * less than a Blob made of that many parts (the Blob constructor's per-part cost showed in export profiles).
   */
  private fold(): void {
    const joined = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const chunk of this.pending) {
      joined.set(chunk, at);
      at += chunk.byteLength;
    }
    this.parts.push(new Blob([joined]));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
