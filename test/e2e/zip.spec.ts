import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { collectErrors, expect, openApp, test } from './fixtures';

test('"Export experiment" downloads an mlruns zip, and "Import" of it in a fresh profile shows the same runs', async ({
  page,
  browser,
}, testInfo) => {
  await openApp(page);
  const { experimentId, runIds } = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('shared with the teacher');
    const runIds: string[] = [];
    for (const [name, lr] of [
      ['adam-small', 0.01],
      ['sgd-big', 0.1],
    ] as const) {
      const run = await tracking.startRun({ experimentId, runName: name });
      await run.logParams({ lr, optimizer: name.split('-')[0] });
      for (let step = 0; step < 50; step++) run.logMetric('loss', 1 / (step + 1), step);
      run.logMetric('odd', NaN, 0);
      await run.logArtifact('notes/readme.md', `# ${name}`);
      await run.end();
      runIds.push(run.id);
    }
    return { experimentId, runIds };
  });
  await page.goto(`./#/experiments/${experimentId}`);
  await expect(page.getByRole('table', { name: 'Runs' })).toHaveAttribute('aria-rowcount', '3');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export experiment' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^tabflow-export-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.zip$/);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 2 runs' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('export-done.png') });
  const zipPath = testInfo.outputPath('export.zip');
  await download.saveAs(zipPath);
  await page.getByRole('button', { name: 'Close' }).click();

  // The zip is MLflow's layout: experiment and run meta.yaml, params, metric lines with Python's 'nan'.
  const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
  const runFolder = `mlruns/${experimentId}/${runIds[0]}`;
  expect(strFromU8(files[`mlruns/${experimentId}/meta.yaml`])).toContain('name: shared with the teacher');
  expect(strFromU8(files[`${runFolder}/meta.yaml`])).toContain('status: 3');
  expect(strFromU8(files[`${runFolder}/params/lr`])).toBe('0.01');
  expect(strFromU8(files[`${runFolder}/metrics/odd`])).toMatch(/^\d+ nan 0\n$/);
  expect(strFromU8(files[`${runFolder}/artifacts/notes/readme.md`])).toBe('# adam-small');
  expect(JSON.parse(strFromU8(files['tabflow.json']))).toMatchObject({ formatVersion: 1, counts: { runs: 2 } });

  // A fresh profile: its own IndexedDB, empty but for the Default experiment.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors = collectErrors(other);
  await openApp(other);
  await expect(other.getByRole('link', { name: 'shared with the teacher' })).toHaveCount(0);
  await other.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = other.getByRole('dialog', { name: 'Import runs' });
  await dialog.getByLabel('Zip file').setInputFiles(zipPath);
  await other.screenshot({ path: testInfo.outputPath('import-choose.png') });
  await dialog.getByRole('button', { name: 'Import runs' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'Imported 2 runs into 1 experiment, with 102 metric points, 2 artifacts',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  await other.getByRole('link', { name: 'shared with the teacher' }).click();
  const table = other.getByRole('table', { name: 'Runs' });
  await expect(table).toHaveAttribute('aria-rowcount', '3');
  await expect(table.getByRole('checkbox', { name: 'Select run adam-small' })).toBeVisible();
  await expect(table.getByRole('checkbox', { name: 'Select run sgd-big' })).toBeVisible();
  const loss = await other.evaluate(
    (id) => window.tabflow!.tracking.getMetricHistory(id, 'loss').then((h) => Array.from(h.values)),
    runIds[1],
  );
  expect(loss).toEqual(Array.from({ length: 50 }, (_, step) => 1 / (step + 1)));

  // Importing the same zip again skips the runs that exist, and says so.
  await other.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByLabel('Zip file').setInputFiles(zipPath);
  await dialog.getByRole('button', { name: 'Import runs' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 0 runs');
  await expect(dialog.getByText(/Skipped 2 items/)).toBeVisible();
  await other.screenshot({ path: testInfo.outputPath('import-summary.png') });
  expect(errors).toEqual([]);
  await fresh.close();
});

test('importing a file that is not a zip shows why, in words, and imports nothing', async ({ page }, testInfo) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import runs' });
  await dialog.getByLabel('Zip file').setInputFiles({
    name: 'notes.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('just some text, not a zip'),
  });
  await dialog.getByRole('button', { name: 'Import runs' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This file is not a zip archive');
  await expect(dialog.getByRole('alert')).toContainText('Nothing was imported');
  await page.screenshot({ path: testInfo.outputPath('import-error.png') });
  const runs = await page.evaluate(() =>
    window.tabflow!.tracking.searchRuns({ viewType: 'ALL' }).then((r) => r.length),
  );
  expect(runs).toBe(0);
});
