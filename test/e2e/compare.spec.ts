import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

interface RunSpec {
  name: string;
  params: Record<string, string | number>;
  /** Training curve shape: final loss and how fast it gets there. */
  finalLoss: number;
  speed: number;
  epochs?: number;
}

/** Logs runs through the tracking API in the page, with realistic noisy training curves; returns their ids. */
async function logRuns(
  page: Page,
  experimentName: string,
  specs: RunSpec[],
): Promise<{ experimentId: string; runIds: string[] }> {
  return page.evaluate(
    async ({ experimentName, specs }) => {
      const tracking = window.tabflow!.tracking;
      const experimentId = await tracking.createExperiment(experimentName);
      const runIds: string[] = [];
      let seed = 11;
      const noise = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
      for (const spec of specs) {
        const run = await tracking.startRun({ experimentId, runName: spec.name });
        await run.logParams(spec.params);
        await run.setTag('class', '3b');
        const epochs = spec.epochs ?? 40;
        for (let epoch = 0; epoch < epochs; epoch++) {
          const progress = 1 - Math.exp(-spec.speed * (epoch + 1));
          const loss = 1.1 - (1.1 - spec.finalLoss) * progress;
          run.logMetric('loss', loss + noise() * 0.04, epoch);
          run.logMetric('val_loss', loss * 1.08 + noise() * 0.05, epoch);
          run.logMetric('val_accuracy', Math.min(0.995, 0.5 + 0.5 * (1 - loss / 1.1)) + noise() * 0.01, epoch);
        }
        await run.end();
        runIds.push(run.id);
      }
      return { experimentId, runIds };
    },
    { experimentName, specs },
  );
}

const THREE_RUNS: RunSpec[] = [
  { name: 'lr-0.1', params: { learning_rate: 0.1, optimizer: 'adam', hidden_units: 16 }, finalLoss: 0.35, speed: 0.3 },
  {
    name: 'lr-0.01',
    params: { learning_rate: 0.01, optimizer: 'adam', hidden_units: 16 },
    finalLoss: 0.12,
    speed: 0.12,
  },
  {
    name: 'lr-0.001',
    params: { learning_rate: 0.001, optimizer: 'adam', hidden_units: 16 },
    finalLoss: 0.45,
    speed: 0.04,
  },
];

