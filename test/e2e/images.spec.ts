import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Chance on ten digits is 0.1; a 64-unit MLP after 3 epochs on 1,600 digits reaches about 0.85 here. */
const DIGITS_ACCURACY_FLOOR = 0.7;

async function chooseDigits(page: Page, subset: number, epochs: number): Promise<void> {
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Digits' });
  await page.getByLabel('Subset', { exact: true }).fill(String(subset));
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByLabel('Hidden layers', { exact: true }).fill('64');
  // cpu: what this test checks does not depend on the backend, and cpu is the one every browser has.
  await page.getByLabel('Backend', { exact: true }).selectOption('cpu');
}

async function trainAndWait(page: Page, epochs: number): Promise<string> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^Finished\\. Epoch ${epochs} of ${epochs}`), {
    timeout: 90_000,
  });
  const href = await page.getByRole('link', { name: 'Open this run' }).getAttribute('href');
  return href!.split('/').pop()!;
}

test('Digits, a small MLP, 3 epochs on a subset: accuracy well above chance, prediction grids, and the Epoch slider shows two epochs', async ({
  page,
}) => {
  await openApp(page, '#/playground');
  await chooseDigits(page, 2000, 3);
  await expect(page.getByLabel('Model type', { exact: true })).toHaveValue('mlp');
  await expect(page).toHaveURL(/dataset=digits/);
  await expect(page).toHaveURL(/dataset_subset=2000/);
  const runId = await trainAndWait(page, 3);

  const run = await page.evaluate(async (id) => {
    const tracking = window.tabflow!.tracking;
    const run = await tracking.getRun(id);
    const artifacts = (await tracking.listArtifacts(id)).map((a) => a.path);
    const firstBytes = Array.from(
      new Uint8Array(await (await tracking.getArtifact(id, 'predictions/epoch_0002.png')).arrayBuffer()).slice(0, 4),
    );
    const matrix = JSON.parse(await (await tracking.getArtifact(id, 'confusion_matrix.json')).text()) as {
      labels: string[];
    };
    return {
      params: run.data.params,
      metrics: run.data.metrics,
      inputs: run.inputs.datasetInputs,
      artifacts,
      firstBytes,
      labels: matrix.labels,
    };
  }, runId);
  expect(run.params).toMatchObject({ dataset: 'digits', dataset_subset: '2000', epochs: '3', hidden_layers: '[64]' });
  expect(run.inputs[0]).toMatchObject({ name: 'mnist-digits' });
  expect(run.metrics.val_accuracy.value).toBeGreaterThan(DIGITS_ACCURACY_FLOOR);
  expect(Object.keys(run.metrics).filter((k) => k.startsWith('class_accuracy/')).length).toBeGreaterThanOrEqual(9);
  expect(run.artifacts).toEqual(
    expect.arrayContaining([
      'predictions/epoch_0000.png',
      'predictions/epoch_0001.png',
      'predictions/epoch_0002.png',
      'confusion_examples.png',
      'model/model.json',
    ]),
  );
  expect(run.firstBytes).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(run.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

  await page.getByRole('link', { name: 'Open this run' }).click();
  await expect(page.getByRole('heading', { name: 'Predictions by epoch' })).toBeVisible();
  const slider = page.getByRole('slider', { name: 'Epoch' });
  const grid = page.getByRole('img', { name: /^Predictions of .* at epoch \d+$/ });
  await expect(grid).toHaveAttribute('alt', /at epoch 3$/);
  const lastSrc = await grid.getAttribute('src');
  await slider.fill('0');
  await expect(grid).toHaveAttribute('alt', /at epoch 1$/);
  await expect(grid).not.toHaveAttribute('src', lastSrc!);
  // Both pictures are real decoded PNGs, not broken images.
  expect(await grid.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(
    100,
  );

  // Click an off-diagonal cell of the confusion matrix (else a diagonal one): its example images show.
  const matrix = page.getByRole('figure', { name: /Confusion matrix/ });
  await expect(matrix).toBeVisible();
  const cells = matrix.getByRole('button');
  await expect(cells).toHaveCount(100);
  await cells.nth(0).click();
  await expect(page.getByRole('img', { name: /^Example 1: 0/ })).toBeVisible();

  // Draw a "7" with the mouse on the run page: ten class probabilities that sum to 1.
  const canvas = page.getByRole('img', { name: 'Draw a digit' });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  for (const [fx, fy] of [
    [0.5, 0.2],
    [0.75, 0.2],
    [0.62, 0.5],
    [0.5, 0.8],
  ])
    await page.mouse.move(...at(fx, fy), { steps: 8 });
  await page.mouse.up();
  const items = page.getByRole('list', { name: 'Probabilities' }).getByRole('listitem');
  await expect(items).toHaveCount(10);
  const texts = await items.allTextContents();
  const percents = texts.map((t) => Number(/^\s*(\d): ([\d.]+)%/.exec(t)![2]));
  expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(items).toHaveCount(0);
});

test('offline (network blocked after the first load) the Digits dataset still loads and trains', async ({
  page,
  context,
}) => {
  await openApp(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.waitForFunction(() => window.tabflow?.tracking !== undefined);
  await page.goto('./#/playground');
  await chooseDigits(page, 500, 1);
  const runId = await trainAndWait(page, 1);
  const params = await page.evaluate(async (id) => (await window.tabflow!.tracking.getRun(id)).data.params, runId);
  expect(params).toMatchObject({ dataset: 'digits', dataset_subset: '500' });
});

test('a folder of generated pictures in 3 classes trains, and the confusion matrix names the three classes', async ({
  page,
}) => {
  await openApp(page, '#/playground');
  // Pictures drawn by the browser itself (vertical bars, rings, squares at random places), written as PNG files.
  const pictures = await page.evaluate(async () => {
    const out: { name: string; base64: string }[] = [];
    const canvas = new OffscreenCanvas(40, 40);
    const ctx = canvas.getContext('2d')!;
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const shape of ['bars', 'rings', 'squares']) {
      for (let i = 0; i < 24; i++) {
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, 40, 40);
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 4;
        const x = 10 + rand() * 20;
        const y = 10 + rand() * 20;
        ctx.beginPath();
        if (shape === 'bars') {
          ctx.moveTo(x, 4);
          ctx.lineTo(x, 36);
        }
        if (shape === 'rings') ctx.arc(x, y, 7, 0, Math.PI * 2);
        if (shape === 'squares') ctx.rect(x - 7, y - 7, 14, 14);
        ctx.stroke();
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        out.push({ name: `${shape}/${i}.png`, base64: btoa(String.fromCharCode(...bytes)) });
      }
    }
    return out;
  });
  const root = join(mkdtempSync(join(tmpdir(), 'tabflow-images-')), 'shapes');
  for (const picture of pictures) {
    mkdirSync(join(root, dirname(picture.name)), { recursive: true });
    writeFileSync(join(root, picture.name), Buffer.from(picture.base64, 'base64'));
  }
  // Two files that cannot train: a note beside the class folders, and a "picture" that is not one.
  writeFileSync(join(root, 'notes.txt'), 'not a picture');
  writeFileSync(join(root, 'rings', 'broken.png'), 'not a png either');

  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Image folder' });
  await page.getByLabel('Choose a folder', { exact: true }).setInputFiles(root);
  await expect(
    page.getByText(
      /“shapes”: 73 images in 3 classes: bars \(24\), rings \(25\), squares \(24\)\. Skipped 1: shapes\/notes\.txt/,
    ),
  ).toBeVisible();
  await page.getByLabel('Epochs', { exact: true }).fill('8');
  await page.getByLabel('Hidden layers', { exact: true }).fill('32');
  await page.getByLabel('Backend', { exact: true }).selectOption('cpu');
  await expect(page).toHaveURL(/dataset_source=images/);
  const runId = await trainAndWait(page, 8);

  const run = await page.evaluate(async (id) => {
    const tracking = window.tabflow!.tracking;
    const run = await tracking.getRun(id);
    const skipped = await (await tracking.getArtifact(id, 'skipped_files.txt')).text();
    return { params: run.data.params, inputs: run.inputs.datasetInputs, skipped };
  }, runId);
  expect(run.params).toMatchObject({ dataset_source: 'images', dataset_folder: 'shapes', image_size: '28-gray' });
  expect(JSON.parse(run.inputs[0].profile!)).toMatchObject({ num_rows: 72, class_names: ['bars', 'rings', 'squares'] });
  expect(run.skipped).toContain('shapes/notes.txt');
  expect(run.skipped).toContain('shapes/rings/broken.png (unreadable');

  await page.getByRole('link', { name: 'Open this run' }).click();
  const matrix = page.getByRole('figure', { name: /Confusion matrix/ });
  for (const name of ['bars', 'rings', 'squares']) await expect(matrix.getByRole('rowheader', { name })).toBeVisible();
});
