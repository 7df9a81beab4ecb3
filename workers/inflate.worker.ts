/**
 * Decompression for an import's zip (src/io/inflate-pool.ts), on a core beside the thread that reads the zip and
 * writes the database: inflating, CRC checks and metric parsing are most of an import's work. Results are
 * transferred back, not copied.
 */
import { inflateBatch, transfersOf, type InflateBatch } from '../src/io/inflate-batch';

self.addEventListener('message', ({ data }: MessageEvent<InflateBatch>) => {
  const reply = inflateBatch(data);
  self.postMessage(reply, { transfer: transfersOf(reply) });
});
