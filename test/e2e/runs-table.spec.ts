import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Creates an experiment with runs through the page's tracking API; returns its id. */
async function seed(
  page: Page,
  name: string,
  runs: { name: string; lr: number; optimizer: string; accuracy?: number }[],
): Promise<string> {
  return page.evaluate(
    async ({ name, runs }) => {
      const tracking = window.tabflow!.tracking;
      const experimentId = await tracking.createExperiment(name);
      for (const spec of runs) {
        const run = await tracking.startRun({ experimentId, runName: spec.name });
        await run.logParams({ lr: spec.lr, optimizer: spec.optimizer, seed: 7 });
        if (spec.accuracy !== undefined) run.logMetric('val_accuracy', spec.accuracy, 1);
        await run.end();
      }
      return experimentId;
    },
    { name, runs },
  );
}

const runNames = (page: Page) => page.getByRole('table', { name: 'Runs' }).getByRole('row').locator('[role="cell"] a');

test('runs logged through the API show up, sort by a metric with missing values last, and filter with MLflow grammar', async ({
  page,
}) => {
  await openApp(page);
  const id = await seed(page, 'sorting', [
    { name: 'mid', lr: 0.01, optimizer: 'adam', accuracy: 0.85 },
    { name: 'best', lr: 0.1, optimizer: 'sgd', accuracy: 0.95 },
    { name: 'none', lr: 0.001, optimizer: 'adam' },
    { name: 'worst', lr: 0.05, optimizer: 'adam', accuracy: 0.5 },
  ]);
  await page.goto(`./#/experiments/${id}`);
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table).toHaveAttribute('aria-rowcount', '5');
  await expect(table.getByRole('checkbox', { name: 'Select run best' })).toBeVisible();

  await table.getByRole('button', { name: 'Sort by val_accuracy (metric)' }).click();
  await expect(runNames(page)).toHaveText(['worst', 'mid', 'best', 'none']);
  await expect(table.getByRole('columnheader', { name: /val_accuracy/ })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('button', { name: 'Sort by val_accuracy (metric)' }).click();
  await expect(runNames(page)).toHaveText(['best', 'mid', 'worst', 'none']);

  // Params that are all numbers sort numerically.
  await table.getByRole('button', { name: 'Sort by lr (param)' }).click();
  await expect(runNames(page)).toHaveText(['none', 'mid', 'worst', 'best']);

  const search = page.getByRole('searchbox', { name: 'Filter runs' });
  await search.fill("metrics.val_accuracy > 0.6 and params.optimizer = 'adam'");
  await search.press('Enter');
  await expect(runNames(page)).toHaveText(['mid']);
  await expect(page.getByText('1 match')).toBeVisible();

  // The filter and sort live in the link: a reload (or a shared link) shows the same view.
  await page.reload();
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  await expect(search).toHaveValue("metrics.val_accuracy > 0.6 and params.optimizer = 'adam'");
  await expect(runNames(page)).toHaveText(['mid']);
  await expect(table.getByRole('columnheader', { name: /lr/ })).toHaveAttribute('aria-sort', 'ascending');

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(runNames(page)).toHaveCount(4);

  // Plain words search run names, as in MLflow's search box.
  await search.fill('st');
  await search.press('Enter');
  await expect(runNames(page)).toHaveText(['worst', 'best']);
});

test('a malformed filter shows the parser error in place and keeps the table', async ({ page }) => {
  await openApp(page);
  const id = await seed(page, 'bad filter', [{ name: 'only', lr: 0.1, optimizer: 'adam', accuracy: 0.9 }]);
  await page.goto(`./#/experiments/${id}`);
  const search = page.getByRole('searchbox', { name: 'Filter runs' });
  await search.fill('metrics.val_accuracy >> 0.9');
  await search.press('Enter');
  const error = page.getByRole('search').getByRole('alert');
  await expect(error).toContainText('character');
  await expect(search).toHaveAttribute('aria-invalid', 'true');
  await expect(runNames(page)).toHaveText(['only']);
  await search.fill('metrics.val_accuracy > 0.5');
  await search.press('Enter');
  await expect(error).toHaveCount(0);
});

