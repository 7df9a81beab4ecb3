import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFeatureRows } from '../../../src/ml/csv-features';
import { describeDataset } from '../../../src/ml/dataset-input';
import { datasetConfigToParams } from '../../../src/ml/dataset-config';
import { classificationReport } from '../../../src/ml/evaluate';
import { expandFeatures } from '../../../src/ml/features';
import { generateDataset } from '../../../src/ml/generators';
import { datasetForModel } from '../../../src/ml/model-dataset';
import { modelSignature, type ModelSignature } from '../../../src/ml/model-signature';
import { predictDataset } from '../../../src/ml/predict';
import type { TrackingClient } from '../../../src/tracking';
import { runEvaluation } from '../../../workers/predict/evaluate-run';
import { ModelCache } from '../../../workers/predict/loaded-model';
import { decisionBoundary, predictCsv, predictPoints } from '../../../workers/predict/predictions';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spiralParams = {
  ...datasetConfigToParams({ generator: 'spiral', numPoints: 100, noise: 0, testFraction: 0.5, seed: 1 }),
  input_features: '["x","y","sinX"]',
};

describe('modelSignature', () => {
  it('reads a generated run: its generator columns, derived inputs and class count', () => {
    const s = modelSignature({ params: spiralParams, datasetInputs: [] }, { inputDim: 3, outputUnits: 2 });
    expect(s).toEqual({
      featureNames: ['x', 'y'],
      inputFeatures: ['x', 'y', 'sinX'],
      targetName: 'label',
      task: 'classification',
      numClasses: 2,
      classLabels: [0, 1],
      generator: 'spiral',
    });
  });

  it('reads a CSV run from its dataset schema and target param, with recorded class labels', () => {
    const schema = JSON.stringify({ mlflow_colspec: [{ name: 'height' }, { name: 'species' }, { name: 'weight' }] });
    const s = modelSignature(
      {
        params: { dataset_source: 'csv', dataset_target: 'species' },
        datasetInputs: [{ schema, context: 'training' }],
        classLabels: [3, 5, 8],
      },
      { inputDim: 2, outputUnits: 3 },
    );
    expect(s).toMatchObject({
      featureNames: ['height', 'weight'],
      targetName: 'species',
      classLabels: [3, 5, 8],
      generator: null,
    });
  });

  it('says so when the run and the model disagree on the number of inputs', () => {
    expect(() => modelSignature({ params: spiralParams, datasetInputs: [] }, { inputDim: 2, outputUnits: 2 })).toThrow(
      'The model reads 2 inputs, but its run describes 3 (x, y, sinX).',
    );
  });

  it('treats one output unit as regression', () => {
    expect(
      modelSignature({ params: { dataset: 'plane' }, datasetInputs: [] }, { inputDim: 2, outputUnits: 1 }),
    ).toMatchObject({ task: 'regression', numClasses: 0, classLabels: [] });
  });
});

describe('CSV rows for predictions', () => {
  it('picks the model columns in its order, keeping the file as written', () => {
    const t = readFeatureRows('id,y,x\n1,2,3\n2, 4 ,5\n', ['x', 'y']);
    expect(Array.from(t.x)).toEqual([3, 2, 5, 4]);
    expect(t.rows).toEqual([2, 3]);
    expect(t.records[1]).toEqual(['2', ' 4 ', '5']);
  });

  it('names missing columns and bad values with their row', () => {
    expect(() => readFeatureRows('a,b\n1,2\n', ['x', 'b', 'y'])).toThrow(
      'The file has no columns "x", "y". The model needs the columns "x", "b", "y"; the file\'s columns are "a", "b".',
    );
    expect(() => readFeatureRows('x,y\n1,2\n\n3,abc\n', ['x', 'y'])).toThrow(
      'Row 4, column "y": "abc" is not a number.',
    );
    expect(() => readFeatureRows('x,y\n1,\n', ['x', 'y'])).toThrow('Row 2, column "y" is empty');
    expect(() => readFeatureRows('x,y\n', ['x', 'y'])).toThrow('no data rows');
  });
});

describe('datasetForModel', () => {
  const csvSignature: ModelSignature = {
    featureNames: ['a', 'b'],
    inputFeatures: [],
    targetName: 'kind',
    task: 'classification',
    numClasses: 3,
    classLabels: [3, 5, 8],
    generator: null,
  };

  it("renumbers CSV classes to the model's, even when some are missing from the file", () => {
    const ds = datasetForModel(
      { kind: 'csv', fileName: 'f.csv', text: 'b,kind,a\n1,8,2\n3,3,4\n5,8,6\n' },
      csvSignature,
    );
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(Array.from(ds.x)).toEqual([2, 1, 4, 3, 6, 5]);
    expect(Array.from(ds.y)).toEqual([2, 0, 2]);
    expect(ds.classLabels).toEqual([3, 5, 8]);
  });

  it('explains unknown classes, a missing target and a task mismatch', () => {
    expect(() =>
      datasetForModel({ kind: 'csv', fileName: 'f.csv', text: 'a,b,kind\n1,2,3\n1,2,4\n' }, csvSignature),
    ).toThrow('holds 4, which the model never learned: it knows the classes 3, 5, 8.');
    expect(() => datasetForModel({ kind: 'csv', fileName: 'f.csv', text: 'a,b\n1,2\n' }, csvSignature)).toThrow(
      'needs the target column "kind"',
    );
    const spiral = modelSignature({ params: spiralParams, datasetInputs: [] }, { inputDim: 3, outputUnits: 2 });
    expect(() =>
      datasetForModel({ kind: 'generated', generator: 'plane', numPoints: 10, noise: 0, seed: 1 }, spiral),
    ).toThrow('The model is a classifier of 2 classes (0, 1), but the plane dataset is a regression dataset.');
  });
});

