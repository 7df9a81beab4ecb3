import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/ml/csv';
import { describeDataset } from '../../../../src/ml/dataset-input';
import { datasetForModel } from '../../../../src/ml/model-dataset';
import { classNamesOf, modelSignature, type ModelSignature } from '../../../../src/ml/model-signature';
import type { TrackingClient } from '../../../../src/tracking';
import { runEvaluation } from '../../../../workers/predict/evaluate-run';
import { ModelCache } from '../../../../workers/predict/loaded-model';
import { predictCsv, predictPoints } from '../../../../workers/predict/predictions';
import { freshTracking } from '../../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SPECIES = ['setosa', 'versicolor', 'virginica'];
const TRAINING_CSV = 'petal,width,species\n5,0,setosa\n0,5,versicolor\n-5,-5,virginica\n';

describe('text class names in a model signature', () => {
  const schema = JSON.stringify({ mlflow_colspec: [{ name: 'petal' }, { name: 'width' }, { name: 'species' }] });
  const record = {
    params: { dataset_source: 'csv', dataset_target: 'species' },
    datasetInputs: [{ schema, context: 'training' }],
  };

  it('keeps recorded text labels as class names over indices 0..k-1', () => {
    const s = modelSignature({ ...record, classLabels: SPECIES }, { inputDim: 2, outputUnits: 3 });
    expect(s).toMatchObject({ classLabels: [0, 1, 2], classNames: SPECIES });
    expect(classNamesOf(s)).toEqual(SPECIES);
  });

  it('has no class names for numeric labels, and names them by their value', () => {
    const s = modelSignature({ ...record, classLabels: [3, 5, 8] }, { inputDim: 2, outputUnits: 3 });
    expect(s.classNames).toBeUndefined();
    expect(classNamesOf(s)).toEqual(['3', '5', '8']);
  });
});

describe('datasetForModel with text classes', () => {
  const signature: ModelSignature = {
    featureNames: ['petal', 'width'],
    inputFeatures: [],
    targetName: 'species',
    task: 'classification',
    numClasses: 3,
    classLabels: [0, 1, 2],
    classNames: SPECIES,
    generator: null,
  };

  it('matches classes by name, whatever subset and order the file holds', () => {
    // The file alone numbers setosa 0 and virginica 1; the model knows them as 0 and 2.
    const ds = datasetForModel(
      { kind: 'csv', fileName: 'f.csv', text: 'species,width,petal\nvirginica,1,2\nsetosa,3,4\n' },
      signature,
    );
    expect(Array.from(ds.y)).toEqual([2, 0]);
    expect(ds.classNames).toEqual(SPECIES);
    expect(ds.numClasses).toBe(3);
  });

  it('names a class the model never learned', () => {
    expect(() =>
      datasetForModel(
        { kind: 'csv', fileName: 'f.csv', text: 'petal,width,species\n1,2,setosa\n1,2,rose\n' },
        signature,
      ),
    ).toThrow('holds rose, which the model never learned: it knows the classes setosa, versicolor, virginica.');
  });
});

/** A run logged like a CSV training run with a text target: its schema, target param and confusion matrix by name. */
async function textClassRun(t: TrackingClient): Promise<{ model: tf.Sequential; runId: string }> {
  // Logits [petal, width, -petal - width]: the class is readable from the point, so predictions are known.
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax', useBias: false }));
  model.layers[0].setWeights([
    tf.tensor2d([
      [1, 0, -1],
      [0, 1, -1],
    ]),
  ]);
  const ds = parseCsv(TRAINING_CSV, { target: 'species', name: 'iris.csv' });
  const summary = describeDataset(ds);
  const run = await t.startRun({ runName: 'iris' });
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
      labels: ds.classNames,
      matrix: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      split: 'test',
    }),
  );
  await run.logModel(model);
  await run.end();
  return { model, runId: run.id };
}

describe('the predict worker with a text-class model', () => {
  it('predicts points and CSV rows as class names', async () => {
    const t = await freshTracking();
    const { model, runId } = await textClassRun(t);
    const loaded = await new ModelCache(tf, t).load(`runs:/${runId}/model`);
    expect(loaded.description.signature).toMatchObject({ featureNames: ['petal', 'width'], classNames: SPECIES });
    const points = await predictPoints(tf, loaded, [
      [5, 0],
      [0, 5],
      [-5, -5],
    ]);
    expect(points.map((p) => p.label)).toEqual(SPECIES);
    const csv = await predictCsv(tf, loaded, 'width,petal\n5,0\n0,5\n');
    expect(csv.rows.map((r) => r[2])).toEqual(['versicolor', 'setosa']);
    model.dispose();
  });

  it('evaluates a CSV with a text target into a run whose confusion matrix names the classes', async () => {
    const t = await freshTracking();
    const { model, runId } = await textClassRun(t);
    const loaded = await new ModelCache(tf, t).load(`runs:/${runId}/model`);
    // Two right, one virginica taken for setosa.
    const text = 'petal,width,species\n5,0,setosa\n-5,-5,virginica\n4,1,virginica\n';
    const result = await runEvaluation(tf, t, loaded.model, loaded.description, {
      kind: 'csv',
      fileName: 'check.csv',
      text,
    });
    expect(result.metrics.example_count).toBe(3);
    expect(result.metrics.accuracy_score).toBeCloseTo(2 / 3, 6);
    const matrix = JSON.parse(await (await t.getArtifact(result.runId, 'confusion_matrix.json')).text());
    expect(matrix.labels).toEqual(SPECIES);
    expect(matrix.matrix).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [1, 0, 1],
    ]);
    expect(await (await t.getArtifact(result.runId, 'confusion_matrix.csv')).text()).toBe(
      'true \\ predicted,setosa,versicolor,virginica\nsetosa,1,0,0\nversicolor,0,0,0\nvirginica,1,0,1\n',
    );
    model.dispose();
  });
});
