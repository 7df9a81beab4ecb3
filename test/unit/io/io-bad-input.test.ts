import { describe, expect, it } from 'vitest';
import { ImportError, importRuns, type ImportOptions, type ImportSource } from '../../../src/io';
import { freshTracking } from '../helpers';
import { RUN_FOLDER, tableCounts, validTree, zipOf } from '../io-helpers';

/** Imports into a database that already holds a run, and checks the import failed having changed nothing. */
async function expectRejected(
  source: ImportSource,
  expected: { code: string; message: RegExp },
  options: ImportOptions = {},
) {
  const tracking = await freshTracking();
  const run = await tracking.startRun({ runName: 'mine' });
  run.logMetric('loss', 1, 0);
  await run.end();
  const before = await tableCounts(tracking);
  const error = await importRuns(tracking, source, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect(error).toMatchObject({ code: expected.code });
  expect((error as Error).message).toMatch(expected.message);
  expect(await tableCounts(tracking)).toEqual(before);
  expect((await tracking.getRun(run.id)).info.runName).toBe('mine');
}

describe('bad imports are refused with a clear message and write nothing', () => {
  it('a valid tree imports (the baseline the cases below break)', async () => {
    const tracking = await freshTracking();
    expect(await importRuns(tracking, zipOf(validTree()))).toMatchObject({ runs: 1, metricPoints: 2 });
  });

  it('not a zip', async () => {
    await expectRejected(new Blob(['hello, this is a text file']), { code: 'NOT_A_ZIP', message: /not a zip archive/ });
  });

  it('a truncated zip', async () => {
    const zip = zipOf(validTree());
    await expectRejected(zip.slice(0, zip.size - 30), { code: 'TRUNCATED', message: /damaged or incomplete/ });
  });

  it('a zip whose entry data is corrupted', async () => {
    const bytes = new Uint8Array(await zipOf(validTree()).arrayBuffer());
    // The first entry's data starts after its 30-byte local header and its 20-character name.
    bytes[30 + 'mlruns/123/meta.yaml'.length + 5] ^= 0xff;
    await expectRejected(new Blob([bytes]), { code: 'TRUNCATED', message: /damaged or incomplete/ });
  });

  /** A zip whose central directory under-declares one entry's uncompressed size, as a zip bomb would. */
  async function underDeclared(data: Uint8Array): Promise<Blob> {
    const name = `${RUN_FOLDER}/artifacts/bomb.bin`;
    const bytes = new Uint8Array(await zipOf({ ...validTree(), [name]: data }).arrayBuffer());
    const view = new DataView(bytes.buffer);
    const nameBytes = new TextEncoder().encode(name);
    for (let at = 0; at + 46 < bytes.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== nameBytes.length) continue;
      if (nameBytes.every((b, i) => bytes[at + 46 + i] === b)) view.setUint32(at + 24, 1000, true);
    }
    return new Blob([bytes]);
  }

  it('an entry that inflates to more than its recorded size, small (inflated in one call) or large (in slices)', async () => {
    await expectRejected(await underDeclared(new Uint8Array(100_000)), {
      code: 'TRUNCATED',
      message: /damaged or incomplete/,
    });
    let seed = 1;
    const noise = Uint8Array.from(
      { length: 200_000 },
      () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24,
    );
    await expectRejected(await underDeclared(noise), {
      code: 'TRUNCATED',
      message: /inflates to more than its recorded size/,
    });
  });

  for (const [label, name] of [
    ['..', 'mlruns/../../evil.txt'],
    ['an absolute path', '/etc/passwd'],
    ['a drive letter', 'C:/Windows/evil.dll'],
    ['a backslash ..', 'mlruns\\..\\..\\evil.txt'],
  ] as const) {
    it(`an entry with ${label}`, async () => {
      await expectRejected(zipOf({ ...validTree(), [name]: 'x' }), {
        code: 'UNSAFE_PATH',
        message: /absolute path|contains '\.\.'/,
      });
    });
  }

  it('more than the total uncompressed size limit', async () => {
    await expectRejected(
      zipOf({ ...validTree(), [`${RUN_FOLDER}/artifacts/big.bin`]: new Uint8Array(4096) }),
      { code: 'TOO_LARGE', message: /unpacks to .* GiB, more than/ },
      {
        limits: { maxTotalBytes: 4000 },
      },
    );
  });

  it('more than the entry count limit', async () => {
    await expectRejected(
      zipOf(validTree()),
      { code: 'TOO_LARGE', message: /more than 3 files/ },
      { limits: { maxEntries: 3 } },
    );
  });

  it('invalid YAML', async () => {
    await expectRejected(zipOf({ ...validTree(), 'mlruns/123/meta.yaml': 'name: [unclosed\nexperiment_id: 123' }), {
      code: 'INVALID_CONTENT',
      message: /mlruns\/123\/meta\.yaml is not valid YAML/,
    });
  });

  it('a meta.yaml that is not a mapping, or has a wrong type', async () => {
    await expectRejected(zipOf({ ...validTree(), [`${RUN_FOLDER}/meta.yaml`]: '- just\n- a list\n' }), {
      code: 'INVALID_CONTENT',
      message: /should hold a YAML mapping/,
    });
    const tree = validTree();
    await expectRejected(
      zipOf({
        ...tree,
        [`${RUN_FOLDER}/meta.yaml`]: tree[`${RUN_FOLDER}/meta.yaml`].replace('start_time: 2', 'start_time: soon'),
      }),
      {
        code: 'INVALID_CONTENT',
        message: /'start_time' should be a whole number/,
      },
    );
  });

  it('a metric line that does not parse names the file and the line', async () => {
    await expectRejected(zipOf({ ...validTree(), [`${RUN_FOLDER}/metrics/loss`]: '10 0.5 0\n11 zero 1\n' }), {
      code: 'INVALID_CONTENT',
      message: new RegExp(`${RUN_FOLDER}/metrics/loss, line 2: the value 'zero' is not a number`),
    });
    await expectRejected(zipOf({ ...validTree(), [`${RUN_FOLDER}/metrics/loss`]: '10 0.5 0\n11 0.5 1 extra\n' }), {
      code: 'INVALID_CONTENT',
      message: /metrics\/loss, line 2: expected "timestamp value step", found 4 field/,
    });
    await expectRejected(zipOf({ ...validTree(), [`${RUN_FOLDER}/metrics/loss`]: '10 0.5 1.5\n' }), {
      code: 'INVALID_CONTENT',
      message: /line 1: the step '1\.5' is not a whole number/,
    });
  });

  it("values over MLflow's limits", async () => {
    await expectRejected(zipOf({ ...validTree(), [`${RUN_FOLDER}/params/long`]: 'x'.repeat(6001) }), {
      code: 'INVALID_CONTENT',
      message: /params\/long: Param 'long' has a value of 6001 characters; the limit is 6000/,
    });
    await expectRejected(zipOf({ ...validTree(), [`${RUN_FOLDER}/tags/note`]: 'x'.repeat(8001) }), {
      code: 'INVALID_CONTENT',
      message: /the limit is 8000/,
    });
    await expectRejected(zipOf({ ...validTree(), [`${RUN_FOLDER}/metrics/${'k'.repeat(251)}`]: '1 1 0\n' }), {
      code: 'INVALID_CONTENT',
      message: /the limit is 250/,
    });
    const tree = validTree();
    await expectRejected(
      zipOf({
        ...tree,
        'mlruns/123/meta.yaml': tree['mlruns/123/meta.yaml'].replace('name: tiny', `name: ${'n'.repeat(501)}`),
      }),
      { code: 'INVALID_CONTENT', message: /the limit is 500/ },
    );
  });

  it('a run whose meta.yaml names another run or experiment', async () => {
    const tree = validTree();
    await expectRejected(
      zipOf({
        ...tree,
        [`${RUN_FOLDER}/meta.yaml`]: tree[`${RUN_FOLDER}/meta.yaml`].replace(
          "experiment_id: '123'",
          "experiment_id: '9'",
        ),
      }),
      {
        code: 'INVALID_CONTENT',
        message: /does not match the experiment folder '123'/,
      },
    );
  });

  it('a zip that is not an mlruns tree', async () => {
    await expectRejected(zipOf({ 'photos/cat.jpg': 'meow' }), {
      code: 'NOT_MLRUNS',
      message: /no experiment meta\.yaml was found/,
    });
  });
});

describe('all or nothing', () => {
  it('a failure while writing leaves the database exactly as it was', async () => {
    const tracking = await freshTracking();
    const before = await tableCounts(tracking);
    const table = tracking.db.artifacts;
    const original = table.bulkPut.bind(table);
    table.bulkPut = (() => Promise.reject(new Error('disk on fire'))) as unknown as typeof table.bulkPut;
    try {
      await expect(
        importRuns(tracking, zipOf({ ...validTree(), [`${RUN_FOLDER}/artifacts/a.txt`]: 'a' })),
      ).rejects.toThrow('disk on fire');
    } finally {
      table.bulkPut = original;
    }
    expect(await tableCounts(tracking)).toEqual(before);
    expect(await tracking.getExperimentByName('tiny')).toBeNull();
  });

  it('a cancelled import writes nothing', async () => {
    const tracking = await freshTracking();
    const before = await tableCounts(tracking);
    const controller = new AbortController();
    const importing = importRuns(tracking, zipOf(validTree()), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(importing).rejects.toMatchObject({ name: 'AbortError' });
    expect(await tableCounts(tracking)).toEqual(before);
  });
});
