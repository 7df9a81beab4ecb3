import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/**
 * Evaluating a digits model on its own test split (issue 17): trained in the Playground, registered, evaluated
 * from its version page in the real prediction worker, which fetches the shipped digits file and rebuilds the split.
 */
/** Trains a small digits MLP in the Playground (300 digits, 60 held out), registers it as digits-model v1. */
async function trainDigitsModel(page: Page): Promise<string> {
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
  return runId;
}

/** A folder of 28 × 28 pictures drawn by the browser, one subfolder per class name, three pictures each. */
async function drawnFolder(page: Page, folderName: string, classNames: string[]): Promise<string> {
  const pictures = await page.evaluate(async (names) => {
    const canvas = new OffscreenCanvas(28, 28);
    const ctx = canvas.getContext('2d')!;
    const out: { name: string; base64: string }[] = [];
    for (const name of names) {
      for (let i = 0; i < 3; i++) {
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, 28, 28);
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.moveTo(12 + i, 5);
        ctx.lineTo(12 + i, 23);
        ctx.stroke();
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        out.push({ name: `${name}/${i}.png`, base64: btoa(String.fromCharCode(...bytes)) });
      }
    }
    return out;
  }, classNames);
  const root = join(mkdtempSync(join(tmpdir(), 'tabflow-eval-')), folderName);
  for (const name of classNames) mkdirSync(join(root, name), { recursive: true });
  for (const picture of pictures) writeFileSync(join(root, picture.name), Buffer.from(picture.base64, 'base64'));
  return root;
}

test('a Digits model evaluates on the test split its run held out: same confusion matrix, per-class accuracy', async ({
  page,
}) => {
  const runId = await trainDigitsModel(page);
  await page.goto('./#/models/digits-model/1');
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const panel = page.locator('model-evaluate-panel');
  await expect(
    panel.getByRole('radio', { name: 'The Digits test split (the images the training run held out)' }),
  ).toBeChecked();
  await expect(panel.getByRole('radio', { name: 'A CSV file' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const metrics = panel.getByRole('table', { name: 'Evaluation metrics' });
  await expect(metrics.getByRole('row', { name: /^example_count/ })).toContainText('60', { timeout: 60_000 });
  await expect(metrics.getByRole('row', { name: /^class_accuracy\// }).first()).toBeVisible();

  const evalRunId = (await panel.getByRole('link').first().getAttribute('href'))!.split('/').pop()!;
  const matrices = await page.evaluate(
    async ({ trained, evaluated }) => {
      const tracking = window.tabflow!.tracking;
      const read = async (id: string) =>
        JSON.parse(await (await tracking.getArtifact(id, 'confusion_matrix.json')).text()) as {
          labels: string[];
          matrix: number[][];
        };
      return {
        trained: await read(trained),
        evaluated: await read(evaluated),
        params: (await tracking.getRun(evaluated)).data.params,
      };
    },
    { trained: runId, evaluated: evalRunId },
  );
  expect(matrices.evaluated.matrix).toEqual(matrices.trained.matrix);
  expect(matrices.evaluated.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  expect(matrices.params).toMatchObject({ dataset: 'digits', dataset_subset: '300', dataset_split: 'test' });
});

test('a Digits model evaluates on an uploaded folder of its classes, and a folder with other classes is refused', async ({
  page,
}) => {
  await trainDigitsModel(page);
  const pets = await drawnFolder(page, 'pets', ['cat', '1']);
  const mine = await drawnFolder(page, 'my-digits', ['7', '1']);
  await page.goto('./#/models/digits-model/1');
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const panel = page.locator('model-evaluate-panel');
  await panel.getByRole('radio', { name: 'An image folder (one subfolder per class)' }).check();
  await expect(panel.getByLabel('Image size')).toHaveCount(0);

  await panel.getByLabel('Choose a folder', { exact: true }).setInputFiles(pets);
  await expect(panel.getByText(/“pets”: 6 images in 2 classes/)).toBeVisible();
  await panel.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'Could not evaluate' })).toContainText(
    '“pets” has the class folders "cat", which the model never learned',
  );

  await panel.getByLabel('Choose a folder', { exact: true }).setInputFiles(mine);
  await expect(panel.getByText(/“my-digits”: 6 images in 2 classes/)).toBeVisible();
  await panel.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const metrics = panel.getByRole('table', { name: 'Evaluation metrics' });
  await expect(metrics.getByRole('row', { name: /^example_count/ })).toContainText('6', { timeout: 60_000 });
  await expect(metrics.getByRole('row', { name: /^class_accuracy\// })).toHaveCount(2);
  await expect(metrics.getByRole('row', { name: /^class_accuracy\/7/ })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'eval-digits-model-v1-my-digits' })).toBeVisible();
});
