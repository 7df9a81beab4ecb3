import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Two learning rates × three seeds, each a child of its config's parent run, logged through the page's API. */
async function seedRepeats(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('seeds');
    const accuracy: Record<string, number[]> = { '0.1': [0.9, 0.92, 0.94], '0.001': [0.6, 0.62, 0.64] };
    for (const [lr, values] of Object.entries(accuracy)) {
      const parent = await tracking.startRun({ experimentId, runName: `lr ${lr}` });
      await parent.end();
      for (let seed = 0; seed < 3; seed++) {
        const run = await tracking.startRun({ experimentId, runName: `lr ${lr} seed ${seed}`, parentRunId: parent.id });
        await run.logParams({ learningRate: lr, seed, epochs: 3 });
        for (let step = 0; step < 3; step++) run.logMetric('val_accuracy', values[seed] - 0.1 * (2 - step), step);
        await run.end();
      }
    }
    return experimentId;
  });
}

test('runs table: group by learning rate gives one row per rate with n = 3 and mean ± std', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  const id = await seedRepeats(page);
  await page.goto(`./#/experiments/${id}`);
  const table = page.getByRole('table', { name: 'Runs' });
  // Children sit collapsed under their parent run until grouped.
  await expect(table.getByRole('link', { name: 'lr 0.1', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Group by' }).click();
  await page.getByRole('group', { name: 'Group by' }).getByRole('checkbox', { name: 'learningRate' }).check();
  await page.keyboard.press('Escape');
  const groups = table.getByRole('row', { name: /^Group / });
  // The two parents hold the children, so they are left out of the groups.
  await expect(groups).toHaveCount(2);
  const fast = table.getByRole('row', { name: 'Group learningRate = 0.1 · 3 runs' });
  await expect(fast.getByRole('cell', { name: '0.92 ± 0.02' })).toBeVisible();
  await expect(
    table.getByRole('row', { name: 'Group learningRate = 0.001 · 3 runs' }).getByRole('cell', { name: '0.62 ± 0.02' }),
  ).toBeVisible();
  await page.screenshot({ path: '/tmp/h18/table-grouped-1366.png' });

  await fast.getByRole('button', { name: /Show the runs of/ }).click();
  await expect(table.getByRole('link', { name: 'lr 0.1 seed 0' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'lr 0.001 seed 0' })).toHaveCount(0);
  // Sorting by the metric orders the groups by their mean: the slow rate first when ascending.
  await table.getByRole('button', { name: 'Sort by val_accuracy (metric)' }).click();
  await expect(groups.first()).toHaveAccessibleName('Group learningRate = 0.001 · 3 runs');
  // The grouping is in the URL, so a reload keeps it.
  await page.reload();
  await expect(table.getByRole('row', { name: 'Group learningRate = 0.1 · 3 runs' })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/h18/table-grouped-390.png' });
});

test('compare grouped: two mean lines with bands read back from the chart, the winner sentence and parameter importance', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  const id = await seedRepeats(page);
  const runIds = await page.evaluate(async (experimentId) => {
    const runs = await window.tabflow!.tracking.searchRuns({
      experimentIds: [experimentId],
      filter: "params.seed != ''",
    });
    return runs.map((r) => r.info.runId);
  }, id);
  expect(runIds).toHaveLength(6);
  await page.goto(`./#/compare?runs=${runIds.join(',')}`);
  // Per-run lines first; the page has settled once they are drawn.
  await expect(page.locator('metric-chart').getByRole('button', { name: /lr 0.1 seed 2/ })).toBeVisible();
  await page.getByRole('button', { name: 'Group by' }).click();
  await page.getByRole('group', { name: 'Group by' }).getByRole('checkbox', { name: 'learningRate' }).check();
  await page.keyboard.press('Escape');

  const chart = page.locator('metric-chart').filter({ has: page.getByRole('heading', { name: 'val_accuracy' }) });
  await expect(chart.getByRole('button', { name: /learningRate = 0.1 \(n = 3\)/ })).toBeVisible();
  const lines = await chart.evaluate((el) =>
    (
      el as unknown as {
        series: {
          label: string;
          xs: ArrayLike<number>;
          ys: ArrayLike<number>;
          band?: { lower: ArrayLike<number>; upper: ArrayLike<number> };
        }[];
      }
    ).series.map((s) => ({
      label: s.label,
      xs: Array.from(s.xs),
      ys: Array.from(s.ys),
      lower: Array.from(s.band!.lower),
      upper: Array.from(s.band!.upper),
    })),
  );
  expect(lines.map((l) => l.label).sort()).toEqual(['learningRate = 0.001 (n = 3)', 'learningRate = 0.1 (n = 3)']);
  const fast = lines.find((l) => l.label.startsWith('learningRate = 0.1 '))!;
  expect(fast.xs).toEqual([0, 1, 2]);
  fast.ys.forEach((y, i) => expect(y).toBeCloseTo([0.72, 0.82, 0.92][i], 10));
  fast.upper.forEach((y, i) => expect(y).toBeCloseTo([0.74, 0.84, 0.94][i], 10)); // mean + 1 sample std (0.02)
  fast.lower.forEach((y, i) => expect(y).toBeCloseTo([0.7, 0.8, 0.9][i], 10));

  await page.getByRole('combobox', { name: 'Band' }).selectOption('minmax');
  await expect
    .poll(() =>
      chart.evaluate((el) =>
        Array.from((el as unknown as { series: { band?: { upper: ArrayLike<number> } }[] }).series[0].band!.upper),
      ),
    )
    .toHaveLength(3);
  // Smoothing applies to the group lines as to single runs: the EMA (0.5, debiased) of 0.72, 0.82, 0.92.
  await page.getByRole('slider', { name: 'Smoothing' }).fill('0.5');
  await expect
    .poll(() =>
      chart.evaluate((el) =>
        Array.from(
          (el as unknown as { series: { label: string; ys: ArrayLike<number> }[] }).series.find((s) =>
            s.label.startsWith('learningRate = 0.1 '),
          )!.ys,
          (y) => Math.round(y * 1e4) / 1e4,
        ),
      ),
    )
    .toEqual([0.72, 0.7867, 0.8629]);

  const winner = page.getByRole('region', { name: 'Winner' });
  await expect(winner.getByRole('status')).toHaveText(
    "learningRate = 0.1 is best (mean val_accuracy 0.92 ± 0.02 over 3 runs). Its lead of 0.3 over learningRate = 0.001 is larger than the spread between seeds (Welch's t-test, p < 0.001): unlikely to be luck.",
  );
  const importance = page.getByRole('table', { name: 'Parameter importance for val_accuracy' });
  await expect(importance.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('learningRate');
  await expect(page.getByText(/Only 6 runs logged this metric: too few to say/)).toBeVisible();
  await page.screenshot({ path: '/tmp/h18/compare-grouped-1366.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/h18/compare-grouped-390.png', fullPage: true });
});

test('"Repeat with seeds" on two configs makes 3 children each; grouped by learning rate they compare as two lines with bands', async ({
  page,
}) => {
  test.setTimeout(360_000);
  for (const lr of ['0.3', '0.003']) {
    await openApp(page, `#/playground?dataset=spiral&dataset_points=120&epochs=3&batch_size=20&learning_rate=${lr}`);
    await page.getByRole('button', { name: 'Repeat with seeds' }).click();
    const form = page.getByRole('form', { name: 'Repeat with seeds' });
    await form.getByRole('spinbutton', { name: 'Seeds' }).fill('3');
    await form.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Repeat with 3 seeds finished/ })).toBeVisible({
      timeout: 120_000,
    });
  }
  const children = await page.evaluate(async () => {
    const runs = await window.tabflow!.tracking.searchRuns({ experimentIds: ['0'] });
    return runs
      .filter((r) => r.info.parentRunId)
      .map((r) => ({ lr: r.data.params.learning_rate, seed: r.data.params.seed, status: r.info.status }));
  });
  expect(children.map((c) => `${c.lr}/${c.seed}/${c.status}`).sort()).toEqual(
    ['0.003/1', '0.003/2', '0.003/3', '0.3/1', '0.3/2', '0.3/3'].map((s) => `${s}/FINISHED`),
  );

  await page.goto('./#/experiments/0?group=params.learning_rate');
  const table = page.getByRole('table', { name: 'Runs' });
  const groups = table.getByRole('row', { name: /^Group / });
  await expect(groups).toHaveCount(2);
  for (const lr of ['0.3', '0.003']) {
    const row = table.getByRole('row', { name: `Group learning_rate = ${lr} · 3 runs` });
    await expect(row.getByRole('cell', { name: /^-?\d[\d.e-]* ± \d/ }).first()).toBeVisible();
    await row.getByRole('checkbox').check();
  }
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('button', { name: 'Group by' }).click();
  await page.getByRole('group', { name: 'Group by' }).getByRole('checkbox', { name: 'learning_rate' }).check();
  await page.keyboard.press('Escape');
  const chart = page
    .locator('metric-chart')
    .filter({ has: page.getByRole('heading', { name: 'val_accuracy', exact: true }) });
  await expect(chart.getByRole('button', { name: /learning_rate = 0.3 \(n = 3\)/ })).toBeVisible();
  const lines = await chart.evaluate((el) =>
    (
      el as unknown as { series: { label: string; ys: ArrayLike<number>; band?: { upper: ArrayLike<number> } }[] }
    ).series.map((s) => ({ label: s.label, points: s.ys.length, band: s.band ? s.band.upper.length : 0 })),
  );
  expect(lines.map((l) => l.label).sort()).toEqual(['learning_rate = 0.003 (n = 3)', 'learning_rate = 0.3 (n = 3)']);
  for (const line of lines) expect(line).toMatchObject({ points: 3, band: 3 });
  await expect(page.getByRole('region', { name: 'Winner' }).getByRole('status')).toHaveText(
    /^learning_rate = (0.3|0.003) (is best|is ahead|has the best)/,
  );
  await expect(
    page
      .getByRole('table', { name: /Parameter importance for/ })
      .getByRole('row')
      .nth(1)
      .getByRole('cell')
      .first(),
  ).toHaveText('learning_rate');

  // Any run can be repeated from its page: Seeds, Start, and the repeat runs there and then, on the sweep pool,
  // with links to its parent run and to Compare of the repeats (one mean line with its band).
  const child = await page.evaluate(
    async () =>
      (await window.tabflow!.tracking.searchRuns({ experimentIds: ['0'], filter: "params.learning_rate = '0.3'" }))[0]
        .info.runId,
  );
  await page.goto(`./#/run/${child}`);
  await page.getByRole('button', { name: 'Repeat with seeds' }).click();
  const form = page.getByRole('form', { name: 'Repeat with seeds' });
  await form.getByRole('spinbutton', { name: 'Seeds' }).fill('2');
  await form.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Repeat with 2 seeds finished/ })).toBeVisible({
    timeout: 120_000,
  });
  expect(new URL(page.url()).hash).toBe(`#/run/${child}`);
  const parentLink = page.getByRole('link', { name: /^sweep grid ×2 / });
  const parentHref = await parentLink.getAttribute('href');
  expect(parentHref).toMatch(/^#\/run\/[0-9a-f]{32}$/);
  await page.getByRole('link', { name: 'Compare the 2 repeats' }).click();
  const repeats = page
    .locator('metric-chart')
    .filter({ has: page.getByRole('heading', { name: 'val_accuracy', exact: true }) });
  await expect(repeats.getByRole('button', { name: /^parent run = .* \(n = 2\)/ })).toBeVisible();
  // Back on the run page the links still say where its repeat went.
  await page.goBack();
  await expect(parentLink).toHaveAttribute('href', parentHref!);
  await parentLink.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^sweep grid ×2 /);
});

