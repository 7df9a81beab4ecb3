import { Inflate, inflateSync } from 'fflate';
import { crc32Update } from './crc32';
import { ImportError } from './errors';

/**
 * One zip entry's bytes from its stored or DEFLATEd data, bounded and checked: the same code runs in place and on
 * the inflate workers (workers/inflate.worker.ts), so both refuse a damaged entry or a zip bomb in the same words.
 */

/** What the central directory says about an entry, all that is needed to unpack and check its data. */
export interface EntryRecord {
  /** The name as the zip spells it, for messages. */
  name: string;
  method: number;
  size: number;
  crc: number;
}

const INFLATE_SLICE = 64 * 1024;

export function truncated(why: string): ImportError {
  return new ImportError('TRUNCATED', `The zip is damaged or incomplete (${why}). Download or copy it again.`);
}

/**
 * Inflates in slices and stops as soon as the output outgrows the declared size. An entry of one slice is
 * inflated in one call into a buffer of its declared size (the streaming inflater's buffers cost more than the
 * small files of an export): fflate drops output past the buffer's end, and the size and CRC check that follows
 * rejects an entry that held more.
 */
function inflateBounded(raw: Uint8Array, entry: EntryRecord): Uint8Array<ArrayBuffer> {
  if (raw.length <= INFLATE_SLICE) {
    try {
      return inflateSync(raw, { out: new Uint8Array(entry.size) }) as Uint8Array<ArrayBuffer>;
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
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw truncated(`the entry '${entry.name}' could not be decompressed`);
  }
  return written === out.length ? out : out.subarray(0, written);
}

/**
 * The entry's uncompressed bytes from its data as stored in the zip, verified against the declared size and
 * CRC-32. A stored entry is copied: `raw` is usually a view of a larger read window that must not stay alive.
 */
export function entryBytes(raw: Uint8Array, entry: EntryRecord): Uint8Array<ArrayBuffer> {
  const out = entry.method === 0 ? raw.slice() : inflateBounded(raw, entry);
  if (out.length !== entry.size || crc32Update(0, out) !== entry.crc) {
    throw truncated(`the entry '${entry.name}' does not match its recorded size and checksum`);
  }
  return out;
}