test('selecting three runs and pressing Compare shows the overlay, the differing param, and survives a reload', async ({
  page,
}) => {
  await openApp(page);
  const { experimentId, runIds } = await logRuns(page, 'compare e2e', THREE_RUNS);
  await page.goto(`./#/experiments/${experimentId}`);
  for (const run of THREE_RUNS) await page.getByRole('checkbox', { name: `Select run ${run.name}` }).check();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/compare\\?runs=${runIds.map((id) => `(?=.*${id})`).join('')}`));
  // Chart only the loss, so the test looks at exactly one overlay.
  await page.getByText(/^Metrics: 3 of 3$/).click();
  const metricsMenu = page.getByRole('group', { name: 'Metrics to chart' });
  await metricsMenu.getByRole('checkbox', { name: 'val_accuracy' }).uncheck();
  await metricsMenu.getByRole('checkbox', { name: 'val_loss' }).uncheck();
  await page.getByText(/^Metrics: 1 of 3$/).click();
  await expect(page.getByRole('img', { name: 'val_loss', exact: true })).toHaveCount(0);

  const chart = page.getByRole('img', { name: 'loss', exact: true });
  await expect(chart).toBeVisible();
  const legend = page.getByRole('list', { name: 'loss legend', exact: true });
  await expect(legend.getByRole('button')).toHaveCount(3);
  for (const run of THREE_RUNS) await expect(legend.getByRole('button', { name: new RegExp(run.name) })).toBeVisible();
  // uPlot drew a canvas inside the chart.
  await expect(chart.locator('canvas')).toHaveCount(1);

  const table = page.getByRole('table', { name: 'Differences between runs' });
  await expect(table.getByRole('row', { name: /learning_rate \(differs\)/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^optimizer\b/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /optimizer \(differs\)/ })).toHaveCount(0);
  // lr-0.01 ends with the lowest loss: its cell in the loss row is marked best.
  await expect(table.getByRole('row', { name: /^loss/ }).getByRole('cell', { name: /best/ })).toHaveCount(1);

  await page.getByRole('switch', { name: 'Only differences' }).check();
  await expect(table.getByRole('row', { name: /^optimizer\b/ })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /^hidden_units\b/ })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /learning_rate/ })).toBeVisible();

  await page.getByRole('combobox', { name: 'X axis' }).selectOption('relative');
  await page.getByRole('checkbox', { name: 'Log scale' }).check();
  await expect(page).toHaveURL(/diff=only/);
  await page.reload();
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  await expect(page.getByRole('switch', { name: 'Only differences' })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'X axis' })).toHaveValue('relative');
  await expect(page.getByRole('checkbox', { name: 'Log scale' })).toBeChecked();
  await expect(page.getByRole('list', { name: 'loss legend', exact: true }).getByRole('button')).toHaveCount(3);
  await expect(page.getByRole('img', { name: 'val_loss', exact: true })).toHaveCount(0);
  await expect(
    page.getByRole('table', { name: 'Differences between runs' }).getByRole('row', { name: /^optimizer\b/ }),
  ).toHaveCount(0);
});

test('a run hidden from a legend disappears from every chart and stays hidden after a reload', async ({ page }) => {
  await openApp(page);
  const { runIds } = await logRuns(page, 'hide e2e', THREE_RUNS);
  await page.goto(`./#/compare?runs=${runIds.join(',')}`);
  const lossLegend = page.getByRole('list', { name: 'loss legend', exact: true });
  await lossLegend.getByRole('button', { name: /^lr-0\.001 / }).click();
  await expect(lossLegend.getByRole('button', { name: /^lr-0\.001 / })).toHaveAttribute('aria-pressed', 'false');
  // Synced across charts: the same run is hidden in the val_loss legend too, and left out of the scatter.
  await expect(
    page.getByRole('list', { name: 'val_loss legend', exact: true }).getByRole('button', { name: /^lr-0\.001 / }),
  ).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('link', { name: /^lr-0\.001:/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^lr-0\.01:/ }).first()).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('list', { name: 'loss legend', exact: true }).getByRole('button', { name: /^lr-0\.001 / }),
  ).toHaveAttribute('aria-pressed', 'false');

  // Drag across a chart to zoom into those steps; double-click to zoom out.
  const chart = page.getByRole('img', { name: 'loss', exact: true });
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.4, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByText('Double-click to zoom out')).toHaveCount(1);
  await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.4);
  await expect(page.getByText('Double-click to zoom out')).toHaveCount(0);
});

