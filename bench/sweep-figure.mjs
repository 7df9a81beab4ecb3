// "sweep" (issues 9 and 14): the wall time of an 8-trial sweep as the Playground's sweep panel runs it by default
// (compatible trials trained together as one batched model, on the default pool) against the same 8 trials run
// one at a time on one worker without batching, both started from the panel as a person would.
import { figureEntry } from './stats.mjs';
import { repeat } from './page-figures.mjs';
import { serviceWorkerState } from './cold-start.mjs';

const TRIALS = 8;

/**
 * Runs a 4 learning rates × 2 hidden sizes grid; `oneAtATime` sets 1 worker and unticks "Train compatible trials
 * together", otherwise the panel's defaults stay. Checks that all 8 child runs FINISHED with every epoch's metrics
 * (and trained in a batch, or alone, as asked); resolves with the wall time in ms and the pool size used.
 */
async function timeSweep(browser, url, size, oneAtATime) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(
      `${url}#/playground?dataset=spiral&dataset_points=${size.sweepPoints}&epochs=${size.sweepEpochs}&batch_size=10`,
    );
    await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
    // A fresh context installs the service worker, whose precache (several MB of tfjs) would otherwise compete
    // for the cores with the first seconds of either sweep; a person's second visit finds it installed.
    await serviceWorkerState(page);
    await page.getByRole('button', { name: 'Set up a sweep' }).click();
    await page.getByLabel('Sweep learning rate').check();
    await page.getByLabel('Values to try for learning rate').fill('0.003, 0.01, 0.03, 0.1');
    await page.getByLabel('Sweep hidden units (per layer)').check();
    await page.getByLabel('Values to try for hidden units (per layer)').fill('4, 8');
    const together = page.getByRole('checkbox', { name: 'Train compatible trials together' });
    if (oneAtATime) {
      await page.getByLabel('Workers (trials at once)').fill('1');
      await together.uncheck();
    }
    const workers = Number(await page.getByLabel('Workers (trials at once)').inputValue());
    const batched = await together.isChecked();
    await page.getByText(`${TRIALS} trials`, { exact: true }).waitFor();
    const start = Date.now();
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await page.getByText(/^Sweep finished in/).waitFor({ timeout: 600_000 });
    const ms = Date.now() - start;
    const children = await page.evaluate(async () => {
      const tracking = window.tabflow.tracking;
      const runs = await tracking.searchRuns({ experimentIds: ['0'] });
      return Promise.all(
        runs
          .filter((r) => r.data.tags['mlflow.parentRunId'])
          .map(async (r) => ({
            status: r.info.status,
            batchSize: r.data.tags['tabflow.sweep.batch_size'],
            epochs: (await tracking.getMetricHistory(r.info.runId, 'val_loss')).values.length,
            metrics: Object.keys(r.data.metrics),
          })),
      );
    });
    const good = children.filter(
      (c) =>
        c.status === 'FINISHED' &&
        c.epochs === size.sweepEpochs &&
        ['loss', 'accuracy', 'val_loss', 'val_accuracy'].every((m) => c.metrics.includes(m)),
    );
    const how = oneAtATime ? 'one at a time' : `batched on ${workers} worker(s)`;
    if (children.length !== TRIALS || good.length !== TRIALS)
      throw new Error(`the sweep ${how} finished ${good.length} of ${TRIALS} trials with all their metrics`);
    if (children.some((c) => (c.batchSize !== undefined) !== batched))
      throw new Error(`the sweep ${how} did not train its trials ${batched ? 'in batches' : 'alone'}`);
    return { ms, workers, batchSizes: children.map((c) => c.batchSize ?? '1') };
  } finally {
    await context.close();
  }
}

export async function sweepParallel({ browser, url, size, plan }) {
  const batched = [];
  const oneAtATime = [];
  let setup = null;
  await repeat(plan, async (i) => {
    // Alternate which goes first, so neither always runs on a warmer machine.
    for (const alone of i % 2 ? [true, false] : [false, true]) {
      const result = await timeSweep(browser, url, size, alone);
      (alone ? oneAtATime : batched).push(result.ms);
      if (!alone) setup = result;
    }
  });
  const kept = (list) => list.slice(plan.warmup);
  const entry = figureEntry({
    figure: 'sweep',
    unit: 'ms',
    samples: kept(batched),
    baselineSamples: kept(oneAtATime),
    // Issue 14: at least 2× faster than the same trials one at a time.
    goal: { on: 'ratio', op: '<=', limit: 0.5 },
  });
  const sizes = [...new Set(setup?.batchSizes ?? [])].join(', ');
  entry.details = {
    size: `${TRIALS} trials (4 learning rates × 2 hidden sizes of an 8-8 tanh MLP, adam, batch 10), spiral of ${size.sweepPoints} points, ${size.sweepEpochs} epochs`,
    tabflow: `the sweep panel's defaults: ${setup?.workers} worker(s), compatible trials trained together (batches of ${sizes})`,
    baseline: 'the same 8 trials one at a time on 1 worker, "Train compatible trials together" off',
    notes: [`speed-up ${(entry.baseline / entry.value).toFixed(2)}× from training together`],
  };
  return entry;
}
