import { expect, openApp, test } from './fixtures';

/**
 * Compare with many runs: the page's parts appear one per frame (so none makes a long task), and the diff table
 * keeps only the run columns in view in the DOM while announcing all of them (aria-colcount).
 */
test('compare grouped with 40 runs: every section appears, and the diff table virtualizes its run columns', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  const runIds = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('forty');
    const ids: string[] = [];
    for (let r = 0; r < 40; r++) {
      const run = await tracking.startRun({ experimentId, runName: `run ${r}` });
      await run.logParams({ group: r % 4, seed: r });
      for (let step = 0; step < 20; step++)
        run.logMetric('loss', 1 / (1 + step) + (r % 4) * 0.1 + (r % 3) * 0.01, step);
      await run.end();
      ids.push(run.id);
    }
    return ids;
  });
  await page.goto(`./#/compare?runs=${runIds.join(',')}&group=params.group`);

  const chart = page.locator('metric-chart').filter({ has: page.getByRole('heading', { name: 'loss' }) });
  await expect(chart.getByRole('button', { name: /group = 0 \(n = 10\)/ })).toBeVisible();
  // The last parts to appear: the diff table and the per-run charts.
  await expect(page.getByRole('heading', { name: 'Settings against results' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Parallel coordinates' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'loss by group' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Differences between runs' });
  await expect(table).toHaveAttribute('aria-colcount', '41');
  const headers = table.getByRole('columnheader');
  const rendered = await headers.count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(41);
  await expect(table.getByRole('columnheader', { name: 'run 0', exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'run 39', exact: true })).toHaveCount(0);

  // Scrolled to its right end, the last run's column is rendered with its values under it.
  await table.evaluate((el) => {
    const box = el.parentElement!;
    box.scrollLeft = box.scrollWidth;
  });
  const last = table.getByRole('columnheader', { name: 'run 39', exact: true });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-colindex', '41');
  const seedRow = table.getByRole('row', { name: /^seed/ });
  await expect(seedRow.locator('td[aria-colindex="41"]')).toHaveText('39');
  await expect(table.getByRole('columnheader', { name: 'run 0', exact: true })).toHaveCount(0);
});
