import { MessageChannel } from 'node:worker_threads';
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deflateBatch } from '../../../src/io/deflate-batch';
import { DeflatePool, type DeflateBatch, type DeflateReply, type DeflateWorker } from '../../../src/io/deflate-pool';
import { formatMetricLines } from '../../../src/io/metric-lines';
import { zipEntries } from '../../../src/io/zip-reader';
import { ZipWriter } from '../../../src/io/zip-writer';

/**
 * workers/deflate.worker.ts's work (deflateBatch) behind a MessagePort, as Node has no Web Worker: batches are
 * structured-cloned and answered in later tasks, each after `delayMs()`, so two such workers finish out of order.
 */
function portWorker(delayMs: () => number, onBatch = () => {}): DeflateWorker {
  const { port1, port2 } = new MessageChannel();
  port2.on('message', (batch: DeflateBatch) => {
    onBatch();
    setTimeout(() => {
      const reply = deflateBatch(batch);
      port2.postMessage(reply, 'outputs' in reply ? reply.outputs.map((o) => o.buffer) : []);
    }, delayMs());
  });
  return {
    postMessage: (batch) => port1.postMessage(batch),
    addEventListener(type: 'message' | 'error', listener: (event: { data: DeflateReply; message?: string }) => void) {
      if (type === 'message') port1.on('message', (data: DeflateReply) => listener({ data }));
    },
    terminate: () => port1.close(),
  };
}

const history = (points: number, seed: number) => ({
  steps: Float64Array.from({ length: points }, (_, i) => i),
  values: Float64Array.from({ length: points }, (_, i) => Math.sin(i * seed) / (i + 1)),
  timestamps: Float64Array.from({ length: points }, (_, i) => 1_764_000_000_000 + i * 37),
});

const RUNS = 60;

/** A few megabytes of files of every kind: the pooled writer starts its pool after the first and sends many batches. */
function writeFiles(zip: ZipWriter): void {
  zip.addMetric('mlruns/1/r0/metrics/loss', history(50_000, 1));
  for (let r = 1; r <= RUNS; r++) {
    zip.add(`mlruns/1/r${r}/meta.yaml`, `run_id: r${r}\nstatus: 3\n`);
    zip.add(`mlruns/1/r${r}/params/lr`, String(0.001 * r));
    zip.addMetric(`mlruns/1/r${r}/metrics/loss`, history(500 + r * 100, r));
    zip.add(
      `mlruns/1/r${r}/artifacts/weights.bin`,
      new Uint8Array(3_000 + r).map((_, i) => (i * r) & 0xff),
    );
    zip.add(`mlruns/1/r${r}/artifacts/plot.png`, new Uint8Array(500).fill(r));
  }
}

describe('DeflatePool', () => {
  it('writes the same archive, byte for byte, as compressing in place, though batches finish out of order', async () => {
    const mtime = new Date(Date.UTC(2026, 10, 28, 12));
    const inPlace = new ZipWriter({ mtime });
    writeFiles(inPlace);
    let started = 0;
    const batches = [0, 0];
    const pooled = new ZipWriter({
      mtime,
      startPool: () => {
        started += 1;
        let calls = 0;
        let workers = 0;
        return new DeflatePool(2, () => {
          const index = workers++;
          return portWorker(
            () => (calls++ % 3) * 7,
            () => (batches[index] += 1),
          );
        });
      },
    });
    writeFiles(pooled);
    const [expected, actual] = await Promise.all([inPlace.finish(), pooled.finish()]);
    expect(started).toBe(1);
    expect(Math.min(...batches)).toBeGreaterThanOrEqual(3);
    // Buffer.equals: toEqual walks a megabyte-sized array element by element for most of a minute.
    const bytes = async (blob: Blob) => Buffer.from(await blob.arrayBuffer());
    expect(actual.size).toBe(expected.size);
    expect((await bytes(actual)).equals(await bytes(expected))).toBe(true);

    // Read back by the importer's reader, which checks every entry's size and CRC-32.
    const entries = await zipEntries(actual);
    expect(entries).toHaveLength(1 + RUNS * 5);
    const loss = entries.find((e) => e.path === 'mlruns/1/r47/metrics/loss')!;
    expect(strFromU8(await loss.read())).toBe(formatMetricLines(history(5_200, 47)));
  });

  it('drain(n) waits until at most n bytes are still with the workers', async () => {
    const pool = new DeflatePool(1, () => portWorker(() => 20));
    const done: number[] = [];
    for (let i = 0; i < 4; i++) pool.deflate(new Uint8Array(300_000).fill(i), (_, r) => done.push(r!.size));
    expect(pool.pendingBytes).toBe(1_200_000);
    await pool.drain(600_000);
    expect(pool.pendingBytes).toBeLessThanOrEqual(600_000);
    await pool.drain(0);
    expect(done).toEqual([300_000, 300_000, 300_000, 300_000]);
    pool.close();
  });

  it('a file the worker cannot compress fails the archive in words, and the pool stops', async () => {
    const zip = new ZipWriter({ startPool: () => new DeflatePool(1, () => portWorker(() => 0)) });
    zip.add('big.bin', new Uint8Array(2 * 1024 * 1024));
    zip.addMetric('metrics/broken', { steps: [0], values: [1], timestamps: null as unknown as number[] });
    await expect(zip.finish()).rejects.toThrow(/^Compressing the export failed: /);
  });
});