test('columns: the chooser is remembered per experiment and identical columns can be hidden', async ({ page }) => {
  await openApp(page);
  const id = await seed(page, 'columns', [
    { name: 'a', lr: 0.1, optimizer: 'adam', accuracy: 0.9 },
    { name: 'b', lr: 0.2, optimizer: 'sgd', accuracy: 0.8 },
  ]);
  await page.goto(`./#/experiments/${id}`);
  const table = page.getByRole('table', { name: 'Runs' });
  // A param every run shares is folded into one "same for all" line until asked for.
  await expect(table.getByRole('columnheader', { name: /optimizer/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /seed/ })).toHaveCount(0);
  await expect(page.getByText('Same for all 2 runs:')).toBeVisible();
  await page.getByRole('button', { name: 'Show identical params' }).click();
  await expect(table.getByRole('columnheader', { name: /seed/ })).toBeVisible();
  await page.getByRole('switch', { name: 'Hide columns with identical values' }).check();
  await expect(table.getByRole('columnheader', { name: /seed/ })).toHaveCount(0);
  await expect(table.getByRole('columnheader', { name: /optimizer/ })).toBeVisible();
  await page.getByRole('switch', { name: 'Hide columns with identical values' }).uncheck();

  await page.getByRole('button', { name: /Columns/ }).click();
  await page.getByRole('group', { name: 'Choose columns' }).getByRole('checkbox', { name: 'optimizer' }).uncheck();
  await expect(table.getByRole('columnheader', { name: /optimizer/ })).toHaveCount(0);

  await page.reload();
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  await expect(table.getByRole('columnheader', { name: /lr/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /optimizer/ })).toHaveCount(0);
  // Another experiment keeps its own choice.
  const other = await seed(page, 'columns 2', [{ name: 'c', lr: 0.3, optimizer: 'adam' }]);
  await page.goto(`./#/experiments/${other}`);
  await expect(table.getByRole('columnheader', { name: /optimizer/ })).toBeVisible();
});

test('nested runs sit collapsed under their parent with a count; selection enables the actions; delete is soft', async ({
  page,
}) => {
  await openApp(page);
  const id = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('nesting');
    const parent = await tracking.startRun({ experimentId, runName: 'sweep' });
    for (const name of ['trial-1', 'trial-2', 'trial-3'])
      await (await tracking.startRun({ experimentId, runName: name, parentRunId: parent.id })).end();
    await parent.end();
    await (await tracking.startRun({ experimentId, runName: 'solo' })).end();
    return experimentId;
  });
  await page.goto(`./#/experiments/${id}`);
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(runNames(page)).toHaveText(['solo', 'sweep']);
  await table.getByRole('button', { name: 'Show 3 child runs of sweep' }).click();
  await expect(runNames(page)).toHaveText(['solo', 'sweep', 'trial-3', 'trial-2', 'trial-1']);
  await table.getByRole('button', { name: 'Hide 3 child runs of sweep' }).click();
  await expect(runNames(page)).toHaveCount(2);

  for (const name of ['Compare', 'Delete', 'Export'])
    await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  await table.getByRole('checkbox', { name: 'Select run solo' }).check();
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeEnabled();
  await table.getByRole('checkbox', { name: 'Select run sweep' }).check();
  await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeEnabled();
  await table.getByRole('checkbox', { name: 'Select run sweep' }).uncheck();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page
    .getByRole('group', { name: 'Confirm deleting runs' })
    .getByRole('button', { name: 'Delete 1 run' })
    .click();
  await expect(runNames(page)).toHaveText(['sweep']);
  await page.getByRole('switch', { name: 'Show deleted runs' }).check();
  await expect(runNames(page)).toHaveText(['solo']);
  await table.getByRole('checkbox', { name: 'Select run solo' }).check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText('No deleted runs in this experiment.')).toBeVisible();
});

