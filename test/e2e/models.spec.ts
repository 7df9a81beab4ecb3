import * as tf from '@tensorflow/tfjs';
import type { Page } from '@playwright/test';
import { buildModel } from '../../src/ml/build-model';
import { describeDataset } from '../../src/ml/dataset-input';
import { datasetConfigToParams, type DatasetConfig } from '../../src/ml/dataset-config';
import { accuracy, argmaxRows } from '../../src/ml/evaluate';
import { expandFeatures, expandMatrix } from '../../src/ml/features';
import { generateDataset } from '../../src/ml/generators';
import { configToParams, DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../src/ml/model-config';
import { splitDataset } from '../../src/ml/split';
import { trainModel } from '../../src/ml/train';
import { expect, openApp, test } from './fixtures';
import { formatNumber } from '../../src/format';

/**
 * The registry end to end. The first test trains in the Playground and goes through the UI from there; the
 * others start from a spiral model trained with the Playground's own code (src/ml, tfjs cpu, here in the test
 * process) and logged through the tracking API inside the page as the Playground's worker logs it, which is faster.
 */
const datasetConfig: DatasetConfig = { generator: 'spiral', numPoints: 200, noise: 0, testFraction: 0.25, seed: 1 };
const modelConfig: ModelConfig = {
  ...DEFAULT_MODEL_CONFIG,
  hiddenLayers: [8],
  epochs: 30,
  batchSize: 10,
  inputFeatures: ['x', 'y', 'xTimesY', 'sinX', 'sinY'],
};

let trained: { model: tf.LayersModel; artifacts: { json: string; weights: number[] } } | null = null;

async function trainSpiral() {
  if (trained) return trained;
  await tf.setBackend('cpu');
  const full = generateDataset('spiral', datasetConfig);
  const { train, test: held } = splitDataset(full, datasetConfig.testFraction, datasetConfig.seed);
  const model = buildModel(tf, modelConfig, modelConfig.inputFeatures.length, 'classification', 2);
  await trainModel(
    tf,
    model,
    expandFeatures(train, modelConfig.inputFeatures),
    expandFeatures(held, modelConfig.inputFeatures),
    modelConfig,
  );
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save({
    save: async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }),
  });
  const a = saved! as tf.io.ModelArtifacts;
  const { weightData, ...rest } = a;
  trained = {
    model,
    artifacts: { json: JSON.stringify(rest), weights: Array.from(new Uint8Array(weightData as ArrayBuffer)) },
  };
  return trained;
}

/** Logs the trained model as a finished run through window.tabflow.tracking; returns the run id. */
async function logTrainedRun(page: Page, runName: string): Promise<string> {
  const { artifacts } = await trainSpiral();
  const summary = describeDataset(generateDataset('spiral', datasetConfig));
  const params = { ...datasetConfigToParams(datasetConfig), ...configToParams(modelConfig) };
  return page.evaluate(
    async ({ runName, params, summary, artifacts }) => {
      const tracking = window.tabflow!.tracking;
      const run = await tracking.startRun({ runName });
      await run.logParams(params);
      await run.logInput({
        name: summary.name,
        digest: summary.digest,
        sourceType: 'generated',
        source: '{}',
        schema: summary.schema,
        profile: summary.profile,
        context: 'training',
      });
      await run.logModelArtifacts({
        ...JSON.parse(artifacts.json),
        weightData: new Uint8Array(artifacts.weights).buffer,
      });
      await run.end();
      return run.id;
    },
    { runName, params, summary, artifacts },
  );
}

/** What the trained model says about one point, computed here in Node with the same weights. */
async function expectedAt(x: number, y: number): Promise<{ label: string; probability: string }> {
  const { model } = await trainSpiral();
  const input = expandMatrix(Float32Array.from([x, y]), ['x', 'y'], modelConfig.inputFeatures);
  const probs = (await (model.predict(tf.tensor2d(input, [1, input.length])) as tf.Tensor).data()) as Float32Array;
  const best = probs[1] > probs[0] ? 1 : 0;
  return { label: String(best), probability: probs[best].toFixed(3) };
}

