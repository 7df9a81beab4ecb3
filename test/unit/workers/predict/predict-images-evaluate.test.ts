import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { packMnistPackage } from '../../../../scripts/vite-digits-plugin';
import { decodeDigits } from '../../../../src/ml/digits-pack';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../../src/ml/model-config';
import type { ImageSet } from '../../../../src/ml/image-dataset';
import type { TrackingClient } from '../../../../src/tracking';
import type { ImageHooks } from '../../../../workers/image-training';
import { runEvaluation } from '../../../../workers/predict/evaluate-run';
import { ModelCache } from '../../../../workers/predict/loaded-model';
import { runTrackedTraining } from '../../../../workers/train-run';
import { freshTracking } from '../../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const DIGITS_URL = 'https://tabflow.test/digits.bin';
const file = packMnistPackage();
const DIGIT_NAMES = Array.from({ length: 10 }, (_, d) => String(d));

/** Digits pictures as an uploaded folder would decode them: the given classes (by name), `perClass` each. */
function folderOfDigits(classNames: string[], perClass: number): ImageSet {
  const packed = decodeDigits(file);
  const rows: number[] = [];
  const labels: number[] = [];
  classNames.forEach((name, c) => {
    const found = Array.from(packed.labels.keys())
      .filter((i) => String(packed.labels[i]) === name)
      .slice(0, perClass);
    rows.push(...found);
    labels.push(...found.map(() => c));
  });
  const pixels = new Uint8Array(rows.length * 784);
  rows.forEach((r, i) => pixels.set(packed.pixels.subarray(r * 784, r * 784 + 784), i * 784));
  return {
    name: 'upload',
    shape: { width: 28, height: 28, channels: 1, classNames },
    pixels,
    labels: Uint8Array.from(labels),
  };
}

/** A small digits MLP (or `model`'s CNN) trained and logged as the Playground does (subset 300, a quarter held out). */
async function trainedDigits(t: TrackingClient, hooks: ImageHooks, model: Partial<ModelConfig> = {}): Promise<string> {
  const outcome = await runTrackedTraining(
    tf,
    t,
    {
      source: { kind: 'digits', url: DIGITS_URL, subset: 300, testFraction: 0.25, seed: 2 },
      model: {
        ...DEFAULT_MODEL_CONFIG,
        hiddenLayers: [16],
        activation: 'relu',
        learningRate: 0.01,
        batchSize: 32,
        epochs: 2,
        backend: 'cpu',
        ...model,
      },
    },
    { backend: 'cpu', images: hooks },
  );
  expect(outcome).toMatchObject({ status: 'FINISHED' });
  return outcome.runId;
}

