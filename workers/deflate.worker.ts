/**
 * DEFLATE for an export's zip (src/io/deflate-pool.ts), on a core beside the thread that reads the runs:
 * compression and metric formatting are most of an export's work. The compressed bytes are transferred back,
 * not copied.
 */
import { deflateBatch } from '../src/io/deflate-batch';
import type { DeflateBatch } from '../src/io/deflate-pool';

self.addEventListener('message', ({ data }: MessageEvent<DeflateBatch>) => {
  const reply = deflateBatch(data);
  self.postMessage(reply, { transfer: 'outputs' in reply ? reply.outputs.map((o) => o.buffer) : [] });
});
