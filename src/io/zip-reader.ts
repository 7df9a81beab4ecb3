import { Inflate, inflateSync } from 'fflate';
import { crc32Update } from './crc32';
import { ImportError } from './errors';
import type { ImportEntry } from './sources';

/**
 * Reads a zip from its central directory, which lists every entry's name and sizes before a byte is inflated:
 * limits and path checks run first, then each entry is read on demand from a slice of the Blob, so a large zip
 * is never held in memory whole. Declared sizes and CRCs are verified, which also defeats zip bombs that lie
 * about their size.
 */

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const INFLATE_SLICE = 64 * 1024;
/**
 * Entries are read through a window of the zip this large: one Blob read costs about a millisecond however small
 * it is, and an export holds thousands of small files that lie next to each other in the order they are read.
 */
const READ_WINDOW = 8 * 1024 * 1024;

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

async function bytesOf(blob: Blob, from: number, to: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(from, to).arrayBuffer());
}

function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

function truncated(why: string): ImportError {
  return new ImportError('TRUNCATED', `The zip is damaged or incomplete (${why}). Download or copy it again.`);
}

async function findDirectory(blob: Blob): Promise<{ offset: number; size: number; count: number }> {
  const head = await bytesOf(blob, 0, 4);
  const startsLikeZip = head.length === 4 && head[0] === 0x50 && head[1] === 0x4b;
  const tailStart = Math.max(0, blob.size - 22 - 65_535);
  const tail = await bytesOf(blob, tailStart, blob.size);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== EOCD_SIGNATURE) continue;
    let count = view.getUint16(i + 10, true);
    let size = view.getUint32(i + 12, true);
    let offset = view.getUint32(i + 16, true);
    if (
      (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) &&
      i >= 20 &&
      view.getUint32(i - 20, true) === ZIP64_LOCATOR_SIGNATURE
    ) {
      const at = u64(view, i - 20 + 8);
      const record = await bytesOf(blob, at, at + 56);
      const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
      if (record.length < 56 || r.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE)
        throw truncated('its Zip64 directory is missing');
      count = u64(r, 32);
      size = u64(r, 40);
      offset = u64(r, 48);
    }
    if (offset + size > blob.size) throw truncated('its file directory points past the end of the file');
    return { offset, size, count };
  }
  if (startsLikeZip) throw truncated('its file directory at the end is missing');
  throw new ImportError(
    'NOT_A_ZIP',
    'This file is not a zip archive. Choose a .zip exported from tabflow or a zip of an MLflow "mlruns" folder.',
  );
}

function readCentralEntries(directory: Uint8Array, count: number): CentralEntry[] {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const decoder = new TextDecoder();
  const entries: CentralEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      throw truncated('its file directory is cut short');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: CentralEntry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets of 0xFFFFFFFF mean "see the Zip64 extra field", in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: CentralEntry): void {
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const next = () => {
        const value = u64(view, p);
        p += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
    }
    at += 4 + size;
  }
}

/**
 * Reads ranges of a Blob through one cached window, so neighbouring entries cost one read between them. Memory
 * stays at one window (or one entry, when an entry is larger than a window).
 */
class WindowedBlob {
  private start = 0;
  private bytes: Uint8Array = new Uint8Array(0);

  constructor(readonly blob: Blob) {}

  get size(): number {
    return this.blob.size;
  }

  async range(from: number, to: number): Promise<Uint8Array> {
    const end = Math.min(to, this.blob.size);
    if (from < this.start || end > this.start + this.bytes.length) {
      const bytes = await bytesOf(this.blob, from, Math.min(this.blob.size, Math.max(end, from + READ_WINDOW)));
      // Both together after the read, so a concurrent reader never sees one window's start with another's bytes.
      this.start = from;
      this.bytes = bytes;
      return bytes.subarray(0, end - from);
    }
    return this.bytes.subarray(from - this.start, end - this.start);
  }
}

async function readEntryData(blob: WindowedBlob, entry: CentralEntry): Promise<Uint8Array> {
  const header = await blob.range(entry.localOffset, entry.localOffset + 30);
  const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || h.getUint32(0, true) !== LOCAL_SIGNATURE)
    throw truncated(`the entry '${entry.name}' is missing`);
  const start = entry.localOffset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
  if (start + entry.compressedSize > blob.size) throw truncated(`the entry '${entry.name}' is cut short`);
  const raw = await blob.range(start, start + entry.compressedSize);
  // A stored entry is copied out of the window, which must not stay alive for as long as the entry does.
  const out = entry.method === 0 ? raw.slice() : inflateBounded(raw, entry);
  if (out.length !== entry.size || crc32Update(0, out) !== entry.crc) {
    throw truncated(`the entry '${entry.name}' does not match its recorded size and checksum`);
  }
  return out;
}

/**
 * Inflates in slices and stops as soon as the output outgrows the declared size. An entry of one slice is
 * inflated in one call into a buffer of its declared size (the streaming inflater's buffers cost more than the
 * small files of an export): fflate drops output past the buffer's end, and the size and CRC check that follows
 * rejects an entry that held more.
 */
function inflateBounded(raw: Uint8Array, entry: CentralEntry): Uint8Array {
  if (raw.length <= INFLATE_SLICE) {
    try {
      return inflateSync(raw, { out: new Uint8Array(entry.size) });
    } catch {
      throw truncated(`the entry '${entry.name}' could not be decompressed`);
    }
  }
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > out.length)
      throw truncated(`the entry '${entry.name}' inflates to more than its recorded size`);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < raw.length; at += INFLATE_SLICE) {
      inflater.push(raw.subarray(at, Math.min(raw.length, at + INFLATE_SLICE)), at + INFLATE_SLICE >= raw.length);
    }
    if (raw.length === 0) inflater.push(raw, true);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw truncated(`the entry '${entry.name}' could not be decompressed`);
  }
  return written === out.length ? out : out.subarray(0, written);
}

/** The entries of a zip, each read lazily. Directories are left out. */
export async function zipEntries(blob: Blob): Promise<ImportEntry[]> {
  const { offset, size, count } = await findDirectory(blob);
  const entries = readCentralEntries(await bytesOf(blob, offset, offset + size), count);
  const windowed = new WindowedBlob(blob);
  return entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => {
      if (e.flags & 1)
        throw new ImportError(
          'INVALID_CONTENT',
          `The entry '${e.name}' is encrypted; tabflow imports unencrypted zips only.`,
          e.name,
        );
      if (e.method !== 0 && e.method !== 8) {
        throw new ImportError(
          'INVALID_CONTENT',
          `The entry '${e.name}' uses compression method ${e.method}; only stored and DEFLATE entries can be read.`,
          e.name,
        );
      }
      return { path: e.name, size: e.size, read: () => readEntryData(windowed, e) };
    });
}
