import { deflateSync } from 'fflate';
import { crc32Update } from './crc32';
import type { DeflateBatch, DeflateReply } from './deflate-pool';
import { encodeMetricLines } from './metric-lines';

/**
 * What workers/deflate.worker.ts does with a batch: metric histories formatted as MLflow's lines, every file
 * DEFLATEd whole (as fflate's zipSync does) with its uncompressed size and CRC-32, in the batch's order.
 */
export function deflateBatch(batch: DeflateBatch): DeflateReply {
  try {
    const files = batch.files.map((file) => (file instanceof Uint8Array ? file : encodeMetricLines(file)));
    return {
      id: batch.id,
      outputs: files.map((file) => deflateSync(file, { level: batch.level })),
      sizes: files.map((file) => file.byteLength),
      crcs: files.map((file) => crc32Update(0, file)),
    };
  } catch (error) {
    return { id: batch.id, error: error instanceof Error ? error.message : String(error) };
  }
}