test('compare navigates with the selected run ids; Export downloads the selection as a zip; CSV holds the listed runs', async ({
  page,
}) => {
  await openApp(page);
  const id = await seed(page, 'csv, "quoted"', [
    { name: 'x,1', lr: 0.1, optimizer: 'adam', accuracy: 0.9 },
    { name: 'y', lr: 0.2, optimizer: 'sgd', accuracy: 0.8 },
  ]);
  await page.goto(`./#/experiments/${id}`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = text.trim().split('\r\n');
  // Metrics first, then params (seed, the same for all, too), then the times.
  expect(lines[0]).toBe(
    'Run ID,Run name,Status,metrics.val_accuracy,params.lr,params.optimizer,params.seed,Started,Duration (s)',
  );
  expect(lines).toHaveLength(3);
  expect(text).toContain('"x,1"');

  const table = page.getByRole('table', { name: 'Runs' });
  // Export hands the selected runs to the export dialog, which downloads them as a zip.
  await table.getByRole('checkbox', { name: 'Select run y' }).check();
  const zip = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  expect((await zip).suggestedFilename()).toMatch(/\.zip$/);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 run' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  await table.getByRole('checkbox', { name: 'Select all listed runs' }).check();
  const ids = await page.evaluate(
    async (experimentId) =>
      (await window.tabflow!.tracking.searchRuns({ experimentIds: [experimentId] })).map((r) => r.info.runId),
    id,
  );
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/#\/compare\?runs=/);
  const listed = new URL(page.url()).hash.split('runs=')[1].split(',');
  expect(listed.sort()).toEqual(ids.sort());
});

test('a running run updates live: status and latest metric change without a reload', async ({ page }) => {
  await openApp(page);
  const id = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('live');
    const run = await tracking.startRun({ experimentId, runName: 'training' });
    run.logMetric('loss', 0.9, 0);
    await run.flush();
    (window as unknown as { liveRun: typeof run }).liveRun = run;
    return experimentId;
  });
  await page.goto(`./#/experiments/${id}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'training' }) });
  await expect(row.getByRole('cell', { name: 'RUNNING' })).toBeVisible();
  await expect(row.getByRole('cell', { name: '0.9', exact: true })).toBeVisible();
  await page.evaluate(async () => {
    const run = (
      window as unknown as { liveRun: { logMetric(k: string, v: number, s: number): void; end(): Promise<void> } }
    ).liveRun;
    run.logMetric('loss', 0.25, 1);
    await run.end();
  });
  await expect(row.getByRole('cell', { name: 'FINISHED' })).toBeVisible();
  await expect(row.getByRole('cell', { name: '0.25', exact: true })).toBeVisible();
});

/** What a test keeps in the page while a run trains there. */
interface TrainingWindow {
  training: { logMetric(key: string, value: number, step: number): void; flush(): Promise<void>; end(): Promise<void> };
  step: number;
  stop: boolean;
  loop: Promise<void>;
}

test('among hundreds of runs, a training run flushing metrics keeps its row live: new values, a new metric column, a run started meanwhile, then FINISHED', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, '#/experiments/0');
  const id = await page.evaluate(async () => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('training among many');
    const base = Date.now() - 1_000_000;
    for (let from = 0; from < 300; from += 100) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, k) => {
          const run = await tracking.startRun({ experimentId, runName: `old-${from + k}`, startTime: base + from + k });
          run.logMetric('loss', 0.5, 0);
          await run.end();
        }),
      );
    }
    return experimentId;
  });
  // A hash change, not a reload, so the training loop below keeps running in this document.
  await page.evaluate((id) => (location.hash = `#/experiments/${id}`), id);
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table).toHaveAttribute('aria-rowcount', '301');

  // Logs loss = step and flushes every 50 ms, like the training worker does every epoch.
  await page.evaluate(async (experimentId) => {
    const w = window as unknown as TrainingWindow;
    w.training = await window.tabflow!.tracking.startRun({ experimentId, runName: 'training' });
    w.step = 0;
    w.stop = false;
    w.loop = (async () => {
      while (!w.stop) {
        w.step += 1;
        w.training.logMetric('loss', w.step, w.step);
        await w.training.flush();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
  }, id);

  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'training', exact: true }) });
  // The loss cell is the only whole-number cell in the row (times and durations have units or separators).
  const shownLoss = async () =>
    Math.max(0, ...(await row.getByRole('cell').allInnerTexts()).filter((t) => /^\d+$/.test(t.trim())).map(Number));
  await expect(row.getByRole('cell', { name: 'RUNNING' })).toBeVisible();
  await expect.poll(shownLoss).toBeGreaterThanOrEqual(3);
  const seen = await shownLoss();
  await expect.poll(shownLoss).toBeGreaterThan(seen);
  await expect(row.getByRole('cell', { name: 'RUNNING' })).toBeVisible();

  // A metric logged for the first time mid-training becomes a column.
  await page.evaluate(() => (window as unknown as TrainingWindow).training.logMetric('accuracy', 0.75, 1));
  await expect(table.getByRole('button', { name: 'Sort by accuracy (metric)' })).toBeVisible();
  await expect(row.getByRole('cell', { name: '0.75', exact: true })).toBeVisible();

  // A run started while the other trains shows up too.
  await page.evaluate(async (experimentId) => {
    await window.tabflow!.tracking.startRun({ experimentId, runName: 'started meanwhile' });
  }, id);
  await expect(table.getByRole('link', { name: 'started meanwhile' })).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', '303');

  const lastStep = await page.evaluate(async () => {
    const w = window as unknown as TrainingWindow;
    w.stop = true;
    await w.loop;
    await w.training.end();
    return w.step;
  });
  await expect(row.getByRole('cell', { name: 'FINISHED' })).toBeVisible();
  await expect.poll(shownLoss).toBe(lastStep);
});