/** The model a URI names, loaded in Node from the artifacts the page's tracking API returns for it. */
async function loadInNode(page: Page, uri: string): Promise<{ model: tf.LayersModel; inputFeatures: string[] }> {
  const stored = await page.evaluate(async (u) => {
    const tracking = window.tabflow!.tracking;
    const { weightData, ...rest } = await tracking.loadModelArtifacts(u);
    const { runId } = await tracking.resolveModelUri(u);
    const params = (await tracking.getRun(runId)).data.params;
    return {
      json: JSON.stringify(rest),
      weights: Array.from(new Uint8Array(weightData as ArrayBuffer)),
      inputFeatures: params.input_features ?? '[]',
    };
  }, uri);
  const artifacts = {
    ...JSON.parse(stored.json),
    weightData: new Uint8Array(stored.weights).buffer,
  } as tf.io.ModelArtifacts;
  return {
    model: await tf.loadLayersModel(tf.io.fromMemory(artifacts)),
    inputFeatures: JSON.parse(stored.inputFeatures) as string[],
  };
}

test('train in the Playground, register as spiral-classifier v1, alias champion, load by alias, predict on a clicked point, evaluate on a new spiral', async ({
  page,
}) => {
  await tf.setBackend('cpu');
  // Train: the Playground's own Train button, spiral data, a small network.
  await openApp(page, '#/playground');
  await page.getByLabel('Dataset', { exact: true }).selectOption('spiral');
  await page.getByLabel('Epochs', { exact: true }).fill('30');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Epoch' })).toHaveText(/^Finished\. Epoch 30 of 30/, {
    timeout: 90_000,
  });
  const runHref = (await page.getByRole('link', { name: 'Open this run' }).getAttribute('href'))!;
  const runId = runHref.replace('#/run/', '');
  await page.getByRole('link', { name: 'Open this run' }).click();

  // Register from the run page's model actions.
  await page.getByRole('button', { name: 'Register model' }).click();
  await page.getByLabel('Model name').fill('spiral-classifier');
  await page.locator('register-model-form').getByLabel('Description').fill('Spiral, the default Playground network');
  await page.getByLabel('Tags (key=value, one a line)').fill('team=e2e');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registered as' })).toHaveText(
    'Registered as spiral-classifier version 1.',
  );
  // The run shows what its model was registered as: the run's side of the link.
  await expect(
    page
      .getByText('Registered as spiral-classifier version 1.', { exact: true })
      .and(page.locator(':not([role=status])')),
  ).toBeVisible();
  await page
    .getByRole('status')
    .filter({ hasText: 'Registered as' })
    .getByRole('link', { name: 'spiral-classifier version 1' })
    .click();

  // The model's page: its version links back to the run; set the champion alias.
  await expect(page.getByRole('heading', { name: 'spiral-classifier', exact: true })).toBeVisible();
  const versions = page.getByRole('table', { name: 'Model versions' });
  await expect(versions.getByRole('link', { name: 'Version 1' })).toBeVisible();
  await expect(
    versions
      .getByRole('row', { name: /Version 1/ })
      .getByRole('link')
      .nth(1),
  ).toHaveAttribute('href', runHref);
  await expect(versions.getByText('team=e2e')).toBeVisible();
  await page.getByLabel('Alias name').fill('champion');
  await page.getByRole('combobox', { name: 'Alias version' }).selectOption('1');
  await page.getByRole('button', { name: 'Set alias' }).click();
  await expect(versions.getByText('@champion')).toBeVisible();

  // Load it by alias and predict where the plot is clicked.
  await page.getByRole('link', { name: '@champion' }).click();
  await expect(page).toHaveURL(/#\/models\/spiral-classifier\/@champion$/);
  await expect(page.getByText('Loaded as models:/spiral-classifier@champion')).toBeVisible();
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const plot = page.getByRole('img', { name: /^Decision boundary over spiral/ });
  await expect(plot).toBeVisible();
  await plot.click({ position: { x: 90, y: 270 } });
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(
    /^At \(-?\d+\.\d\d, -?\d+\.\d\d\) the model predicts class [01] \(probability \d\.\d{3}\)\.$/,
  );
  // A typed point gives exactly what the model loaded by alias through the API gives in Node.
  const champion = await loadInNode(page, 'models:/spiral-classifier@champion');
  await page.getByLabel('X₁').fill('1.5');
  await page.getByLabel('X₂').fill('-2');
  await page.getByRole('button', { name: 'Predict at this point' }).click();
  const input = expandMatrix(Float32Array.from([1.5, -2]), ['x', 'y'], champion.inputFeatures);
  const probs = (await (
    champion.model.predict(tf.tensor2d(input, [1, input.length / 1])) as tf.Tensor
  ).data()) as Float32Array;
  const best = probs[1] > probs[0] ? 1 : 0;
  await expect(page.getByRole('status', { name: 'Prediction' })).toHaveText(
    `At (1.50, -2.00) the model predicts class ${best} (probability ${probs[best].toFixed(3)}).`,
  );

  // Evaluate on a new seeded spiral: an evaluation run with MLflow's metrics and links to the version.
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const evaluation = page.locator('model-evaluate-panel');
  await evaluation.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('11');
  await evaluation.getByRole('spinbutton', { name: 'Seed', exact: true }).press('Tab');
  await evaluation.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const runLink = page.getByRole('link', { name: 'eval-spiral-classifier-v1-spiral-seed11' });
  await expect(runLink).toBeVisible({ timeout: 30_000 });
  const evalRunId = (await runLink.getAttribute('href'))!.replace('#/run/', '');
  const fresh = generateDataset('spiral', { numPoints: 300, noise: 0, seed: 11 });
  const freshInput = expandFeatures(fresh, champion.inputFeatures);
  const freshProbs = (await (
    champion.model.predict(tf.tensor2d(freshInput.x, [300, freshInput.featureNames.length])) as tf.Tensor
  ).data()) as Float32Array;
  const expectedAccuracy = formatNumber(accuracy(fresh.y, argmaxRows(freshProbs, 2)));
  await expect(
    page.getByRole('table', { name: 'Evaluation metrics' }).getByRole('row', { name: /accuracy_score/ }),
  ).toHaveText(`accuracy_score${expectedAccuracy}`);

  const stored = await page.evaluate(async (id) => {
    const tracking = window.tabflow!.tracking;
    const run = await tracking.getRun(id);
    const matrix = JSON.parse(await (await tracking.getArtifact(id, 'confusion_matrix.json')).text()) as {
      matrix: number[][];
    };
    return {
      status: run.info.status,
      tags: run.data.tags,
      metrics: Object.keys(run.data.metrics).sort(),
      inputs: run.inputs.datasetInputs,
      matrix: matrix.matrix,
    };
  }, evalRunId);
  expect(stored.status).toBe('FINISHED');
  expect(stored.tags).toMatchObject({
    'tabflow.evaluated.model_uri': 'models:/spiral-classifier/1',
    'tabflow.evaluated.model_name': 'spiral-classifier',
    'tabflow.evaluated.model_version': '1',
    'tabflow.evaluated.run_id': runId,
    'tabflow.evaluated.dataset_digest': describeDataset(fresh).digest,
  });
  expect(stored.metrics).toEqual([
    'accuracy_score',
    'example_count',
    'f1_score',
    'log_loss',
    'precision_score',
    'recall_score',
  ]);
  expect(stored.inputs[0]).toMatchObject({ digest: describeDataset(fresh).digest, context: 'eval' });
  expect(stored.matrix.flat().reduce((a, b) => a + b, 0)).toBe(300);

  // The model's page lists its evaluations with their dataset.
  await page.getByRole('link', { name: 'spiral-classifier', exact: true }).click();
  const evaluations = page.getByRole('table', { name: 'Evaluations' });
  await expect(evaluations.getByRole('row', { name: /eval-spiral-classifier-v1-spiral-seed11/ })).toContainText(
    `spiral (${describeDataset(fresh).digest.slice(0, 8)})`,
  );
  await expect(evaluations.getByRole('row', { name: /eval-spiral-classifier-v1-spiral-seed11/ })).toContainText(
    expectedAccuracy,
  );

  // See the evaluation run: its own run page, then listed with the training run.
  await evaluations.getByRole('link', { name: 'eval-spiral-classifier-v1-spiral-seed11' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'eval-spiral-classifier-v1-spiral-seed11' })).toBeVisible();
  await page.goto('./#/experiments/0');
  // The run's link in the runs table (the run page, still leaving, shows the same name in several places).
  await expect(page.getByRole('link', { name: 'eval-spiral-classifier-v1-spiral-seed11' })).toBeVisible();
});

