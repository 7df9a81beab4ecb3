import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { packMnistPackage } from '../../../scripts/vite-digits-plugin';
import {
  classMetricName,
  confusionExamples,
  gridArtifactEpoch,
  gridEpochs,
  perClassAccuracy,
  type PredictionGrid,
} from '../../../src/ml/image-report';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { TrainRequest } from '../../../src/ml/training-messages';
import { GRID_IMAGES, type ImageHooks } from '../../../workers/image-training';
import { runTrackedTraining } from '../../../workers/train-run';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const DIGITS_URL = 'https://tabflow.test/digits.bin';
const file = packMnistPackage();

describe('per-class accuracy and confusion examples', () => {
  it('match hand-computed values', () => {
    // Class 0: rows 0, 1, 2 → predicted 0, 1, 0 → 2/3. Class 1: rows 3, 4 → 1, 1 → 1. Class 2: none → NaN.
    const truth = [0, 0, 0, 1, 1];
    const predicted = [0, 1, 0, 1, 1];
    const perClass = perClassAccuracy(truth, predicted, 3);
    expect(perClass[0]).toBeCloseTo(2 / 3, 12);
    expect(perClass[1]).toBe(1);
    expect(perClass[2]).toBeNaN();
    expect(confusionExamples(truth, predicted, 3, 1)).toEqual([
      [[0], [1], []],
      [[], [3], []],
      [[], [], []],
    ]);
    expect(classMetricName('cats & dogs')).toBe('class_accuracy/cats _ dogs');
  });

  it('bound the grids to at most ten epochs, first and last included', () => {
    expect(gridEpochs(3, 10)).toEqual([0, 1, 2]);
    const many = gridEpochs(500, 10);
    expect(many).toHaveLength(10);
    expect([many[0], many[9]]).toEqual([0, 499]);
    expect(gridArtifactEpoch('predictions/epoch_0012.png')).toBe(12);
    expect(gridArtifactEpoch('model/MLmodel')).toBeNull();
  });
});

describe('tracked digits training', () => {
  it('logs the digits input, per-epoch metrics, prediction grids fed with test images and labels, per-class accuracy and confusion examples', async () => {
    const tracking = await freshTracking();
    const grids: PredictionGrid[] = [];
    const loaded: string[] = [];
    const hooks: ImageHooks = {
      // The shipped file, as the build writes it; the worker fetches the same bytes.
      loadBytes: async (url) => {
        loaded.push(url);
        return file;
      },
      // Node has no OffscreenCanvas: the painter's input is what is checked here; the PNG itself in e2e.
      renderGrid: async (grid) => {
        grids.push(grid);
        return new Blob([grid.images.slice()]);
      },
      renderSprite: async (grid, count) => new Blob([grid.images.slice(0, count * 784)]),
    };
    const request: TrainRequest = {
      source: { kind: 'digits', url: DIGITS_URL, subset: 400, testFraction: 0.25, seed: 2 },
      model: {
        ...DEFAULT_MODEL_CONFIG,
        hiddenLayers: [32],
        activation: 'relu',
        learningRate: 0.01,
        batchSize: 32,
        epochs: 3,
        backend: 'cpu',
      },
    };
    const outcome = await runTrackedTraining(tf, tracking, request, { backend: 'cpu', images: hooks });
    expect(outcome).toMatchObject({ status: 'FINISHED' });
    expect(loaded).toEqual([DIGITS_URL]);
    const run = await tracking.getRun(outcome.runId);
    expect(run.data.params).toMatchObject({
      dataset: 'digits',
      dataset_subset: '400',
      dataset_test_fraction: '0.25',
      dataset_seed: '2',
    });
    expect(run.inputs.datasetInputs[0]).toMatchObject({ name: 'mnist-digits' });
    expect(JSON.parse(run.inputs.datasetInputs[0].profile!)).toMatchObject({ num_rows: 400 });

    expect(grids).toHaveLength(3);
    for (const grid of grids) {
      expect(grid.predicted).toHaveLength(GRID_IMAGES);
      expect(grid.images).toHaveLength(GRID_IMAGES * 784);
      expect(grid.shape.classNames).toHaveLength(10);
    }
    // The same test images every epoch, with their true labels; what changes is the prediction.
    expect(grids[2].truth).toEqual(grids[0].truth);
    expect(Buffer.from(grids[2].images).equals(Buffer.from(grids[0].images))).toBe(true);
    const { steps, values } = await tracking.getMetricHistory(outcome.runId, 'val_accuracy');
    expect(Array.from(steps)).toEqual([0, 1, 2]);
    const lastGridAccuracy = grids[2].predicted.filter((p, i) => p === grids[2].truth[i]).length / GRID_IMAGES;
    expect(lastGridAccuracy).toBeGreaterThan(0.3);
    expect(values[2]).toBeGreaterThan(0.5);

    const metrics = run.data.metrics;
    const perClass = Object.keys(metrics).filter((k) => k.startsWith('class_accuracy/'));
    expect(perClass.length).toBeGreaterThanOrEqual(9);

    const artifacts = (await tracking.listArtifacts(outcome.runId, 'predictions')).map((a) => a.path);
    expect(artifacts).toEqual([
      'predictions/epoch_0000.png',
      'predictions/epoch_0001.png',
      'predictions/epoch_0002.png',
    ]);
    const matrix = JSON.parse(await (await tracking.getArtifact(outcome.runId, 'confusion_matrix.json')).text()) as {
      labels: string[];
      matrix: number[][];
      examples: number[][][];
      example_rows: number[];
      example_sprite: string;
    };
    expect(matrix.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(matrix.matrix.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(matrix.example_sprite).toBe('confusion_examples.png');
    // Each cell's example indices point into the sprite, at most six per cell, as many as the cell counts.
    matrix.examples.forEach((row, t) =>
      row.forEach((cell, p) => expect(cell.length).toBe(Math.min(6, matrix.matrix[t][p]))),
    );
    expect(matrix.example_rows).toHaveLength(matrix.examples.flat(2).length);
  });
});
