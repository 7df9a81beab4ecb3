import { readFileSync } from 'node:fs';
import { strFromU8 } from 'fflate';
import { formatMetricLines } from '../../src/io/metric-lines';
import { zipEntries } from '../../src/io/zip-reader';
import { expect, openApp, test } from './fixtures';

const RUNS = 4;
const POINTS = 25_000;

/** The history the page logs for run `r`, rebuilt here to check the exported lines. */
const lossOf = (r: number, t0: number) => ({
  steps: Array.from({ length: POINTS }, (_, i) => i),
  values: Array.from({ length: POINTS }, (_, i) => 1 / (i + r + 1)),
  timestamps: Array.from({ length: POINTS }, (_, i) => t0 + i),
});

test('an export of several megabytes compresses on deflate workers, and every entry checks out (sizes, CRC-32s, lines)', async ({
  page,
}, testInfo) => {
  const workerUrls: string[] = [];
  page.on('worker', (worker) => workerUrls.push(worker.url()));
  await openApp(page);
  const t0 = 1_764_000_000_000;
  const { experimentId, runIds } = await page.evaluate(
    async ({ runs, points, t0 }) => {
      const tracking = window.tabflow!.tracking;
      const experimentId = await tracking.createExperiment('long histories');
      const runIds: string[] = [];
      for (let r = 0; r < runs; r++) {
        const run = await tracking.startRun({ experimentId, runName: `run-${r}` });
        for (let i = 0; i < points; i++) run.logMetric('loss', 1 / (i + r + 1), i, t0 + i);
        await run.logArtifact(
          'weights.bin',
          new Uint8Array(200_000).map((_, i) => (i * (r + 3)) & 0xff),
        );
        await run.end();
        runIds.push(run.id);
      }
      return { experimentId, runIds };
    },
    { runs: RUNS, points: POINTS, t0 },
  );
  await page.goto(`./#/experiments/${experimentId}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export experiment' }).click();
  const download = await downloading;
  await expect(page.getByRole('status').filter({ hasText: `Exported ${RUNS} runs` })).toBeVisible();
  const zipPath = testInfo.outputPath('export.zip');
  await download.saveAs(zipPath);

  // Over a megabyte to compress, so the export's writer started its deflate workers (nested in the io worker).
  expect(workerUrls.some((url) => /deflate\.worker/.test(url))).toBe(true);

  // The importer's reader checks every entry's size and CRC-32 as it reads it.
  const entries = await zipEntries(new Blob([readFileSync(zipPath)]));
  for (const [r, runId] of runIds.entries()) {
    const folder = `mlruns/${experimentId}/${runId}`;
    const read = (path: string) => entries.find((e) => e.path === `${folder}/${path}`)!.read();
    expect(strFromU8(await read('metrics/loss'))).toBe(formatMetricLines(lossOf(r, t0)));
    const weights = await read('artifacts/weights.bin');
    expect(weights.length).toBe(200_000);
    expect(weights[12_345]).toBe((12_345 * (r + 3)) & 0xff);
  }
});
