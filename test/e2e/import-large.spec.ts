import { collectErrors, expect, importZip, openApp, test } from './fixtures';

const RUNS = 3;
const POINTS = 20_000;

test('importing a zip of several megabytes brings back every point and artifact bit for bit', async ({
  page,
  browser,
}, testInfo) => {
  await openApp(page);
  // Values of full precision (and NaN, ±Infinity) make metric files that barely compress: a zip of several
  // megabytes, read in many windows, every value written and read back in Python's float spelling.
  const { experimentId, runIds } = await page.evaluate(
    async ({ runs, points }) => {
      const tracking = window.tabflow!.tracking;
      const experimentId = await tracking.createExperiment('many points');
      const runIds: string[] = [];
      let seed = 7;
      const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      for (let r = 0; r < runs; r++) {
        const run = await tracking.startRun({ experimentId, runName: `run-${r}` });
        for (let i = 0; i < points; i++) {
          const value =
            i === 7 ? NaN : i === 8 ? Infinity : i === 9 ? -Infinity : (next() - 0.5) * 10 ** ((i % 12) - 6);
          run.logMetric('loss', value, i, 1_764_000_000_000 + i);
        }
        await run.logArtifact(
          'weights.bin',
          Uint8Array.from({ length: 300_000 }, () => next() * 256),
        );
        await run.end();
        runIds.push(run.id);
      }
      return { experimentId, runIds };
    },
    { runs: RUNS, points: POINTS },
  );
  const historiesIn = (p: typeof page) =>
    p.evaluate(
      (ids) =>
        Promise.all(
          ids.map(async (id) => {
            const h = await window.tabflow!.tracking.getMetricHistory(id, 'loss');
            // As text, so NaN and ±Infinity survive the trip out of the page; String() keeps every digit.
            return [Array.from(h.values, String), Array.from(h.steps), Array.from(h.timestamps)];
          }),
        ),
      runIds,
    );
  const logged = await historiesIn(page);
  /** Each run's weights.bin as its length and a hash of its bytes. */
  const artifactHashesIn = (p: typeof page) =>
    p.evaluate(
      (ids) =>
        Promise.all(
          ids.map(async (id) => {
            const blob = await window.tabflow!.tracking.getArtifact(id, 'weights.bin');
            const bytes = new Uint8Array(await blob.arrayBuffer());
            return [bytes.length, bytes.reduce((hash, b) => (Math.imul(hash, 31) + b) >>> 0, 0)];
          }),
        ),
      runIds,
    );

  await page.goto(`./#/experiments/${experimentId}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export experiment' }).click();
  const zipPath = testInfo.outputPath('export.zip');
  await (await downloading).saveAs(zipPath);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors = collectErrors(other);
  await openApp(other);
  const dialog = await importZip(other, zipPath);
  await expect(dialog.getByRole('status')).toContainText(
    `Imported ${RUNS} runs into 1 experiment, with ${(RUNS * POINTS).toLocaleString('en-US')} metric points, ${RUNS} artifacts`,
  );
  expect(await historiesIn(other)).toEqual(logged);
  expect(await artifactHashesIn(other)).toEqual(await artifactHashesIn(page));
  expect(errors).toEqual([]);
  await fresh.close();
});
