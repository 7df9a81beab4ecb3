import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { modelScorer } from '../../../src/ml/predict';
import { predictGrid } from '../../../src/ml/predict-grid';
import type { BoundaryGrid, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import { parseCsv } from '../../../src/ml/csv';
import type { TrackingClient } from '../../../src/tracking';
import { runTrackedTraining, type BoundaryPicture } from '../../../workers/train-run';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const model: ModelConfig = {
  ...DEFAULT_MODEL_CONFIG,
  hiddenLayers: [6, 4],
  epochs: 4,
  batchSize: 16,
  seed: 5,
  backend: 'cpu',
};
const spiralRequest: TrainRequest = {
  source: { kind: 'generated', config: { generator: 'spiral', numPoints: 120, noise: 5, testFraction: 0.25, seed: 3 } },
  model,
};

/** Stands in for the worker's OffscreenCanvas encoder, which Node does not have; records what it was asked. */
function fakePng(pictures: BoundaryPicture[]) {
  return async (picture: BoundaryPicture) => {
    pictures.push(picture);
    return new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
  };
}

async function train(tracking: TrackingClient, request: TrainRequest, progress: TrainProgress[] = []) {
  return runTrackedTraining(tf, tracking, request, {
    backend: 'cpu',
    onProgress: (p) => progress.push(p),
    boundaryEveryMs: 0,
  });
}

describe('runTrackedTraining', () => {
  it('records params, tags, the dataset input, per-epoch metrics, the model, a PNG and a confusion matrix', async () => {
    const tracking = await freshTracking();
    const progress: TrainProgress[] = [];
    const pictures: BoundaryPicture[] = [];
    const outcome = await runTrackedTraining(tf, tracking, spiralRequest, {
      backend: 'cpu',
      onProgress: (p) => progress.push(p),
      renderPng: fakePng(pictures),
    });
    expect(outcome.status).toBe('FINISHED');
    const run = await tracking.getRun(outcome.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params).toMatchObject({
      dataset: 'spiral',
      dataset_points: '120',
      dataset_noise: '5',
      dataset_test_fraction: '0.25',
      dataset_seed: '3',
      hidden_layers: '[6,4]',
      activation: 'tanh',
      optimizer: 'adam',
      learning_rate: '0.03',
      batch_size: '16',
      epochs: '4',
      l2: '0',
      dropout: '0',
      seed: '5',
      backend: 'cpu',
      input_features: '[]',
    });
    expect(run.data.tags).toMatchObject({
      'mlflow.source.name': 'playground',
      'mlflow.user': 'tabflow-user',
      'tabflow.backend': 'cpu',
    });
    expect(run.inputs.datasetInputs).toHaveLength(1);
    const input = run.inputs.datasetInputs[0];
    expect(input).toMatchObject({ name: 'spiral', sourceType: 'generated', context: 'training' });
    expect(input.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(input.profile!)).toEqual({ num_rows: 120, num_elements: 360 });

    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'epoch_time_ms', 'samples_per_sec']) {
      const history = await tracking.getMetricHistory(outcome.runId, key);
      expect(Array.from(history.steps), key).toEqual([0, 1, 2, 3]);
      expect(history.values.every(Number.isFinite), key).toBe(true);
    }
    const artifacts = (await tracking.listArtifacts(outcome.runId)).map((a) => a.path).sort();
    expect(artifacts).toEqual(
      expect.arrayContaining(['model/model.json', 'model/MLmodel', 'decision_boundary.png', 'confusion_matrix.json']),
    );
    expect((await tracking.getArtifact(outcome.runId, 'decision_boundary.png')).type).toBe('image/png');
    expect(pictures[0].grid.values).toHaveLength(pictures[0].grid.width * pictures[0].grid.height);

    const confusion = JSON.parse(await (await tracking.getArtifact(outcome.runId, 'confusion_matrix.json')).text());
    expect(confusion.split).toBe('test');
    expect(confusion.labels).toEqual([0, 1]);
    // 25% of 120 rows are the test split: the matrix counts each once.
    expect(confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(30);

    expect(progress[0]).toMatchObject({ type: 'started', runId: outcome.runId, backend: 'cpu', epochs: 4 });
    expect(progress.filter((p) => p.type === 'epoch').map((p) => p.type === 'epoch' && p.epoch)).toEqual([0, 1, 2, 3]);
    expect(progress.some((p) => p.type === 'boundary' && p.epoch === 3)).toBe(true);
  });

  it('gives the same metrics for the same config and seed, and other metrics for another seed', async () => {
    const tracking = await freshTracking();
    const losses = async (request: TrainRequest) => {
      const { runId } = await train(tracking, request);
      return Array.from((await tracking.getMetricHistory(runId, 'val_loss')).values);
    };
    const first = await losses(spiralRequest);
    expect(await losses(spiralRequest)).toEqual(first);
    expect(await losses({ ...spiralRequest, model: { ...model, seed: 6 } })).not.toEqual(first);
  });

  it('round-trips the logged model: loading it back predicts exactly what the trained model did', async () => {
    const tracking = await freshTracking();
    const progress: TrainProgress[] = [];
    const request: TrainRequest = {
      ...spiralRequest,
      model: { ...model, inputFeatures: ['x', 'y', 'xTimesY', 'sinX'] },
    };
    const { runId } = await train(tracking, request, progress);
    const boundaries = progress.filter(
      (p): p is { type: 'boundary'; epoch: number; grid: BoundaryGrid } => p.type === 'boundary',
    );
    const trained = boundaries[boundaries.length - 1].grid;

    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory((await tracking.loadModelArtifacts(runId, 'model')) as tf.io.ModelArtifacts),
    );
    const scorer = modelScorer(tf, loaded, ['x', 'y'], request.model.inputFeatures, 'classification', 2);
    const again = await predictGrid(trained.bounds, trained.width, trained.height, scorer);
    expect(Array.from(again)).toEqual(Array.from(trained.values));
    loaded.dispose();
  });

  it('ends a run FAILED with the reason in tabflow.error and keeps what it logged before', async () => {
    const tracking = await freshTracking();
    const request: TrainRequest = { ...spiralRequest, model: { ...model, inputFeatures: ['x', 'colour'] } };
    const outcome = await train(tracking, request);
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toMatch(/Unknown input feature "colour"/);
    const run = await tracking.getRun(outcome.runId);
    expect(run.info.status).toBe('FAILED');
    expect(run.data.tags['tabflow.error']).toBe(outcome.error);
    expect(run.data.params.dataset).toBe('spiral');
    expect(run.inputs.datasetInputs).toHaveLength(1);
  });

  it('pictures a 1-D regression (sine) as the predicted curve, live and in the PNG', async () => {
    const tracking = await freshTracking();
    const progress: TrainProgress[] = [];
    const pictures: BoundaryPicture[] = [];
    const request: TrainRequest = {
      source: {
        kind: 'generated',
        config: { generator: 'sine', numPoints: 80, noise: 0, testFraction: 0.25, seed: 4 },
      },
      model: { ...model, epochs: 2 },
    };
    const outcome = await runTrackedTraining(tf, tracking, request, {
      backend: 'cpu',
      onProgress: (p) => progress.push(p),
      renderPng: fakePng(pictures),
      boundaryEveryMs: 0,
    });
    expect(outcome.status).toBe('FINISHED');
    const live = progress.filter((p) => p.type === 'boundary');
    expect(live).toHaveLength(2);
    for (const p of live)
      if (p.type === 'boundary') expect([p.grid.width, p.grid.height, p.grid.values.length]).toEqual([48, 1, 48]);
    expect([pictures[0].grid.width, pictures[0].grid.height]).toEqual([160, 1]);
    expect(pictures[0].grid.values.every(Number.isFinite)).toBe(true);
    expect(await tracking.listArtifacts(outcome.runId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'decision_boundary.png' })]),
    );
  });

  it('trains a regression on an uploaded CSV, logging mae and the CSV source instead of a recipe', async () => {
    const tracking = await freshTracking();
    const rows = Array.from({ length: 40 }, (_, i) => `${i / 10},${(i % 7) / 7},${(2 * i) / 10 + 1}`);
    const dataset = parseCsv(['a,b,price', ...rows].join('\n'), { target: 'price', name: 'houses.csv' });
    const request: TrainRequest = {
      source: { kind: 'csv', dataset, fileName: 'houses.csv', testFraction: 0.2, seed: 9 },
      model: { ...model, epochs: 2 },
    };
    const outcome = await train(tracking, request);
    expect(outcome).toMatchObject({ status: 'FINISHED' });
    const run = await tracking.getRun(outcome.runId);
    expect(run.data.params).toMatchObject({
      dataset_source: 'csv',
      dataset_file: 'houses.csv',
      dataset_target: 'price',
      dataset_seed: '9',
    });
    expect(run.data.params.dataset).toBeUndefined();
    expect(Object.keys(run.data.metrics).sort()).toEqual([
      'epoch_time_ms',
      'loss',
      'mae',
      'samples_per_sec',
      'val_loss',
      'val_mae',
    ]);
    expect(run.inputs.datasetInputs[0]).toMatchObject({ name: 'houses.csv', sourceType: 'upload' });
    const artifacts = (await tracking.listArtifacts(outcome.runId)).map((a) => a.path);
    expect(artifacts).not.toContain('confusion_matrix.json');
  });
});

