import { expect, openApp, test } from './fixtures';

test('Settings shows space used per experiment and frees it by removing deleted runs permanently', async ({ page }) => {
  await openApp(page);
  const { keptId, deletedId } = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('heavy');
    const kept = await tracking.startRun({ experimentId, runName: 'kept' });
    await kept.logArtifact('weights.bin', new Uint8Array(300_000));
    await kept.end();
    const doomed = await tracking.startRun({ experimentId, runName: 'doomed' });
    for (let step = 0; step < 5000; step++) doomed.logMetric('loss', 1 / (step + 1), step);
    await doomed.logArtifact('big.bin', new Uint8Array(200_000));
    await doomed.end();
    await tracking.deleteRun(doomed.id);
    return { keptId: kept.id, deletedId: doomed.id };
  });

  await page.goto('./#/settings');
  const table = page.getByRole('table', { name: 'Storage per experiment' });
  const heavy = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'heavy' }) });
  await expect(heavy).toContainText('+ 1 deleted');
  await expect(heavy.getByRole('cell').nth(2)).toHaveText('500 KB');
  await expect(page.getByLabel(/tabflow uses .* of the .* this browser allows it/)).toBeVisible();

  await expect(page.getByText(/1 deleted run still takes about 3\d\d KB/)).toBeVisible();
  await page.getByRole('button', { name: 'Remove deleted runs permanently…' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(
    await page.evaluate((id) => window.tabflow!.tracking.getRun(id).then((r) => r.info.lifecycleStage), deletedId),
  ).toBe('deleted');

  await page.getByRole('button', { name: 'Remove deleted runs permanently…' }).click();
  await page.getByRole('button', { name: 'Remove permanently' }).click();
  await expect(page.getByText('No deleted runs are waiting to be removed.')).toBeVisible();
  await expect(heavy.getByRole('cell').nth(2)).toHaveText('300 KB');
  await expect(heavy).not.toContainText('deleted');
  const after = await page.evaluate(
    async ({ keptId, deletedId }) => {
      const tracking = window.tabflow!.tracking;
      return {
        deleted: await tracking.getRun(deletedId).then(
          () => 'still there',
          (e: Error) => e.name,
        ),
        kept: (await tracking.listArtifacts(keptId)).map((a) => a.size),
      };
    },
    { keptId, deletedId },
  );
  expect(after).toEqual({ deleted: 'ResourceNotFoundError', kept: [300_000] });
});

test('the first training asks the browser to keep the data, once; Settings can ask again and shows the answer', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    Object.assign(window, { persistCalls: 0 });
    storage.persisted = async () => false;
    storage.persist = async () => {
      Object.assign(window, { persistCalls: (window as unknown as { persistCalls: number }).persistCalls + 1 });
      return persist();
    };
  });
  const persistCalls = () => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls);
  await openApp(page);
  await page.waitForTimeout(300);
  expect(await persistCalls(), 'nothing is asked before anything is recorded').toBe(0);

  await page.evaluate(async () => {
    const first = await window.tabflow!.tracking.startRun({ runName: 'first training' });
    await new Promise((r) => setTimeout(r, 300));
    await first.end();
    const second = await window.tabflow!.tracking.startRun({ runName: 'second training' });
    await new Promise((r) => setTimeout(r, 300));
    await second.end();
  });
  await expect.poll(persistCalls).toBe(1);

  await page.goto('./#/settings');
  await expect(page.getByText(/Storage is not persistent/)).toBeVisible();
  await page.getByRole('button', { name: 'Request persistent storage' }).click();
  await expect(page.getByText(/Storage is persistent:|The browser declined to make storage persistent/)).toBeVisible();
  expect(await persistCalls()).toBe(2);
});