test('brushing a parallel-coordinates axis highlights the runs in range; a scatter dot opens its run', async ({
  page,
}) => {
  await openApp(page);
  const { runIds } = await logRuns(page, 'brush e2e', THREE_RUNS);
  await page.goto(`./#/compare?runs=${runIds.join(',')}&axes=params.learning_rate,metrics.loss`);
  const chart = page.getByRole('img', { name: 'Parallel coordinates' });
  await expect(chart).toBeVisible();
  // The loss axis is the second one, at the right end of the plot; drag over its bottom tenth, where only the
  // smallest loss (lr-0.01's) sits.
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  const axisX = box.x + box.width - 90;
  await page.mouse.move(axisX, box.y + box.height - 18);
  await page.mouse.down();
  await page.mouse.move(axisX, box.y + box.height - 45, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole('status').filter({ hasText: 'Highlighted 1 of 3: lr-0.01' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear highlight' }).click();
  await expect(page.getByText(/Highlighted/)).toHaveCount(0);

  const dot = page.getByRole('link', { name: /^lr-0\.01: learning_rate 0\.01,/ });
  await dot.hover();
  await expect(page.getByText(/val_accuracy: 0\.\d+/).first()).toBeVisible();
  await dot.click();
  await expect(page).toHaveURL(new RegExp(`#/run/${runIds[1]}`));
});

test('the diff table downloads as CSV and a chart as PNG', async ({ page }) => {
  await openApp(page);
  const { runIds } = await logRuns(page, 'download e2e', THREE_RUNS);
  await page.goto(`./#/compare?runs=${runIds.join(',')}&metrics=loss`);
  await expect(page.getByRole('img', { name: 'loss', exact: true }).locator('canvas')).toHaveCount(1);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('compare-runs.csv');
  const text = (await (await csv.createReadStream()).toArray()).join('');
  expect(text.split('\r\n')[0]).toBe('section,key,lr-0.1,lr-0.01,lr-0.001,best');
  expect(text).toContain('param,learning_rate,0.1,0.01,0.001,');
  expect(text).toMatch(/metric,loss,[^\r]*,lr-0\.01\r\n/);

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download loss chart as PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('loss.png');
  const bytes = Buffer.concat(await (await png.createReadStream()).toArray());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5_000);

  const [scatter] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^Download val_accuracy vs .* chart as PNG$/ }).click(),
  ]);
  expect((await (await scatter.createReadStream()).toArray()).length).toBeGreaterThan(0);
});

test('runs that were deleted or never existed are named, and the rest still compare', async ({ page }) => {
  await openApp(page);
  const { runIds } = await logRuns(page, 'missing e2e', THREE_RUNS);
  await page.evaluate((id) => window.tabflow!.tracking.deleteRun(id), runIds[2]);
  await page.goto(`./#/compare?runs=${runIds.join(',')},no-such-run&metrics=loss`);
  await expect(
    page.getByRole('status').filter({ hasText: 'Not shown — deleted or not found: lr-0.001, no-such-run.' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Comparing 2 runs' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'loss legend', exact: true }).getByRole('button')).toHaveCount(2);

  await page.goto('./#/compare');
  await expect(page.getByText(/No runs chosen/)).toBeVisible();
});

test('screenshot: five learning rates compared', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 2200 });
  await openApp(page);
  const { runIds } = await logRuns(page, 'learning rates', [
    {
      name: 'lr-0.3',
      params: { learning_rate: 0.3, optimizer: 'sgd', hidden_units: 16, batch_size: 32 },
      finalLoss: 0.55,
      speed: 0.5,
    },
    {
      name: 'lr-0.1',
      params: { learning_rate: 0.1, optimizer: 'sgd', hidden_units: 16, batch_size: 32 },
      finalLoss: 0.3,
      speed: 0.25,
    },
    {
      name: 'lr-0.03',
      params: { learning_rate: 0.03, optimizer: 'adam', hidden_units: 16, batch_size: 32 },
      finalLoss: 0.11,
      speed: 0.12,
    },
    {
      name: 'lr-0.01',
      params: { learning_rate: 0.01, optimizer: 'adam', hidden_units: 16, batch_size: 32 },
      finalLoss: 0.17,
      speed: 0.07,
    },
    {
      name: 'lr-0.001',
      params: { learning_rate: 0.001, optimizer: 'adam', hidden_units: 16, batch_size: 32 },
      finalLoss: 0.6,
      speed: 0.03,
    },
  ]);
  await page.goto(`./#/compare?runs=${runIds.join(',')}&smooth=0.3`);
  const chart = page.getByRole('img', { name: 'val_accuracy', exact: true });
  await expect(chart.locator('canvas')).toHaveCount(1);
  // Hover mid-training so the legends show every run's value at that step.
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
  await page.screenshot({
    path: process.env.COMPARE_SCREENSHOT ?? 'test-results/compare-five-runs.png',
    fullPage: true,
  });
});