test('10,000 runs: the table draws only a window of rows, and scrolling to the bottom shows the last run', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const total = 10_000;
  // Created while the page shows Default: its live queries do not read the new experiment, so they stay idle.
  await openApp(page, '#/experiments/0');
  const started = Date.now();
  const id = await page.evaluate(async (total) => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('ten thousand');
    const base = Date.now() - total * 1000;
    const batch = 250;
    for (let from = 0; from < total; from += batch) {
      const jobs = [];
      for (let i = from; i < Math.min(total, from + batch); i++) {
        jobs.push(
          tracking.startRun({
            experimentId,
            runName: `bulk-${String(i).padStart(5, '0')}`,
            startTime: base + i * 1000,
          }),
        );
      }
      await Promise.all(jobs);
    }
    return experimentId;
  }, total);
  console.log(`created ${total} runs in ${Date.now() - started} ms`);

  await page.goto(`./#/experiments/${id}`);
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table).toHaveAttribute('aria-rowcount', String(total + 1));
  // Newest first: bulk-09999 on top.
  await expect(table.getByRole('link', { name: 'bulk-09999' })).toBeVisible();
  const drawn = await table.locator('[role="rowgroup"].body [role="row"]').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(100);

  await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(table.getByRole('link', { name: 'bulk-00000' })).toBeVisible();
  const last = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'bulk-00000' }) });
  await expect(last).toHaveAttribute('aria-rowindex', String(total + 1));
  expect(await table.locator('[role="rowgroup"].body [role="row"]').count()).toBeLessThan(100);

  // Sorting all of them by name still shows the right first row.
  await table.evaluate((el) => el.scrollTo({ top: 0 }));
  await table.getByRole('button', { name: 'Sort by Run name' }).click();
  await expect(table.getByRole('row').nth(1).getByRole('link')).toHaveText('bulk-00000');
});