describe('runTrackedTraining stopped early', () => {
  it('ends the run KILLED right after creating it when a Stop came first, logging nothing else', async () => {
    const tracking = await freshTracking();
    const progress: TrainProgress[] = [];
    const outcome = await runTrackedTraining(tf, tracking, spiralRequest, {
      backend: 'cpu',
      onProgress: (p) => progress.push(p),
      signal: AbortSignal.abort(),
    });
    expect(outcome.status).toBe('KILLED');
    const run = await tracking.getRun(outcome.runId);
    expect(run.info.status).toBe('KILLED');
    expect(run.info.endTime).not.toBeNull();
    expect(run.data.params).toEqual({});
    expect(progress).toEqual([]);
  });

  it('a Stop during training ends the run KILLED with every finished epoch committed and no model', async () => {
    const tracking = await freshTracking();
    const stop = new AbortController();
    const progress: TrainProgress[] = [];
    const request: TrainRequest = { ...spiralRequest, model: { ...model, epochs: 50 } };
    const outcome = await runTrackedTraining(tf, tracking, request, {
      backend: 'cpu',
      signal: stop.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.type === 'epoch' && p.epoch === 2) stop.abort();
      },
    });
    expect(outcome).toEqual({ runId: outcome.runId, status: 'KILLED' });
    const run = await tracking.getRun(outcome.runId);
    expect(run.info.status).toBe('KILLED');
    expect(run.info.endTime).not.toBeNull();
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) {
      expect(Array.from((await tracking.getMetricHistory(outcome.runId, key)).steps), key).toEqual([0, 1, 2]);
    }
    expect(progress.filter((p) => p.type === 'epoch')).toHaveLength(3);
    // No model, PNG or confusion matrix: only the replay of the epochs it finished.
    expect((await tracking.listArtifacts(outcome.runId)).map((a) => a.path)).toEqual([
      'replay/network.bin',
      'replay/network.json',
    ]);
  });
});