test('CSV predictions name wrong columns and values, and fill a table that downloads', async ({ page }) => {
  await openApp(page, '#/models');
  const runId = await logTrainedRun(page, 'csv-run');
  await page.evaluate((id) => window.tabflow!.tracking.createModelVersion('csv-model', id, 'model'), runId);
  await page.goto('./#/models/csv-model/1');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const upload = page.getByLabel('CSV file with the columns x, y');
  await upload.setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('a,y\n1,2\n') });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not predict' })).toContainText(
    'The file has no column "x". The model needs the columns "x", "y"; the file\'s columns are "a", "y".',
  );
  await upload.setInputFiles({ name: 'typo.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\n3,four\n') });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not predict' })).toContainText(
    'Row 3, column "y": "four" is not a number.',
  );
  await upload.setInputFiles({
    name: 'points.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,y,x\n7,-2,1.5\n8,0,0\n'),
  });
  const table = page.getByRole('table', { name: 'Predictions' });
  const expected = await expectedAt(1.5, -2);
  const cells = table.getByRole('row').nth(1).getByRole('cell');
  await expect(cells).toHaveCount(5);
  await expect(cells.nth(0)).toHaveText('7');
  await expect(cells.nth(3)).toHaveText(expected.label);
  expect(Number(await cells.nth(4).textContent()).toFixed(3)).toBe(expected.probability);
  await expect(table.getByRole('columnheader')).toHaveText(['id', 'y', 'x', 'prediction', 'probability']);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download predictions CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('points-predictions.csv');
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString()).toMatch(/^id,y,x,prediction,probability\n7,-2,1\.5,[01],0\.\d+\n8,0,0,[01],/);

  // Evaluate on an uploaded CSV: the target column is required, and named when missing.
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await page.getByRole('radio', { name: 'A CSV file' }).check();
  const evalUpload = page.getByLabel('CSV file with the columns x, y, label');
  await evalUpload.setInputFiles({
    name: 'unlabelled.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y\n1,2\n3,4\n'),
  });
  await page.locator('model-evaluate-panel').getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not evaluate' })).toContainText(
    '"unlabelled.csv" needs the target column "label"',
  );
  await evalUpload.setInputFiles({
    name: 'labelled.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x,y,label\n1.5,-2,0\n0,0,1\n3,3,1\n'),
  });
  await page.locator('model-evaluate-panel').getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(page.getByRole('link', { name: 'eval-csv-model-v1-labelled.csv' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Evaluation metrics' }).getByRole('row', { name: /example_count/ }),
  ).toHaveText('example_count3');
});

