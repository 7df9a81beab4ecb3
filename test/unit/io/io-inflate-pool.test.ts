import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ImportError } from '../../../src/io';
import { inflateBatch, transfersOf, type InflateBatch, type InflateReply } from '../../../src/io/inflate-batch';
import { InflatePool, type InflateWorker } from '../../../src/io/inflate-pool';
import { groupLayout } from '../../../src/io/mlruns-layout';
import { readSnapshot } from '../../../src/io/mlruns-reader';
import { listEntries } from '../../../src/io/sources';
import { RUN_FOLDER, validTree, zipOf } from '../io-helpers';

/**
 * workers/inflate.worker.ts's work (inflateBatch) behind a MessagePort, as Node has no Web Worker: batches are
 * structured-cloned (their buffers transferred) and answered in later tasks, each after `delayMs()`, so two such
 * workers finish out of order.
 */
function portWorker(delayMs: () => number, onBatch = (_jobs: number) => {}): InflateWorker {
  const { port1, port2 } = new MessageChannel();
  port2.on('message', (batch: InflateBatch) => {
    onBatch(batch.jobs.length);
    setTimeout(() => {
      const reply = inflateBatch(batch);
      port2.postMessage(reply, transfersOf(reply) as ArrayBuffer[]);
    }, delayMs());
  });
  return {
    postMessage: (batch, transfer) => port1.postMessage(batch, transfer as ArrayBuffer[]),
    addEventListener(type: 'message' | 'error', listener: (event: { data: InflateReply; message?: string }) => void) {
      if (type === 'message') port1.on('message', (data: InflateReply) => listener({ data }));
    },
    terminate: () => port1.close(),
  };
}

const RUNS = 40;
const runId = (r: number) => r.toString(16).padStart(32, '0');

/** An mlruns tree of RUNS runs with metric files of every spelling MLflow writes, artifacts and params. */
function manyRuns(): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {
    'mlruns/7/meta.yaml': "creation_time: 1\nexperiment_id: '7'\nlifecycle_stage: active\nname: many\n",
  };
  for (let r = 0; r < RUNS; r++) {
    const run = `mlruns/7/${runId(r)}`;
    files[`${run}/meta.yaml`] =
      `experiment_id: '7'\nlifecycle_stage: active\nrun_id: ${runId(r)}\nrun_name: run-${r}\nstart_time: ${r}\nstatus: 3\ntags: []\n`;
    files[`${run}/params/lr`] = String(0.001 * (r + 1));
    const lines = Array.from({ length: 300 + r * 50 }, (_, i) => {
      const value = i % 97 === 0 ? 'nan' : i % 89 === 0 ? '-inf' : String(Math.sin(i * (r + 1)) * 10 ** ((i % 9) - 4));
      return `${1_764_000_000_000 + i} ${value} ${i}`;
    });
    files[`${run}/metrics/loss`] = `${lines.join('\n')}\n`;
    files[`${run}/metrics/acc`] = '1 0.5\n2 1e-07 3\n';
    files[`${run}/artifacts/weights.bin`] = Uint8Array.from({ length: 5_000 + r }, (_, i) => (i * (r + 3)) & 0xff);
  }
  return files;
}

async function snapshotOf(zip: Blob, pool: InflatePool | null) {
  try {
    const entries = await listEntries(zip, DEFAULT_LIMITS, pool);
    return await readSnapshot(groupLayout(entries), {});
  } finally {
    pool?.close();
  }
}

