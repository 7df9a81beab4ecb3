import { expect, openApp, test } from './fixtures';

test('the app loads with its navigation and the Default experiment', async ({ page }) => {
  await openApp(page);
  for (const name of ['Experiments', 'Playground', 'Models', 'Settings']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Default' })).toBeVisible();
});

test('the Experiments page shows an experiment and a run written through the API in the page', async ({ page }) => {
  await openApp(page);
  const experimentId = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const id = await tracking.createExperiment('e2e experiment');
    const run = await tracking.startRun({ experimentId: id, runName: 'first-run' });
    await run.logParam('lr', 0.01);
    run.logMetric('loss', 0.5, 1);
    await run.end();
    return id;
  });
  // The sidebar is a live query: the new experiment appears without a reload.
  await page.getByRole('link', { name: 'e2e experiment' }).click();
  await expect(page).toHaveURL(new RegExp(`#/experiments/${experimentId}$`));
  await expect(page.getByRole('heading', { name: 'e2e experiment' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'first-run', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'FINISHED' })).toBeVisible();
});
