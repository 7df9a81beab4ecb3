import * as tf from '@tensorflow/tfjs';
import { parseCsv } from '../../src/ml/csv';
import { describeDataset } from '../../src/ml/dataset-input';
import { expect, openApp, test } from './fixtures';

/**
 * Text class names (issue 16): a model trained on a CSV whose target holds text predicts and evaluates in those
 * names, in the real prediction worker. The model's logits are [petal, width, -petal - width], so the right
 * answer is known: (5, 0) is setosa, (0, 5) versicolor, (-5, -5) virginica.
 */
const TRAINING_CSV = 'petal,width,species\n5,0,setosa\n0,5,versicolor\n-5,-5,virginica\n';

async function modelArtifacts(): Promise<{ json: string; weights: number[] }> {
  await tf.setBackend('cpu');
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax', useBias: false }));
  model.layers[0].setWeights([
    tf.tensor2d([
      [1, 0, -1],
      [0, 1, -1],
    ]),
  ]);
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save({
    save: async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }),
  });
  const { weightData, ...rest } = saved! as tf.io.ModelArtifacts;
  return { json: JSON.stringify(rest), weights: Array.from(new Uint8Array(weightData as ArrayBuffer)) };
}

test('a text-class CSV model predicts and evaluates in its class names', async ({ page }) => {
  await openApp(page, '#/models');
  const ds = parseCsv(TRAINING_CSV, { target: 'species', name: 'iris.csv' });
  const summary = describeDataset(ds);
  const artifacts = await modelArtifacts();
  await page.evaluate(
    async ({ summary, artifacts, labels }) => {
      const tracking = window.tabflow!.tracking;
      const run = await tracking.startRun({ runName: 'iris' });
      await run.logParams({ dataset_source: 'csv', dataset_file: 'iris.csv', dataset_target: 'species' });
      await run.logInput({
        name: summary.name,
        digest: summary.digest,
        sourceType: 'upload',
        source: 'iris.csv',
        schema: summary.schema,
        profile: summary.profile,
        context: 'training',
      });
      await run.logArtifact(
        'confusion_matrix.json',
        JSON.stringify({
          labels,
          matrix: [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          split: 'test',
        }),
      );
      await run.logModelArtifacts({
        ...JSON.parse(artifacts.json),
        weightData: new Uint8Array(artifacts.weights).buffer,
      });
      await run.end();
      await tracking.createModelVersion('iris', run.id, 'model');
    },
    { summary, artifacts, labels: ds.classNames! },
  );

  await page.goto('./#/models/iris/1');
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await page.getByLabel('CSV file with the columns petal, width').setInputFiles({
    name: 'flowers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('width,petal\n5,0\n0,5\n-5,-5\n'),
  });
  const table = page.getByRole('table', { name: 'Predictions' });
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText('versicolor');
  await expect(table.getByRole('row').nth(2).getByRole('cell').nth(2)).toHaveText('setosa');
  await expect(table.getByRole('row').nth(3).getByRole('cell').nth(2)).toHaveText('virginica');

  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const panel = page.locator('model-evaluate-panel');
  await panel.getByRole('radio', { name: 'A CSV file' }).check();
  const upload = panel.getByLabel('CSV file with the columns petal, width, species');
  await upload.setInputFiles({
    name: 'roses.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('petal,width,species\n5,0,setosa\n1,1,rose\n'),
  });
  await panel.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText(
    'holds rose, which the model never learned: it knows the classes setosa, versicolor, virginica.',
  );
  // Two right, one virginica taken for setosa: 2/3.
  await upload.setInputFiles({
    name: 'check.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('petal,width,species\n5,0,setosa\n-5,-5,virginica\n4,1,virginica\n'),
  });
  await panel.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(
    panel.getByRole('table', { name: 'Evaluation metrics' }).getByRole('row', { name: /^accuracy_score/ }),
  ).toContainText('0.6667');
});
