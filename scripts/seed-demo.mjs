// Demo data for the screenshots and the design end-to-end test, written through the app's own console API
// (window.tabflow.tracking) and its Playground, so every page shows what a class would really see.

/** Logs an experiment of finished runs with params, per-epoch metrics and tags; returns their ids. */
export async function seedRuns(page, experimentName = 'Spirals, class 3b') {
  return page.evaluate(async (experimentName) => {
    const tracking = window.tabflow.tracking;
    const experimentId = await tracking.createExperiment(experimentName, { tags: { class: '3b' } });
    const specs = [
      ['adam-small', 'adam', 0.01, '[8]', 0.91],
      ['adam-wide', 'adam', 0.003, '[16,8]', 0.96],
      ['sgd-baseline', 'sgd', 0.1, '[8]', 0.74],
      ['rmsprop-deep', 'rmsprop', 0.001, '[16,16,8]', 0.88],
      ['adam-tiny-lr', 'adam', 0.0003, '[8,6]', 0.69],
    ];
    const runIds = [];
    for (const [runName, optimizer, lr, hidden, accuracy] of specs) {
      const run = await tracking.startRun({ experimentId, runName });
      await run.logParams({ optimizer, learning_rate: lr, hidden_layers: hidden, dataset: 'spiral', epochs: 40 });
      for (let step = 0; step < 40; step++) {
        const progress = 1 - Math.exp(-step / (8 + lr * 100));
        run.logMetric('loss', 0.7 * (1 - progress) + (1 - accuracy) * 0.5 + 0.02 * Math.sin(step), step);
        run.logMetric('accuracy', 0.5 + (accuracy - 0.5) * progress, step);
        run.logMetric('val_accuracy', 0.5 + (accuracy - 0.53) * progress, step);
      }
      await run.setTag('note', `${optimizer} at ${lr}`);
      await run.end();
      runIds.push(run.id);
    }
    return { experimentId, runIds };
  }, experimentName);
}

/** Trains one small spiral model in the Playground (really, in its worker); returns the run id. */
export async function trainInPlayground(page, epochs = 20) {
  await page.goto('./#/playground');
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  await page.getByLabel('Dataset', { exact: true }).selectOption('spiral');
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Finished\./ })
    .waitFor({ timeout: 120_000 });
  return page.evaluate(async () => {
    const [run] = await window.tabflow.tracking.searchRuns({ orderBy: ['attributes.start_time DESC'], maxResults: 1 });
    return run.info.runId;
  });
}

/** Registers a run's model as version 1 of `name`, alias "champion". */
export async function registerModel(page, runId, name = 'spiral-classifier') {
  await page.evaluate(
    async ({ runId, name }) => {
      const tracking = window.tabflow.tracking;
      const version = await tracking.createModelVersion(name, runId, 'model');
      await tracking.setRegisteredModelAlias(name, 'champion', version);
    },
    { runId, name },
  );
}
