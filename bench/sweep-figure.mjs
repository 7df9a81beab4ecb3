// "sweep" (issue 9): the wall time of an 8-trial sweep on a pool of 2 workers against the same 8 trials run one
// at a time, both started from the Playground's sweep panel as a person would.
import { figureEntry } from './stats.mjs';
import { repeat } from './page-figures.mjs';

/** Runs a 4 learning rates × 2 hidden sizes grid with `workers` at once; resolves with the wall time in ms. */
async function timeSweep(browser, url, size, workers) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(
      `${url}#/playground?dataset=spiral&dataset_points=${size.sweepPoints}&epochs=${size.sweepEpochs}&batch_size=10`,
    );
    await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
    await page.getByRole('button', { name: 'Set up a sweep' }).click();
    await page.getByLabel('Sweep learning rate').check();
    await page.getByLabel('Values to try for learning rate').fill('0.003, 0.01, 0.03, 0.1');
    await page.getByLabel('Sweep hidden units (per layer)').check();
    await page.getByLabel('Values to try for hidden units (per layer)').fill('4, 8');
    await page.getByLabel('Workers (trials at once)').fill(String(workers));
    await page.getByText('8 trials', { exact: true }).waitFor();
    const start = Date.now();
    await page.getByRole('button', { name: 'Start sweep' }).click();
    await page.getByText(/^Sweep finished in/).waitFor({ timeout: 600_000 });
    const ms = Date.now() - start;
    const finished = await page.evaluate(async () => {
      const runs = await window.tabflow.tracking.searchRuns({ experimentIds: ['0'] });
      return runs.filter((r) => r.data.tags['mlflow.parentRunId'] && r.info.status === 'FINISHED').length;
    });
    if (finished !== 8) throw new Error(`the sweep on ${workers} worker(s) finished ${finished} of 8 trials`);
    return ms;
  } finally {
    await context.close();
  }
}

export async function sweepParallel({ browser, url, size, plan }) {
  const pooled = [];
  const oneAtATime = [];
  await repeat(plan, async () => {
    pooled.push(await timeSweep(browser, url, size, 2));
    oneAtATime.push(await timeSweep(browser, url, size, 1));
  });
  const kept = (list) => list.slice(plan.warmup);
  const entry = figureEntry({
    figure: 'sweep',
    unit: 'ms',
    samples: kept(pooled),
    baselineSamples: kept(oneAtATime),
    // A pool of 2 on 2 cores should come close to halving the wall time; 0.67 is a 1.5× speed-up.
    goal: { on: 'ratio', op: '<=', limit: 0.67 },
  });
  entry.details = {
    size: `8 trials (4 learning rates × 2 hidden sizes), spiral of ${size.sweepPoints} points, ${size.sweepEpochs} epochs, pool of 2 workers`,
    baseline: 'the same 8 trials on 1 worker',
    notes: [`speed-up ${(entry.baseline / entry.value).toFixed(2)}× with 2 workers`],
  };
  return entry;
}
