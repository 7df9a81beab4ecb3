import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const XSS = '<img src=x onerror=alert(1)>';

/** A finished run with params, a metric history, a tfjs model, an image, CSV, JSON and text artifacts. */
async function seedRun(page: Page, options: { runName?: string; tags?: Record<string, string> } = {}): Promise<string> {
  return page.evaluate(async ({ runName, tags }) => {
    const tracking = window.tabflow!.tracking;
    const run = await tracking.startRun({
      runName: runName ?? 'spiral-adam',
      tags: { 'mlflow.source.name': 'playground', 'tabflow.backend': 'cpu', ...tags },
    });
    await run.logParams({ learning_rate: 0.03, optimizer: 'adam', hidden_layers: '8' });
    for (let step = 0; step < 20; step++) run.logMetric('loss', 1 / (step + 1), step);
    run.logMetric('val_accuracy', 0.91, 19);
    const canvas = new OffscreenCanvas(8, 8);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#f00';
    ctx.fillRect(0, 0, 8, 8);
    await run.logArtifact('plots/boundary.png', await canvas.convertToBlob({ type: 'image/png' }));
    await run.logArtifact('data/predictions.csv', 'x,y,label\n0.5,0.25,1\n');
    await run.logArtifact('notes.txt', 'hello from the artifacts');
    await run.logModelArtifacts({
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'seq',
          layers: [
            {
              class_name: 'Dense',
              config: { name: 'dense_Dense1', units: 8, activation: 'relu', batch_input_shape: [null, 2] },
            },
            { class_name: 'Dense', config: { name: 'dense_Dense2', units: 2, activation: 'softmax' } },
          ],
        },
      },
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
      weightSpecs: [
        { name: 'dense_Dense1/kernel', shape: [2, 8], dtype: 'float32' },
        { name: 'dense_Dense1/bias', shape: [8], dtype: 'float32' },
        { name: 'dense_Dense2/kernel', shape: [8, 2], dtype: 'float32' },
        { name: 'dense_Dense2/bias', shape: [2], dtype: 'float32' },
      ],
      weightData: new Float32Array(42).buffer,
    });
    await run.end();
    return run.id;
  }, options);
}

