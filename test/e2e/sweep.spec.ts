import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Every run of the Default experiment, as the tracking API sees it. */
async function allRuns(page: Page) {
  return page.evaluate(async () => {
    const runs = await window.tabflow!.tracking.searchRuns({ experimentIds: ['0'] });
    return runs.map((r) => ({
      info: r.info,
      params: r.data.params,
      tags: r.data.tags,
      metrics: Object.fromEntries(Object.entries(r.data.metrics).map(([k, m]) => [k, m.value])),
    }));
  });
}

/**
 * Sets up learning rate × hidden units on the spiral, with the given workers; the Playground's own fields first.
 * `together: false` trains every trial alone, so a pool of 2 runs two trials at once.
 */
async function setUpGrid(page: Page, epochs: number, workers: string, { together = true } = {}) {
  await openApp(page, `#/playground?dataset=spiral&dataset_points=200&epochs=${epochs}&batch_size=20`);
  await page.getByRole('button', { name: 'Set up a sweep' }).click();
  await page.getByLabel('Sweep learning rate').check();
  await page.getByLabel('Values to try for learning rate').fill('0.01, 0.1');
  await page.getByLabel('Sweep hidden units (per layer)').check();
  await page.getByLabel('Values to try for hidden units (per layer)').fill('2, 8');
  await page.getByLabel('Workers (trials at once)').fill(workers);
  const trainTogether = page.getByRole('checkbox', { name: 'Train compatible trials together' });
  await expect(trainTogether).toBeChecked();
  if (!together) await trainTogether.uncheck();
  await expect(page.getByText('4 trials', { exact: true })).toBeVisible();
}