test('aliases move between versions; deleting a version and the model keeps the run', async ({ page }) => {
  await openApp(page, '#/models');
  const runId = await logTrainedRun(page, 'alias-run');
  await page.evaluate(async (id) => {
    const t = window.tabflow!.tracking;
    await t.createModelVersion('movers', id, 'model');
    await t.createModelVersion('movers', id, 'model');
  }, runId);
  await page.goto('./#/models/movers');
  const versions = page.getByRole('table', { name: 'Model versions' });
  await page.getByLabel('Alias name').fill('champion');
  await page.getByRole('combobox', { name: 'Alias version' }).selectOption('1');
  await page.getByRole('button', { name: 'Set alias' }).click();
  await expect(page.getByText('@champion → version 1')).toBeVisible();
  await page.getByLabel('Alias name').fill('champion');
  await page.getByRole('combobox', { name: 'Alias version' }).selectOption('2');
  await page.getByRole('button', { name: 'Set alias' }).click();
  await expect(page.getByText('@champion → version 2')).toBeVisible();
  await expect(versions.getByRole('row', { name: /Version 1/ }).getByText('@champion')).toHaveCount(0);
  await expect(versions.getByRole('row', { name: /Version 2/ }).getByText('@champion')).toBeVisible();

  await page.getByLabel('Alias name').fill('latest');
  await page.getByRole('button', { name: 'Set alias' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'reserved' })).toHaveText(
    "Could not set alias 'latest': 'latest' alias name (case insensitive) is reserved.",
  );

  await versions.getByRole('button', { name: 'Delete version 2' }).click();
  await versions.getByRole('button', { name: 'Confirm delete version 2' }).click();
  await expect(versions.getByRole('link', { name: 'Version 2' })).toHaveCount(0);
  await expect(page.getByText('No aliases.')).toBeVisible();

  await page.getByRole('button', { name: 'Delete model' }).click();
  await page.getByRole('button', { name: 'Yes, delete model movers' }).click();
  await expect(page).toHaveURL(/#\/models$/);
  await expect(page.getByRole('table', { name: 'Registered models' })).toHaveCount(0);
  const artifacts = await page.evaluate((id) => window.tabflow!.tracking.listArtifacts(id, 'model'), runId);
  expect(artifacts.map((a) => a.path)).toContain('model/model.json');
});

