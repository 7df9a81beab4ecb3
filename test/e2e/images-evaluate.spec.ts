import { expect, openApp, test } from './fixtures';

/**
 * Evaluating a digits model on its own test split (issue 17): trained in the Playground, registered, evaluated
 * from its version page in the real prediction worker, which fetches the shipped digits file and rebuilds the split.
 */
test('a Digits model evaluates on the test split its run held out: same confusion matrix, per-class accuracy', async ({ page }) => {
  await openApp(page, '#/playground');
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Digits' });
  await page.getByLabel('Subset', { exact: true }).fill('300');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByLabel('Hidden layers', { exact: true }).fill('16');
  await page.getByLabel('Backend', { exact: true }).selectOption('cpu');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/^Finished\. Epoch 1 of 1/, { timeout: 90_000 });
  const runId = (await page.getByRole('link', { name: 'Open this run' }).getAttribute('href'))!.split('/').pop()!;
  await page.evaluate((id) => window.tabflow!.tracking.createModelVersion('digits-model', id, 'model'), runId);

  await page.goto('./#/models/digits-model/1');
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const panel = page.locator('model-evaluate-panel');
  await expect(panel.getByRole('radio', { name: 'The Digits test split (the images the training run held out)' })).toBeChecked();
  await expect(panel.getByRole('radio', { name: 'A CSV file' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const metrics = panel.getByRole('table', { name: 'Evaluation metrics' });
  await expect(metrics.getByRole('row', { name: /^example_count/ })).toContainText('60', { timeout: 60_000 });
  await expect(metrics.getByRole('row', { name: /^class_accuracy\// }).first()).toBeVisible();

  const evalRunId = (await panel.getByRole('link').first().getAttribute('href'))!.split('/').pop()!;
  const matrices = await page.evaluate(
    async ({ trained, evaluated }) => {
      const tracking = window.tabflow!.tracking;
      const read = async (id: string) => JSON.parse(await (await tracking.getArtifact(id, 'confusion_matrix.json')).text()) as { labels: string[]; matrix: number[][] };
      return { trained: await read(trained), evaluated: await read(evaluated), params: (await tracking.getRun(evaluated)).data.params };
    },
    { trained: runId, evaluated: evalRunId },
  );
  expect(matrices.evaluated.matrix).toEqual(matrices.trained.matrix);
  expect(matrices.evaluated.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  expect(matrices.params).toMatchObject({ dataset: 'digits', dataset_subset: '300', dataset_split: 'test' });
});