describe('evaluating an image model', () => {
  const loaded: string[] = [];
  const hooks: ImageHooks = {
    loadBytes: async (url) => {
      loaded.push(url);
      return file;
    },
  };

  it('on the Digits test split: the very images the training run held out, with per-class accuracy', async () => {
    const t = await freshTracking();
    const trainingRunId = await trainedDigits(t, hooks);
    const model = await new ModelCache(tf, t).load(`runs:/${trainingRunId}/model`);
    expect(model.description.signature.classNames).toEqual(DIGIT_NAMES);

    const result = await runEvaluation(
      tf,
      t,
      model.model,
      model.description,
      { kind: 'digits-test', url: DIGITS_URL },
      hooks,
    );
    expect(loaded.at(-1)).toBe(DIGITS_URL);
    expect(result.metrics.example_count).toBe(75);

    const training = JSON.parse(await (await t.getArtifact(trainingRunId, 'confusion_matrix.json')).text());
    const evaluation = JSON.parse(await (await t.getArtifact(result.runId, 'confusion_matrix.json')).text());
    expect(training.split).toBe('test');
    // Same weights on the same seeded split: the matrix the training run logged, cell for cell.
    expect(evaluation.matrix).toEqual(training.matrix);
    expect(evaluation.labels).toEqual(DIGIT_NAMES);

    const matrix = evaluation.matrix as number[][];
    const diagonal = matrix.reduce((sum, row, c) => sum + row[c], 0);
    expect(result.metrics.accuracy_score).toBeCloseTo(diagonal / 75, 6);
    matrix.forEach((row, c) => {
      const count = row.reduce((a, b) => a + b, 0);
      if (count === 0) expect(result.metrics[`class_accuracy/${c}`]).toBeUndefined();
      else expect(result.metrics[`class_accuracy/${c}`]).toBeCloseTo(row[c] / count, 6);
    });
    const run = await t.getRun(result.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params).toEqual({
      dataset: 'digits',
      dataset_subset: '300',
      dataset_test_fraction: '0.25',
      dataset_seed: '2',
      dataset_split: 'test',
    });
    expect(run.data.tags['tabflow.evaluated.run_id']).toBe(trainingRunId);
    expect(run.inputs.datasetInputs[0]).toMatchObject({ context: 'eval', name: 'mnist-digits-test' });
    expect(Object.keys(run.data.metrics)).toEqual(expect.arrayContaining(['accuracy_score', 'f1_score', 'log_loss']));
  });

  it('a digits CNN (its reshape layer keeps the stored input flat) evaluates on the same held-out images', async () => {
    const t = await freshTracking();
    const trainingRunId = await trainedDigits(t, hooks, {
      modelType: 'cnn',
      filters: [4],
      kernelSize: 3,
      pooling: 'max',
      epochs: 1,
    });
    expect((await t.getRun(trainingRunId)).data.params).toMatchObject({ model_type: 'cnn' });
    const model = await new ModelCache(tf, t).load(`runs:/${trainingRunId}/model`);
    expect(model.description.imageData).toBe('digits');
    const result = await runEvaluation(
      tf,
      t,
      model.model,
      model.description,
      { kind: 'digits-test', url: DIGITS_URL },
      hooks,
    );
    const read = async (id: string) =>
      JSON.parse(await (await t.getArtifact(id, 'confusion_matrix.json')).text()).matrix;
    expect(await read(result.runId)).toEqual(await read(trainingRunId));
    expect(result.metrics.example_count).toBe(75);
  });

  it('on an uploaded folder: classes matched by name, whatever order the folder lists them in', async () => {
    const t = await freshTracking();
    const trainingRunId = await trainedDigits(t, hooks);
    const model = await new ModelCache(tf, t).load(`runs:/${trainingRunId}/model`);
    const folder = { folderName: 'my-digits', source: 'folder' as const, files: [], skipped: [] };
    const decoded = folderOfDigits(['7', '3'], 5);
    const withFolder: ImageHooks = { ...hooks, decodeFolder: async () => ({ set: decoded, skipped: [] }) };

    const result = await runEvaluation(
      tf,
      t,
      model.model,
      model.description,
      { kind: 'image-folder', folder },
      withFolder,
    );
    expect(result.metrics.example_count).toBe(10);
    const { matrix } = JSON.parse(await (await t.getArtifact(result.runId, 'confusion_matrix.json')).text()) as {
      matrix: number[][];
    };
    // The folder's class 0 is "7": its five pictures count in row 7 of the model's matrix, "3"'s in row 3.
    expect(matrix[7].reduce((a, b) => a + b, 0)).toBe(5);
    expect(matrix[3].reduce((a, b) => a + b, 0)).toBe(5);
    expect(
      Object.keys(result.metrics)
        .filter((k) => k.startsWith('class_accuracy/'))
        .sort(),
    ).toEqual(['class_accuracy/3', 'class_accuracy/7']);
    expect((await t.getRun(result.runId)).data.params).toEqual({
      dataset_source: 'images',
      dataset_folder: 'my-digits',
      image_size: '28-gray',
    });
  });

  it('refuses a folder with classes the model never learned, leaving no run', async () => {
    const t = await freshTracking();
    const trainingRunId = await trainedDigits(t, hooks);
    const model = await new ModelCache(tf, t).load(`runs:/${trainingRunId}/model`);
    const folder = { folderName: 'pets', source: 'folder' as const, files: [], skipped: [] };
    const decoded = folderOfDigits(['3'], 2);
    decoded.shape = { ...decoded.shape, classNames: ['cat'] };
    const withFolder: ImageHooks = { ...hooks, decodeFolder: async () => ({ set: decoded, skipped: [] }) };
    await expect(
      runEvaluation(tf, t, model.model, model.description, { kind: 'image-folder', folder }, withFolder),
    ).rejects.toThrow(
      '“pets” has the class folders "cat", which the model never learned: it knows 0, 1, 2, 3, 4, 5, 6, 7, 8, 9.',
    );
    expect((await t.searchRuns()).map((r) => r.info.runId)).toEqual([trainingRunId]);
  });
});