async function registeredSpiral(t: TrackingClient): Promise<{ runId: string; model: tf.Sequential }> {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 6,
      inputShape: [3],
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
    }),
  );
  model.add(
    tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
  );
  const run = await t.startRun({ runName: 'trained' });
  await run.logParams(spiralParams);
  await run.logModel(model);
  await run.end();
  await t.createModelVersion('spiral', run.id, 'model');
  await t.setRegisteredModelAlias('spiral', 'champion', 1);
  return { runId: run.id, model };
}

describe('predict worker routines', () => {
  it('evaluates a version by alias into a linked run whose metrics match the formulas', async () => {
    const t = await freshTracking();
    const { runId, model } = await registeredSpiral(t);
    const cache = new ModelCache(tf, t);
    const loaded = await cache.load('models:/spiral@champion');
    expect(loaded.description).toMatchObject({
      runId,
      name: 'spiral',
      version: 1,
      signature: { featureNames: ['x', 'y'], inputFeatures: ['x', 'y', 'sinX'] },
    });

    const choice = { kind: 'generated', generator: 'spiral', numPoints: 80, noise: 5, seed: 9 } as const;
    const result = await runEvaluation(tf, t, loaded.model, loaded.description, choice);
    const data = generateDataset('spiral', choice);
    const expected = classificationReport(
      data.y,
      await predictDataset(tf, model, expandFeatures(data, ['x', 'y', 'sinX'])),
      2,
    );
    expect(result.metrics).toEqual({
      example_count: 80,
      accuracy_score: expected.accuracy,
      precision_score: expected.precision,
      recall_score: expected.recall,
      f1_score: expected.f1,
      log_loss: expected.logLoss,
    });
    const run = await t.getRun(result.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.info.runName).toBe('eval-spiral-v1-spiral-seed9');
    expect(run.data.tags).toMatchObject({
      'tabflow.evaluated.model_uri': 'models:/spiral/1',
      'tabflow.evaluated.requested_uri': 'models:/spiral@champion',
      'tabflow.evaluated.model_name': 'spiral',
      'tabflow.evaluated.model_version': '1',
      'tabflow.evaluated.run_id': runId,
      'tabflow.evaluated.dataset_digest': describeDataset(data).digest,
    });
    expect(run.data.params).toEqual({ dataset: 'spiral', dataset_points: '80', dataset_noise: '5', dataset_seed: '9' });
    expect(run.data.metrics.accuracy_score.value).toBe(expected.accuracy);
    expect(run.inputs.datasetInputs).toEqual([
      expect.objectContaining({ context: 'eval', digest: describeDataset(data).digest }),
    ]);
    const matrix = JSON.parse(await (await t.getArtifact(result.runId, 'confusion_matrix.json')).text());
    expect(matrix.matrix).toEqual(expected.confusionMatrix);
    expect(await (await t.getArtifact(result.runId, 'confusion_matrix.csv')).text()).toBe(
      `true \\ predicted,0,1\n0,${expected.confusionMatrix[0].join(',')}\n1,${expected.confusionMatrix[1].join(',')}\n`,
    );
    model.dispose();
  });

  it('leaves no run behind when the evaluation data does not fit the model', async () => {
    const t = await freshTracking();
    const { model } = await registeredSpiral(t);
    const loaded = await new ModelCache(tf, t).load('models:/spiral/1');
    await expect(
      runEvaluation(tf, t, loaded.model, loaded.description, {
        kind: 'csv',
        fileName: 'bad.csv',
        text: 'x,label\n1,0\n2,1\n',
      }),
    ).rejects.toThrow('has no "y"');
    expect((await t.searchRuns()).map((r) => r.info.runName)).toEqual(['trained']);
    model.dispose();
  });

  it('predicts points, a boundary grid and CSV rows with the loaded weights', async () => {
    const t = await freshTracking();
    const { model } = await registeredSpiral(t);
    const loaded = await new ModelCache(tf, t).load('models:/spiral/latest');
    const direct = (await (model.predict(tf.tensor2d([[1, -2, Math.sin(1)]])) as tf.Tensor).data()) as Float32Array;
    const [p] = await predictPoints(tf, loaded, [[1, -2]]);
    expect(p.outputs[0]).toBeCloseTo(direct[0], 6);
    expect(p.label).toBe(direct[1] > direct[0] ? '1' : '0');
    await expect(predictPoints(tf, loaded, [[1]])).rejects.toThrow('Point 1 should be 2 numbers (x, y)');

    const boundary = await decisionBoundary(
      tf,
      loaded,
      { kind: 'generated', generator: 'spiral', numPoints: 40, noise: 0, seed: 2 },
      10,
    );
    expect(boundary.scores.length).toBe(100);
    expect(boundary.points.length).toBe(80);
    expect(boundary.scores.every((s) => s >= 0 && s <= 1)).toBe(true);

    const csv = await predictCsv(tf, loaded, 'name,x,y\n"a, b",1,-2\n');
    expect(csv.columns).toEqual(['name', 'x', 'y', 'prediction', 'probability']);
    expect(csv.rows[0].slice(0, 4)).toEqual(['a, b', '1', '-2', p.label]);
    expect(csv.csv.startsWith('name,x,y,prediction,probability\n"a, b",1,-2,')).toBe(true);
    model.dispose();
  });
});
