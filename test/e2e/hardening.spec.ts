import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Issue 15 in the browser: hostile ids in links, damaged links, a tab reloaded or closed mid-training, deleted experiments. */

const HOSTILE_ID = '50%zz?x=1&y=#/run/a';

async function runIdFromLink(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: 'Open this run' }).getAttribute('href');
  return decodeURIComponent(href!.split('/').pop()!);
}

async function runState(page: Page, runId: string) {
  return page.evaluate(async (id) => {
    const tracking = window.tabflow!.tracking;
    const run = await tracking.getRun(id);
    return {
      status: run.info.status,
      endTime: run.info.endTime,
      points: (await tracking.getMetricHistory(id, 'loss')).values.length,
    };
  }, runId);
}

/** Starts a long training in the Playground and waits until it has logged a few epochs; returns its run id and points. */
async function startLongTraining(page: Page): Promise<{ runId: string; points: number }> {
  await openApp(page, '#/playground?epochs=2000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/Epoch ([5-9]|\d\d+) of 2000/, { timeout: 60_000 });
  const runId = await runIdFromLink(page);
  // The points logged so far are committed (one flush per epoch); what the reload must keep is at least these.
  await expect.poll(async () => (await runState(page, runId)).points, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  return { runId, points: (await runState(page, runId)).points };
}

test('an experiment id that is not URL-safe gets an encoded sidebar link that opens it', async ({ page }) => {
  await openApp(page);
  // Stored as data from an older tabflow or another tool would be (imports now refuse such ids): links must still work.
  await page.evaluate(async (id) => {
    const now = Date.now();
    await window.tabflow!.tracking.db.experiments.add({
      experimentId: id,
      name: 'hostile',
      lifecycleStage: 'active',
      creationTime: now,
      lastUpdateTime: now,
      tags: {},
    });
  }, HOSTILE_ID);
  const link = page.getByRole('link', { name: 'hostile', exact: true });
  await expect(link).toHaveAttribute('href', `#/experiments/${encodeURIComponent(HOSTILE_ID)}`);
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'hostile' })).toBeVisible();
});

test('keys named __proto__, constructor and toString show in the runs table, its filter and the run page', async ({
  page,
}) => {
  await openApp(page);
  const runId = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const run = await tracking.startRun({ runName: 'prototype keys' });
    await run.logParams(
      Object.fromEntries([
        ['__proto__', 'p-value'],
        ['constructor', 'c-value'],
      ]),
    );
    await run.setTag('toString', 't-value');
    run.logMetric('hasOwnProperty', 0.75, 0);
    await run.end();
    return run.id;
  });
  await openApp(page, '#/experiments/0');
  const table = page.getByRole('table', { name: 'Runs' });
  for (const key of ['__proto__', 'constructor', 'hasOwnProperty'])
    await expect(table.getByRole('columnheader', { name: new RegExp(key) })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: 'prototype keys' });
  await expect(row).toContainText('p-value');
  await expect(row).toContainText('c-value');
  await expect(row).toContainText('0.75');
  await page
    .getByRole('searchbox', { name: 'Filter runs' })
    .fill("params.`__proto__` = 'p-value' and metrics.hasOwnProperty > 0.5");
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(table.getByRole('row').filter({ hasText: 'prototype keys' })).toHaveCount(1);
  await page.goto(`./#/run/${runId}`);
  const params = page.getByRole('table', { name: 'Parameters' });
  await expect(params.getByRole('row').filter({ hasText: '__proto__' })).toContainText('p-value');
  await expect(params.getByRole('row').filter({ hasText: 'constructor' })).toContainText('c-value');
  await expect(
    page.getByRole('table', { name: 'Tags' }).getByRole('row').filter({ hasText: 'toString' }),
  ).toContainText('t-value');
});

test('a damaged link opens with a message in words instead of breaking the router', async ({ page }) => {
  await openApp(page, '#/experiments/50%zz');
  await expect(page.getByRole('alert').filter({ hasText: 'This link is damaged' })).toContainText(
    "'50%zz' is not valid percent-encoding",
  );
});

test('reloading a tab mid-training ends its run KILLED within seconds, keeping every point', async ({ page }) => {
  const { runId, points } = await startLongTraining(page);
  const reloadedAt = Date.now();
  await page.reload();
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  await expect.poll(async () => (await runState(page, runId)).status, { timeout: 5_000 }).toBe('KILLED');
  console.log(`run ended KILLED ${Date.now() - reloadedAt} ms after the reload`);
  const after = await runState(page, runId);
  expect(after.points).toBeGreaterThanOrEqual(points);
  expect(after.endTime).not.toBeNull();
});

test('closing the training tab ends its run KILLED in another open tab within seconds', async ({ page, context }) => {
  const { runId, points } = await startLongTraining(page);
  const other = await context.newPage();
  await openApp(other);
  expect((await runState(other, runId)).status).toBe('RUNNING');
  await page.close();
  await expect.poll(async () => (await runState(other, runId)).status, { timeout: 6_000 }).toBe('KILLED');
  expect((await runState(other, runId)).points).toBeGreaterThanOrEqual(points);
});

test('the Playground says its experiment was deleted, disables Train and restores it', async ({ page }) => {
  await openApp(page);
  const id = await page.evaluate(() => window.tabflow!.tracking.createExperiment('soon gone'));
  await openApp(page, `#/playground?experiment_id=${id}`);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  await page.evaluate((experimentId) => window.tabflow!.tracking.deleteExperiment(experimentId), id);
  await expect(page.getByRole('alert').filter({ hasText: 'was deleted' })).toContainText(
    'The experiment “soon gone” was deleted. Restore it to train runs in it',
  );
  await expect(train).toBeDisabled();
  await page.getByRole('button', { name: 'Restore experiment “soon gone”' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'was deleted' })).toHaveCount(0);
  await expect(train).toBeEnabled();
  expect(
    await page.evaluate(
      (experimentId) => window.tabflow!.tracking.getExperiment(experimentId).then((e) => e.lifecycleStage),
      id,
    ),
  ).toBe('active');
});

test('a run training into an experiment deleted meanwhile is shown as such and keeps training', async ({ page }) => {
  await openApp(page);
  const id = await page.evaluate(() => window.tabflow!.tracking.createExperiment('deleted mid-run'));
  await openApp(page, `#/playground?experiment_id=${id}&epochs=2000`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/Epoch \d+ of 2000/, { timeout: 60_000 });
  await page.evaluate((experimentId) => window.tabflow!.tracking.deleteExperiment(experimentId), id);
  await expect(page.getByRole('alert').filter({ hasText: 'was deleted' })).toContainText(
    'was deleted while this run trains into it',
  );
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/Stopped|Killed|KILLED/i, { timeout: 30_000 });
});
