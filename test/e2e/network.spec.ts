import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** What a canvas shows, as a PNG data URL (equal URLs: equal pixels). */
function pixels(canvas: Locator): Promise<string> {
  return canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
}

/** What the network view's canvas shows under a unit's button, as a string of its RGBA bytes. */
function unitPicture(unit: Locator): Promise<string> {
  return unit.evaluate((button: HTMLElement) => {
    const canvas = button.parentElement!.querySelector('canvas')!;
    const box = canvas.getBoundingClientRect();
    const at = button.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const [x, y, w, h] = [at.left - box.left, at.top - box.top, at.width, at.height].map((v) => Math.round(v * scale));
    return canvas.getContext('2d')!.getImageData(x, y, w, h).data.join(',');
  });
}

async function runIdFromLink(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: 'Open this run' }).getAttribute('href');
  return href!.split('/').pop()!;
}

async function expectReplayWorks(page: Page, finalImage: string | null) {
  const replay = page.locator('run-replay');
  await expect(replay.getByRole('heading', { name: 'Replay' })).toBeVisible();
  const slider = replay.getByRole('slider', { name: 'Epoch' });
  await expect(slider).toHaveAttribute('aria-valuetext', 'Epoch 50 of 50');
  const last = await pixels(replay.getByRole('img', { name: 'Decision boundary at epoch 50' }));
  if (finalImage !== null) expect(last).toBe(finalImage);
  // The first snapshot after the initial weights (every epoch, or spaced when epochs are faster than snapshots).
  await slider.fill('1');
  const early = Number(/^Epoch (\d+) of 50$/.exec((await slider.getAttribute('aria-valuetext'))!)![1]);
  expect(early).toBeGreaterThanOrEqual(1);
  expect(early).toBeLessThan(50);
  const first = await pixels(replay.getByRole('img', { name: `Decision boundary at epoch ${early}` }));
  expect(first).not.toBe(last);
  await expect(replay.getByRole('figure', { name: 'Network' }).getByRole('button', { name: /^Layer \d/ })).toHaveCount(
    19,
  );
  await expect(replay.getByRole('img', { name: `loss by epoch, epoch ${early} marked` })).toBeVisible();
  // Play moves through the epochs on its own; Pause holds it.
  await replay.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(slider).not.toHaveAttribute('aria-valuetext', `Epoch ${early} of 50`);
  await replay.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(replay.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  return last;
}

test('the Playground shows every unit of a 2 × 8 tanh network live, reads weights on hover, and the run replays epoch by epoch, also after export and import', async ({
  page,
  browser,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, '#/playground');
  await page.getByLabel('Dataset', { exact: true }).selectOption('spiral');
  await expect(page.getByLabel('Hidden layers', { exact: true })).toHaveValue('8, 8');
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const network = page.getByRole('figure', { name: 'Network' });
  const units = network.getByRole('button', { name: /^Layer \d/ });
  // The worker and tfjs load first (slow on a busy machine).
  await expect(units).toHaveCount(19, { timeout: 60_000 });
  await expect(network.getByRole('button', { name: /^Layer 0 / })).toHaveCount(2);
  await expect(network.getByRole('button', { name: /^Layer [12] unit / })).toHaveCount(16);
  await expect(network.getByRole('button', { name: 'Layer 3 unit 1', exact: true })).toHaveCount(1);
  // The heatmaps redraw while it trains: a hidden unit's picture changes from the initial weights'.
  const hidden = network.getByRole('button', { name: 'Layer 2 unit 3', exact: true });
  await expect.poll(() => unitPicture(hidden).then((p) => p.split(',').some((v) => v !== '0'))).toBe(true);
  const before = await unitPicture(hidden);
  await expect.poll(() => unitPicture(hidden), { timeout: 60_000 }).not.toBe(before);

  // Hovering the line from Layer 1 unit 1 to Layer 2 unit 1 (half way) reads its weight.
  const from = (await network.getByRole('button', { name: 'Layer 1 unit 1', exact: true }).boundingBox())!;
  const to = (await network.getByRole('button', { name: 'Layer 2 unit 1', exact: true }).boundingBox())!;
  await page.mouse.move((from.x + from.width + to.x) / 2, from.y + from.height / 2);
  await expect(network.locator('figcaption')).toHaveText(
    /^Weight from Layer 1 unit 1 to Layer 2 unit 1: -?\d+(\.\d{1,4})?(e-?\d+)?$/,
  );

  await expect(page.getByRole('status')).toHaveText(/^Finished\. Epoch 50 of 50/, { timeout: 90_000 });
  const caption = network.locator('figcaption');
  await page.mouse.move(0, 0);
  await page.mouse.move((from.x + from.width + to.x) / 2, from.y + from.height / 2);
  const weight = /: (\S+)$/.exec((await caption.textContent())!)![1];

  // Without a mouse: the units are one Tab stop, the arrow keys move between them, and the focused unit's weights
  // are listed (and are its accessible description).
  await expect(network.locator('button[tabindex="0"]')).toHaveCount(1);
  await network.getByRole('button', { name: 'Layer 2 unit 2', exact: true }).focus();
  await page.keyboard.press('ArrowUp');
  const focused = network.getByRole('button', { name: 'Layer 2 unit 1', exact: true });
  await expect(focused).toBeFocused();
  const incoming = network.getByRole('list', { name: 'Weights into Layer 2 unit 1' });
  await expect(incoming.getByRole('listitem')).toHaveCount(8);
  await expect(incoming.getByRole('listitem').first()).toHaveText(`from Layer 1 unit 1: ${weight}`);
  await expect(focused).toHaveAccessibleDescription(
    new RegExp(`from Layer 1 unit 1: ${weight.replace('.', '\\.')} from Layer 1 unit 2: `),
  );
  await page.keyboard.press('ArrowRight');
  await expect(network.getByRole('button', { name: 'Layer 3 unit 1', exact: true })).toBeFocused();
  await expect(network.getByRole('list', { name: 'Weights into Layer 3 unit 1' }).getByRole('listitem')).toHaveCount(8);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(network.getByRole('button', { name: 'Layer 0 X₁', exact: true })).toBeFocused();
  await expect(
    network.getByRole('list', { name: 'Weights out of Layer 0 X₁' }).getByRole('listitem').first(),
  ).toHaveText(/^to Layer 1 unit 1: -?\d/);
  await expect(network.locator('button[tabindex="0"]')).toHaveAccessibleName('Layer 0 X₁');
  // Clicking a unit shows it large in the boundary area, until it is clicked again.
  const unit = network.getByRole('button', { name: 'Layer 1 unit 2', exact: true });
  await unit.click();
  await expect(unit).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('img', { name: 'Layer 1 unit 2 over the data' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('playground-network-1366.png'), fullPage: true });
  await unit.click();
  const boundary = page.getByRole('img', { name: 'Decision boundary of the model over the data' });
  await expect(boundary).toBeVisible();
  const finalImage = await pixels(boundary);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('playground-network-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });

  const runId = await runIdFromLink(page);
  await page.getByRole('link', { name: 'Open this run' }).click();
  await expectReplayWorks(page, finalImage);
  await page.locator('run-replay').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('run-replay-1366.png') });

  // Export the experiment, import it into a fresh profile: the replay travels as plain artifacts.
  await page.goto('./#/experiments/0');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export experiment' }).click();
  // Outside test-results, which another Playwright run on the machine may empty meanwhile.
  const zipPath = join(tmpdir(), `tabflow-network-${process.pid}-${Date.now()}.zip`);
  await (await downloading).saveAs(zipPath);
  const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
  expect(JSON.parse(strFromU8(files[`mlruns/0/${runId}/artifacts/replay/network.json`])).format).toBe(
    'tabflow.network-replay',
  );

  const fresh = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const other = await fresh.newPage();
  await openApp(other);
  await other.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = other.getByRole('dialog', { name: 'Import runs' });
  await dialog.getByLabel('Zip file').setInputFiles(zipPath);
  await dialog.getByRole('button', { name: 'Import runs' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 1 run');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await other.goto(`./#/run/${runId}`);
  await expectReplayWorks(other, null);
  await other.locator('run-replay').scrollIntoViewIfNeeded();
  await other.screenshot({ path: testInfo.outputPath('run-replay-390.png') });
  await fresh.close();
});

test('Step three times trains one named run of 3 epochs, Reset ends it; L1, "Show test data" and "Discretize output" work', async ({
  page,
}, testInfo) => {
  await openApp(page, '#/playground');
  await page.getByLabel('Dataset', { exact: true }).selectOption('xor');
  await page.getByLabel('Regularization', { exact: true }).selectOption('L1');
  await page.getByLabel('Regularization rate', { exact: true }).fill('0.002');
  await expect(page.getByLabel('Run name', { exact: true })).toHaveValue(/^[a-z]+-[a-z]+-\d+$/);
  await page.getByLabel('Run name', { exact: true }).fill('three steps');
  await expect(page.getByLabel('Step size', { exact: true })).toHaveValue('epoch');

  const step = page.getByRole('button', { name: 'Step', exact: true });
  const status = page.getByRole('status');
  for (let epoch = 1; epoch <= 3; epoch++) {
    await step.click();
    await expect(status).toHaveText(new RegExp(`^Stepped to epoch ${epoch} · loss`));
  }
  const boundary = page.getByRole('img', { name: 'Decision boundary of the model over the data' });
  const smooth = await pixels(boundary);
  await page.getByRole('checkbox', { name: 'Discretize output' }).check();
  await expect.poll(() => pixels(boundary)).not.toBe(smooth);
  const discrete = await pixels(boundary);
  await page.getByRole('checkbox', { name: 'Show test data' }).uncheck();
  await expect.poll(() => pixels(boundary)).not.toBe(discrete);
  await page.screenshot({ path: testInfo.outputPath('playground-stepped-1366.png'), fullPage: true });

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status).toHaveText(/^Finished\. Stepped to epoch 3 · loss/);
  await expect(page.getByText('Run “three steps”:')).toBeVisible();
  const runId = await runIdFromLink(page);
  const run = await page.evaluate(async (id) => {
    const tracking = window.tabflow!.tracking;
    const run = await tracking.getRun(id);
    return {
      info: run.info,
      params: run.data.params,
      tags: run.data.tags,
      steps: Array.from((await tracking.getMetricHistory(id, 'loss')).steps),
      runs: (await tracking.searchRuns({ experimentIds: ['0'] })).length,
    };
  }, runId);
  expect(run.info).toMatchObject({ status: 'FINISHED', runName: 'three steps' });
  expect(run.params).toMatchObject({ epochs: '3', l1: '0.002', l2: '0', dataset: 'xor' });
  expect(run.tags['tabflow.stepped']).toBe('true');
  expect(run.steps).toEqual([0, 1, 2]);
  expect(run.runs).toBe(1);
  // The next run gets a new generated name.
  await expect(page.getByLabel('Run name', { exact: true })).not.toHaveValue('three steps');
});

test('a CSV with text class labels trains, and its confusion matrix names the classes on the run page and in Compare', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, '#/playground');
  await page.getByLabel('Dataset', { exact: true }).selectOption('csv');
  const rows = Array.from({ length: 60 }, (_, i) => {
    const species = ['setosa', 'versicolor', 'virginica'][i % 3];
    return `${(i % 3) * 2 + (i % 5) * 0.1},${(i % 3) + (i % 7) * 0.05},${species}`;
  });
  await page.getByLabel('Upload CSV').setInputFiles({
    name: 'flowers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['petal,width,species', ...rows].join('\n')),
  });
  await expect(page.getByLabel('Target column')).toHaveValue('species');
  await page.getByLabel('Epochs', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/^Finished\. Epoch 10 of 10/, { timeout: 60_000 });
  const runId = await runIdFromLink(page);

  await page.getByRole('link', { name: 'Open this run' }).click();
  const matrix = page.getByRole('figure', { name: 'Confusion matrix' });
  await expect(matrix.getByRole('columnheader', { name: 'versicolor' })).toBeVisible();
  await expect(matrix.getByRole('rowheader', { name: 'virginica' })).toBeVisible();
  const cell = matrix.getByRole('button', { name: /^Actual setosa, predicted setosa: \d+ \(\d+% of setosa\)$/ });
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await matrix.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('run-confusion-1366.png') });

  await page.goto(`./#/compare?runs=${runId}`);
  await expect(page.getByRole('heading', { name: /^Confusion matrix: / })).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Confusion matrix' }).getByRole('columnheader', { name: 'setosa' }),
  ).toBeVisible();
});