/** The error an import of `zip` fails with, read in place or on a pool. */
async function failureOf(zip: Blob, pool: InflatePool | null): Promise<ImportError> {
  const error = await snapshotOf(zip, pool).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const twoWorkers = (onBatch?: (jobs: number) => void) => {
  let calls = 0;
  return new InflatePool(2, () => portWorker(() => (calls++ % 3) * 5, onBatch));
};

describe('InflatePool', () => {
  it('reads the same snapshot as unpacking in place, though batches finish out of order', async () => {
    const zip = zipOf(manyRuns());
    let batches = 0;
    let jobs = 0;
    const pooled = await snapshotOf(
      zip,
      twoWorkers((n) => {
        batches += 1;
        jobs += n;
      }),
    );
    const inPlace = await snapshotOf(zip, null);
    // Every metric and compressed artifact went through the workers, many files to a message.
    expect(jobs).toBeGreaterThanOrEqual(RUNS * 3);
    expect(batches).toBeLessThan(jobs / 4);
    expect(pooled.runs).toHaveLength(RUNS);
    expect(pooled).toEqual(inPlace);
    const last = pooled.runs[RUNS - 1];
    expect(last.metrics.loss.values.length).toBe(300 + (RUNS - 1) * 50);
    expect(Number.isNaN(last.metrics.loss.values[0])).toBe(true);
    expect(last.metrics.loss.values[89]).toBe(-Infinity);
    expect(Array.from(last.metrics.acc.steps)).toEqual([0, 3]);
  });

  it('a damaged entry, a zip bomb and a bad metric line fail in the same words as in place', async () => {
    const corrupted = new Uint8Array(await zipOf(manyRuns()).arrayBuffer());
    const lossName = `mlruns/7/${runId(5)}/metrics/loss`;
    const lossAt = new TextDecoder('latin1').decode(corrupted).indexOf(lossName);
    corrupted[lossAt + lossName.length + 40] ^= 0xff;

    /** A zip whose directory under-declares an artifact's size, as a zip bomb would. */
    const bomb = async (data: Uint8Array) => {
      const name = `${RUN_FOLDER}/artifacts/bomb.bin`;
      const bytes = new Uint8Array(await zipOf({ ...validTree(), [name]: data }).arrayBuffer());
      const view = new DataView(bytes.buffer);
      for (let at = bytes.length - 22; at >= 0; at--) {
        if (view.getUint32(at, true) !== 0x02014b50) continue;
        if (new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + name.length)) === name)
          view.setUint32(at + 24, 1000, true);
      }
      return new Blob([bytes]);
    };
    let seed = 1;
    const noise = Uint8Array.from(
      { length: 200_000 },
      () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24,
    );
    const badLine = zipOf({ ...manyRuns(), [`mlruns/7/${runId(9)}/metrics/loss`]: '10 0.5 0\n11 zero 1\n' });

    for (const [zip, expected] of [
      [new Blob([corrupted]), /^The zip is damaged or incomplete \(the entry '.*metrics\/loss' /],
      [await bomb(new Uint8Array(300_000)), /^The zip is damaged or incomplete \(the entry '.*bomb\.bin' /],
      [await bomb(noise), /^The zip is damaged or incomplete \(the entry '.*bomb\.bin' inflates to more than/],
      [badLine, /metrics\/loss, line 2: the value 'zero' is not a number/],
    ] as const) {
      const pooled = await failureOf(zip, twoWorkers());
      const inPlace = await failureOf(zip, null);
      expect(pooled.message).toMatch(expected);
      expect({ code: pooled.code, message: pooled.message, file: pooled.file }).toEqual({
        code: inPlace.code,
        message: inPlace.message,
        file: inPlace.file,
      });
    }
  });

  it('a worker that stops fails the reads waiting on it in words', async () => {
    let fail: (event: { message?: string }) => void = () => {};
    const pool = new InflatePool(1, () => ({
      postMessage: () => fail({ message: 'out of memory' }),
      addEventListener(type: 'message' | 'error', listener: never) {
        if (type === 'error') fail = listener;
      },
      terminate: () => {},
    }));
    const job = { name: 'a', file: 'a', method: 8, size: 1, crc: 0, raw: new Uint8Array(1) };
    await expect(pool.bytes(job)).rejects.toThrow(
      'The decompression worker stopped (out of memory); reload the page and import again.',
    );
    await expect(pool.metric(job)).rejects.toThrow(/decompression worker stopped/);
  });
});