test('a saved view reopens from the Views list after a reload, and travels through export → import', async ({
  page,
  browser,
}, testInfo) => {
  await openApp(page);
  const id = await seedRepeats(page);
  await page.goto(`./#/experiments/${id}`);
  const table = page.getByRole('table', { name: 'Runs' });
  await page.getByRole('button', { name: 'Group by' }).click();
  await page.getByRole('group', { name: 'Group by' }).getByRole('checkbox', { name: 'learningRate' }).check();
  await page.keyboard.press('Escape');
  await table.getByRole('button', { name: 'Sort by val_accuracy (metric)' }).click();
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('by rate');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Views' }).getByRole('button', { name: 'by rate' })).toBeVisible();

  // A reload without the view's query: the view is stored with the experiment, not in the URL.
  await page.goto(`./#/experiments/${id}`);
  await page.reload();
  await expect(table.getByRole('link', { name: 'lr 0.1', exact: true })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Group / })).toHaveCount(0);
  await page.getByRole('list', { name: 'Views' }).getByRole('button', { name: 'by rate' }).click();
  await expect(table.getByRole('row', { name: /^Group / }).first()).toHaveAccessibleName(
    'Group learningRate = 0.001 · 3 runs',
  );

  // A view saved from Compare holds its charts: group by, band, smoothing, x axis.
  const seedRuns = (experimentId: string) => `./#/compare?runs=${experimentId}`;
  const compareIds = async (on: Page, experimentName: string) =>
    on.evaluate(async (name) => {
      const tracking = window.tabflow!.tracking;
      const experiment = await tracking.getExperimentByName(name);
      const runs = await tracking.searchRuns({
        experimentIds: [experiment!.experimentId],
        filter: "params.seed != ''",
      });
      return runs.map((r) => r.info.runId).join(',');
    }, experimentName);
  const ids = await compareIds(page, 'seeds');
  await page.goto(`${seedRuns(ids)}&group=params.learningRate&band=minmax&smooth=0.5&x=relative`);
  const chart = page.locator('metric-chart').filter({ has: page.getByRole('heading', { name: 'val_accuracy' }) });
  await expect(chart.getByRole('button', { name: /learningRate = 0.1 \(n = 3\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('textbox', { name: 'View name' }).fill('curves');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.goto(seedRuns(ids));
  await page.reload();
  await expect(chart.getByRole('button', { name: /lr 0.1 seed 2/ })).toBeVisible();
  // Only views holding charts are listed on Compare.
  const compareViews = page.getByRole('list', { name: 'Views' });
  await expect(compareViews.getByRole('button', { name: 'by rate' })).toHaveCount(0);
  await compareViews.getByRole('button', { name: 'curves' }).click();
  await expect(chart.getByRole('button', { name: /learningRate = 0.1 \(n = 3\)/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Band' })).toHaveValue('minmax');
  await expect(page.getByRole('combobox', { name: 'X axis' })).toHaveValue('relative');
  await expect(page.getByRole('slider', { name: 'Smoothing' })).toHaveValue('0.5');
  expect(new URL(page.url()).hash).toContain('band=minmax');
  await page.goto(`./#/experiments/${id}`);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export experiment' }).click();
  const zipPath = testInfo.outputPath('views.zip');
  await (await downloading).saveAs(zipPath);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other);
  await other.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = other.getByRole('dialog', { name: 'Import runs' });
  await dialog.getByLabel('Zip file').setInputFiles(zipPath);
  await dialog.getByRole('button', { name: 'Import runs' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 8 runs');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await other.getByRole('link', { name: 'seeds', exact: true }).click();
  await other.getByRole('list', { name: 'Views' }).getByRole('button', { name: 'by rate' }).click();
  const otherTable = other.getByRole('table', { name: 'Runs' });
  await expect(otherTable.getByRole('row', { name: /^Group / })).toHaveCount(2);
  await expect(
    otherTable
      .getByRole('row', { name: 'Group learningRate = 0.1 · 3 runs' })
      .getByRole('cell', { name: '0.92 ± 0.02' }),
  ).toBeVisible();
  await other.goto(seedRuns(await compareIds(other, 'seeds')));
  // Compare has replaced the runs table (whose Views list names the same views) once its runs' lines are drawn.
  await expect(other.locator('metric-chart').getByRole('button', { name: /lr 0.1 seed 2/ })).toBeVisible();
  await other.getByRole('list', { name: 'Views' }).getByRole('button', { name: 'curves' }).click();
  await expect(
    other
      .locator('metric-chart')
      .filter({ has: other.getByRole('heading', { name: 'val_accuracy' }) })
      .getByRole('button', { name: /learningRate = 0.001 \(n = 3\)/ }),
  ).toBeVisible();
  await expect(other.getByRole('combobox', { name: 'Band' })).toHaveValue('minmax');
  await fresh.close();
});