test('a table wider than its box draws only the columns in view; scrolling sideways brings the others in their place', async ({
  page,
}) => {
  await openApp(page);
  const keys = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`);
  const id = await page.evaluate(async (keys) => {
    const tracking = window.tabflow!.tracking;
    const experimentId = await tracking.createExperiment('wide');
    for (const [r, name] of ['left', 'right'].entries()) {
      const run = await tracking.startRun({ experimentId, runName: name });
      // Values differ between the two runs, so no param is folded into "Same for all".
      await run.logParams(Object.fromEntries(keys.map((key, i) => [key, `${name}-${i}`])));
      run.logMetric('loss', r + 0.5, 0);
      await run.end();
    }
    return experimentId;
  }, keys);
  await page.goto(`./#/experiments/${id}`);
  const table = page.getByRole('table', { name: 'Runs' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'left', exact: true }) });
  await expect(table.getByRole('columnheader', { name: 'p00' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'left-0', exact: true })).toBeVisible();
  // The far-right params are not in the DOM at all until scrolled to.
  await expect(table.getByRole('columnheader', { name: 'p29' })).toHaveCount(0);
  const colcount = Number(await table.getAttribute('aria-colcount'));
  expect(colcount).toBeGreaterThan(30);

  await table.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const p29 = table.getByRole('columnheader', { name: 'p29' });
  await expect(p29).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'p00' })).toHaveCount(0);
  // A drawn cell says where it sits among all columns, and sits under its own header.
  const index = await p29.getAttribute('aria-colindex');
  const cell = row.getByRole('cell', { name: 'left-29', exact: true });
  await expect(cell).toHaveAttribute('aria-colindex', index!);
  const [headerBox, cellBox] = [await p29.boundingBox(), await cell.boundingBox()];
  expect(Math.abs(headerBox!.x - cellBox!.x)).toBeLessThan(1);
  // The checkbox and the run name stay pinned at the left edge.
  await expect(row.getByRole('checkbox', { name: 'Select run left' })).toBeInViewport();
  await expect(row.getByRole('link', { name: 'left', exact: true })).toBeInViewport();

  await table.evaluate((el) => el.scrollTo({ left: 0 }));
  await expect(table.getByRole('columnheader', { name: 'p00' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'p29' })).toHaveCount(0);
});

test('experiments sidebar: create, rename (duplicate names refused in words), delete to the Deleted view and restore', async ({
  page,
}) => {
  await openApp(page);
  const sidebar = page.getByRole('navigation', { name: 'Experiments' });
  await expect(sidebar.getByRole('button', { name: 'Delete experiment Default' })).toHaveCount(0);

  await sidebar.getByRole('button', { name: 'New' }).click();
  await sidebar.getByRole('textbox', { name: 'Name of the new experiment' }).fill('mnist');
  await sidebar.getByRole('button', { name: 'Create experiment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'mnist' })).toBeVisible();

  await sidebar.getByRole('button', { name: 'Rename experiment mnist' }).click();
  await sidebar.getByRole('textbox', { name: 'New name for mnist' }).fill('Default');
  await sidebar.getByRole('button', { name: 'Save name' }).click();
  await expect(sidebar.getByRole('alert')).toContainText('already exists');
  await sidebar.getByRole('textbox', { name: 'New name for mnist' }).fill('mnist v2');
  await sidebar.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'mnist v2' })).toBeVisible();

  await sidebar.getByRole('button', { name: 'Delete experiment mnist v2' }).click();
  await sidebar
    .getByRole('group', { name: 'Confirm deleting mnist v2' })
    .getByRole('button', { name: 'Delete experiment' })
    .click();
  await expect(sidebar.getByRole('link', { name: 'mnist v2' })).toHaveCount(0);
  await expect(page).toHaveURL(/#\/experiments\/0$/);

  await sidebar.getByRole('button', { name: 'Deleted' }).click();
  await sidebar.getByRole('button', { name: 'Restore experiment mnist v2' }).click();
  await expect(sidebar.getByText('No deleted experiments.')).toBeVisible();
  await sidebar.getByRole('button', { name: 'Active' }).click();
  await expect(sidebar.getByRole('link', { name: 'mnist v2' })).toBeVisible();
});