test('a run page shows the overview, params, metric table and chart, model summary and artifacts with previews', async ({
  page,
}) => {
  await openApp(page);
  const runId = await seedRun(page);
  await page.getByRole('link', { name: 'spiral-adam' }).click();
  await expect(page).toHaveURL(new RegExp(`#/run/${runId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'spiral-adam' })).toBeVisible();
  await expect(page.getByText(runId, { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Re-run' })).toHaveAttribute(
    'href',
    /#\/playground\?.*learning_rate=0.03/,
  );

  const params = page.getByRole('table', { name: 'Parameters' });
  await expect(params.getByRole('row', { name: 'optimizer adam' })).toBeVisible();
  const metrics = page.getByRole('table', { name: 'Metrics' });
  await expect(metrics.getByRole('row', { name: /^loss 0\.05 0\.05 1 19 20$/ })).toBeVisible();
  await expect(page.getByRole('img', { name: 'loss', exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: 'loss', exact: true }).locator('canvas')).toHaveCount(1);

  const layers = page.getByRole('table', { name: 'Layers of model' });
  await expect(layers.getByRole('row', { name: /dense_Dense1 Dense .*units=8.* 24/ })).toBeVisible();
  await expect(layers.getByRole('row', { name: 'Total parameters 42' })).toBeVisible();

  const files = page.getByRole('navigation', { name: 'Artifact files' });
  await files.getByRole('button', { name: 'Preview data/predictions.csv' }).click();
  await expect(page.getByText('x,y,label')).toBeVisible();
  await files.getByRole('button', { name: 'Preview plots/boundary.png' }).click();
  const image = page.getByRole('img', { name: 'Artifact plots/boundary.png' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
  await files.getByRole('button', { name: 'Preview model/model.json' }).click();
  await expect(page.getByText('"class_name": "Sequential"')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download model/model.json' }).click();
  expect((await download).suggestedFilename()).toBe('model.json');
});

test('name, tags and description are editable; system tags are read-only; delete and restore', async ({ page }) => {
  await openApp(page);
  const runId = await seedRun(page, { tags: { team: 'blue' } });
  await page.goto(`./#/run/${runId}`);

  await page.getByRole('button', { name: 'Rename run' }).click();
  await page.getByRole('textbox', { name: 'Run name' }).fill('renamed run');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'renamed run' })).toBeVisible();

  const tags = page.getByRole('table', { name: 'Tags' });
  await expect(tags.getByRole('button', { name: 'Edit tag mlflow.user' })).toHaveCount(0);
  await tags.getByRole('button', { name: 'Edit tag team' }).click();
  await tags.getByRole('textbox', { name: 'Value of tag team' }).fill('red');
  await tags.getByRole('button', { name: 'Save' }).click();
  await expect(tags.getByRole('row', { name: /^team red/ })).toBeVisible();
  await page.getByRole('textbox', { name: 'Tag name' }).fill('stage');
  await page.getByRole('textbox', { name: 'Tag value' }).fill('candidate');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByRole('row', { name: /^stage candidate/ })).toBeVisible();
  await tags.getByRole('button', { name: 'Delete tag stage' }).click();
  await expect(tags.getByRole('row', { name: /^stage candidate/ })).toHaveCount(0);
  await expect(tags.getByRole('button', { name: 'Delete tag mlflow.user' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Tag name' }).fill('mlflow.user');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'set by the system' })).toBeVisible();

  await page.getByRole('button', { name: 'Add description' }).click();
  await page.getByRole('textbox', { name: 'Description (markdown)' }).fill('Best run so far: **adam** wins');
  await page.getByRole('button', { name: 'Save description' }).click();
  await expect(page.locator('[data-testid="run-note"] strong')).toHaveText('adam');
  const stored = await page.evaluate(async (id) => (await window.tabflow!.tracking.getRun(id)).data.tags, runId);
  expect(stored['mlflow.note.content']).toBe('Best run so far: **adam** wins');
  expect(stored.team).toBe('red');
  expect('stage' in stored).toBe(false);
  expect(stored['mlflow.runName']).toBe('renamed run');

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete run' }).click();
  await expect(page.getByText('Deleted', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('Deleted', { exact: true })).toHaveCount(0);
  expect(
    await page.evaluate(async (id) => (await window.tabflow!.tracking.getRun(id)).info.lifecycleStage, runId),
  ).toBe('active');
});

test('an XSS payload in a run name, a tag and a note is shown as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openApp(page);
  const runId = await seedRun(page, {
    runName: XSS,
    tags: {
      payload: XSS,
      'mlflow.note.content': `# Note\n\n${XSS}\n\n<script>alert(2)</script> [link](javascript:alert(3))`,
    },
  });

  await expect(page.getByRole('link', { name: XSS })).toBeVisible();
  await page.goto(`./#/run/${runId}`);
  await expect(page.getByRole('heading', { level: 1, name: XSS })).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Tags' })
      .getByRole('row', { name: new RegExp(`^payload ${XSS.replace(/[()]/g, '\\$&')}`) }),
  ).toBeVisible();
  const note = page.locator('[data-testid="run-note"]');
  await expect(note).toContainText(XSS);
  await expect(note).toContainText('<script>alert(2)</script>');
  await expect(note.locator('a[href^="javascript"]')).toHaveCount(0);
  await note.getByText('link').click();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('script:not([type="module"])')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('an unknown run id says so in the page', async ({ page }) => {
  await openApp(page, '#/run/does-not-exist');
  await expect(page.getByRole('status')).toContainText('There is no run with id “does-not-exist”');
});