test('Download model saves model.json and its weights, which tfjs loads elsewhere', async ({ page }) => {
  await openApp(page, '#/models');
  const runId = await logTrainedRun(page, 'download-run');
  await page.evaluate((id) => window.tabflow!.tracking.createModelVersion('shipped', id, 'model'), runId);
  await page.goto('./#/models/shipped/1');
  const downloads: import('@playwright/test').Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByRole('button', { name: 'Download model' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toHaveText(
    'Downloaded model.json and group1-shard1of1.bin: load them with tf.loadLayersModel.',
  );
  await expect.poll(() => downloads.length).toBe(2);
  const read = async (d: import('@playwright/test').Download) =>
    Buffer.concat(await (await d.createReadStream()).toArray());
  const byName = new Map(
    await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await read(d)] as const)),
  );
  const modelJson = JSON.parse(byName.get('model.json')!.toString()) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  expect(modelJson.weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
  const bin = byName.get('group1-shard1of1.bin')!;
  const loaded = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  );
  const input = expandMatrix(Float32Array.from([1.5, -2]), ['x', 'y'], modelConfig.inputFeatures);
  const probs = (await (loaded.predict(tf.tensor2d(input, [1, input.length])) as tf.Tensor).data()) as Float32Array;
  const expected = await expectedAt(1.5, -2);
  expect(probs[Number(expected.label)].toFixed(3)).toBe(expected.probability);
});

test('two versions evaluated on the same spiral are compared on the Compare page', async ({ page }) => {
  await openApp(page, '#/models');
  const runId = await logTrainedRun(page, 'rival-run');
  const names = await page.evaluate(async (id) => {
    const { tracking, predict } = window.tabflow!;
    await tracking.createModelVersion('rivals', id, 'model');
    await tracking.createModelVersion('rivals', id, 'model');
    const data = { kind: 'generated', generator: 'spiral', numPoints: 200, noise: 10, seed: 5 } as const;
    const first = await predict!.evaluate(undefined, 'models:/rivals/1', data);
    const second = await predict!.evaluate(undefined, 'models:/rivals/2', data);
    return [first.runName, second.runName];
  }, runId);
  expect(names).toEqual(['eval-rivals-v1-spiral-seed5', 'eval-rivals-v2-spiral-seed5']);
  await page.goto('./#/models/rivals');
  const evaluations = page.getByRole('table', { name: 'Evaluations' });
  await expect(evaluations.getByRole('row')).toHaveCount(3);
  await expect(page.getByText('Choose two or more evaluations to compare them.')).toBeVisible();
  for (const name of names) await evaluations.getByRole('checkbox', { name: `Compare ${name}` }).check();
  await page.getByRole('link', { name: 'Compare the 2 chosen evaluations' }).click();
  await expect(page).toHaveURL(/#\/compare\?runs=[0-9a-f]+,[0-9a-f]+$/);
  for (const name of names) await expect(page.getByText(name).first()).toBeVisible();
});