test('a 2 × 2 grid on a pool of 2 makes one parent and four FINISHED children, and the parent names the best', async ({
  page,
}, testInfo) => {
  await setUpGrid(page, 4, '2', { together: false });
  await page.getByLabel('Metric that picks the best trial').selectOption('val_accuracy');
  await page.getByRole('button', { name: 'Start sweep' }).click();

  const progress = page.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(progress).toHaveAttribute('aria-valuemax', '4');
  await expect(page.getByText('Running 2', { exact: true })).toBeVisible();
  await page.locator('sweep-panel').screenshot({ path: testInfo.outputPath('sweep-running.png') });

  // The sweep lives in the app, not the page: leave the Playground and come back to it.
  await page.evaluate(() => (location.hash = '#/experiments'));
  await expect(page.locator('sweep-panel')).toHaveCount(0);
  await page.evaluate(() => (location.hash = '#/playground'));

  await expect(page.getByText(/^Sweep finished in/)).toBeVisible({ timeout: 90_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', '4');
  await page.locator('sweep-panel').screenshot({ path: testInfo.outputPath('sweep-done.png') });

  const runs = await allRuns(page);
  const parents = runs.filter((r) => r.tags['tabflow.sweep.role'] === 'parent');
  expect(parents).toHaveLength(1);
  const parent = parents[0];
  const children = runs.filter((r) => r.tags['mlflow.parentRunId'] === parent.info.runId);
  expect(children).toHaveLength(4);
  expect(children.map((c) => c.info.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
  expect(new Set(children.map((c) => `${c.params.learning_rate} ${c.params.hidden_layers}`))).toEqual(
    new Set(['0.01 [2,2]', '0.01 [8,8]', '0.1 [2,2]', '0.1 [8,8]']),
  );
  // Each child carries its full config; the parent only what the trials share, plus the sweep's own settings.
  for (const c of children)
    expect(c.params).toMatchObject({ dataset: 'spiral', epochs: '4', batch_size: '20', optimizer: 'adam' });
  expect(parent.params).toMatchObject({
    'sweep.method': 'grid',
    'sweep.metric': 'val_accuracy',
    'sweep.pool_size': '2',
    'sweep.train_together': 'false',
    epochs: '4',
  });
  expect(parent.params.learning_rate).toBeUndefined();

  const best = children.reduce((a, b) => (b.metrics.val_accuracy > a.metrics.val_accuracy ? b : a));
  expect(parent.info.status).toBe('FINISHED');
  expect(parent.tags['tabflow.sweep.best_run_id']).toBe(best.info.runId);
  expect(parent.metrics.best_val_accuracy).toBe(best.metrics.val_accuracy);
  const artifacts = await page.evaluate((id) => window.tabflow!.tracking.listArtifacts(id), parent.info.runId);
  expect(artifacts.map((a) => a.path)).toContain('sweep.json');

  await expect(page.getByRole('link', { name: best.info.runName })).toHaveAttribute('href', `#/run/${best.info.runId}`);
  await page.getByRole('button', { name: 'Compare trials' }).click();
  await expect(page).toHaveURL(/#\/compare\?runs=/);
  const ids = decodeURIComponent(new URL(page.url()).hash.split('runs=')[1]).split(',');
  expect(new Set(ids)).toEqual(new Set(children.map((c) => c.info.runId)));
});

test('cancelling mid-sweep stops every worker and leaves no RUNNING run behind', async ({ page }, testInfo) => {
  await setUpGrid(page, 400, '2', { together: false });
  await page.getByRole('button', { name: 'Start sweep' }).click();
  // Wait until both workers train (their runs exist and have logged an epoch).
  await expect(page.getByText(/^running [1-9]\d*\/400$/)).toHaveCount(2, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(page.getByText(/^Sweep cancelled after/)).toBeVisible();
  await page.locator('sweep-panel').screenshot({ path: testInfo.outputPath('sweep-cancelled.png') });

  const runs = await allRuns(page);
  expect(runs.filter((r) => r.info.status === 'RUNNING')).toEqual([]);
  const parent = runs.find((r) => r.tags['tabflow.sweep.role'] === 'parent')!;
  expect(parent.info.status).toBe('KILLED');
  const children = runs.filter((r) => r.tags['mlflow.parentRunId'] === parent.info.runId);
  // The two running trials ended KILLED; the two pending ones never started, so they have no run.
  expect(children.map((c) => c.info.status)).toEqual(['KILLED', 'KILLED']);
  await expect(page.getByText('Never started 2', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start sweep' })).toBeEnabled();
});

test('a value the Playground cannot train is named before the sweep starts, and nothing is recorded', async ({
  page,
}) => {
  await setUpGrid(page, 4, '2');
  await page.getByLabel('Values to try for learning rate').fill('0.1, -1');
  await expect(
    page.getByText(
      'Trial 3 (learningRate=-1, hiddenUnits=2) cannot train: Learning rate must be a number above 0, got -1.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start sweep' })).toBeDisabled();
  await page.getByLabel('Workers (trials at once)').fill('0');
  await page.getByLabel('Values to try for learning rate').fill('0.1');
  await expect(page.getByText('Workers: enter a whole number from 1 to 16.')).toBeVisible();
  expect(await allRuns(page)).toEqual([]);
});

test('compatible trials train together: a batch of 4 on one worker gives 4 FINISHED children, each with its metrics, model and pictures', async ({
  page,
}, testInfo) => {
  await setUpGrid(page, 4, '1');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  await expect(page.getByText(/^Sweep finished in/)).toBeVisible({ timeout: 90_000 });
  await page.locator('sweep-panel').screenshot({ path: testInfo.outputPath('sweep-batched-done.png') });

  const runs = await allRuns(page);
  const parent = runs.find((r) => r.tags['tabflow.sweep.role'] === 'parent')!;
  expect(parent.params['sweep.train_together']).toBe('true');
  expect(parent.info.status).toBe('FINISHED');
  const children = runs.filter((r) => r.tags['mlflow.parentRunId'] === parent.info.runId);
  expect(children.map((c) => c.info.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
  expect(new Set(children.map((c) => `${c.params.learning_rate} ${c.params.hidden_layers}`))).toEqual(
    new Set(['0.01 [2,2]', '0.01 [8,8]', '0.1 [2,2]', '0.1 [8,8]']),
  );
  for (const child of children) {
    // One stacked model in one worker, yet each child is a run of its own, as a trial trained alone.
    expect(child.tags['tabflow.sweep.batch_size']).toBe('4');
    const record = await page.evaluate(async (id) => {
      const tracking = window.tabflow!.tracking;
      const losses = await tracking.getMetricHistory(id, 'val_loss');
      const files = await tracking.listArtifacts(id);
      return { epochs: Array.from(losses.steps), files: files.map((f) => f.path) };
    }, child.info.runId);
    expect(record.epochs).toEqual([0, 1, 2, 3]);
    expect(Object.keys(child.metrics)).toEqual(
      expect.arrayContaining(['loss', 'accuracy', 'val_loss', 'val_accuracy']),
    );
    expect(record.files).toEqual(
      expect.arrayContaining(['model/model.json', 'decision_boundary.png', 'confusion_matrix.json']),
    );
  }
  // The best by the panel's default metric, val_accuracy (ties go to the earlier trial).
  const top = Math.max(...children.map((c) => c.metrics.val_accuracy));
  const best = children.find((c) => c.info.runId === parent.tags['tabflow.sweep.best_run_id'])!;
  expect(best.metrics.val_accuracy).toBe(top);
});

test('cancelling a batched sweep stops every member of the batch and leaves no RUNNING run behind', async ({
  page,
}) => {
  await setUpGrid(page, 400, '1');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  // The four trials train together, so all four are running at once on the one worker.
  await expect(page.getByText(/^running [1-9]\d*\/400$/)).toHaveCount(4, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(page.getByText(/^Sweep cancelled after/)).toBeVisible();

  const runs = await allRuns(page);
  expect(runs.filter((r) => r.info.status === 'RUNNING')).toEqual([]);
  const parent = runs.find((r) => r.tags['tabflow.sweep.role'] === 'parent')!;
  expect(parent.info.status).toBe('KILLED');
  const children = runs.filter((r) => r.tags['mlflow.parentRunId'] === parent.info.runId);
  expect(children.map((c) => c.info.status)).toEqual(['KILLED', 'KILLED', 'KILLED', 'KILLED']);
});
