import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/ml/dataset';
import {
  accuracy,
  argmaxRows,
  classificationReport,
  confusionMatrix,
  logLoss,
  meanAbsoluteError,
  precisionRecallF1,
  r2Score,
  regressionReport,
  rootMeanSquaredError,
} from '../../../src/ml/evaluate';
import { dataBounds, gridPoints, predictGrid } from '../../../src/ml/predict-grid';

// Hand-worked example: per class (P, R, F1) = (1/2, 1/2, 1/2), (2/3, 1, 4/5), (1, 1/2, 2/3).
const yTrue = [0, 0, 1, 1, 2, 2];
const yPred = [0, 1, 1, 1, 2, 0];

describe('classification metrics', () => {
  it('counts accuracy and the confusion matrix (rows: truth)', () => {
    expect(accuracy(yTrue, yPred)).toBeCloseTo(4 / 6, 12);
    expect(confusionMatrix(yTrue, yPred, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
  });

  it('macro-averages precision, recall and per-class F1', () => {
    const scores = precisionRecallF1(yTrue, yPred, 3);
    expect(scores.precision).toBeCloseTo((1 / 2 + 2 / 3 + 1) / 3, 12);
    expect(scores.recall).toBeCloseTo((1 / 2 + 1 + 1 / 2) / 3, 12);
    expect(scores.f1).toBeCloseTo((1 / 2 + 4 / 5 + 2 / 3) / 3, 12);
  });

  it('averages only over classes that occur, and scores 0 where nothing is predicted', () => {
    expect(precisionRecallF1([0, 1], [0, 0], 3)).toEqual({ precision: 0.25, recall: 0.5, f1: (2 / 3 + 0) / 2 });
  });

  it('computes log loss with clipping', () => {
    expect(logLoss([0, 1], [0.9, 0.1, 0.2, 0.8], 2)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 12);
    expect(logLoss([0], [0, 1], 2)).toBeCloseTo(-Math.log(1e-7), 9);
    expect(() => logLoss([0, 1], [0.5, 0.5], 2)).toThrow(/2 × 2 probabilities/);
  });

  it('reports all of them from probabilities', () => {
    const probs = [0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.6, 0.1];
    expect(Array.from(argmaxRows(probs, 3))).toEqual([0, 2, 1]);
    const report = classificationReport([0, 2, 2], probs, 3);
    expect(report.accuracy).toBeCloseTo(2 / 3, 12);
    expect(report.confusionMatrix).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 1],
    ]);
    expect(report.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.1)) / 3, 6);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(/same length/);
  });
});

describe('regression metrics', () => {
  it('computes MAE, RMSE and R² by hand', () => {
    const truth = [1, 2, 3, 4];
    const predicted = [1, 3, 2, 4];
    expect(meanAbsoluteError(truth, predicted)).toBe(0.5);
    expect(rootMeanSquaredError(truth, predicted)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(r2Score(truth, predicted)).toBeCloseTo(1 - 2 / 5, 12);
    expect(regressionReport(truth, truth)).toEqual({ mae: 0, rmse: 0, r2: 1 });
  });

  it('gives R² of 1 or 0 for a constant truth, as scikit-learn does', () => {
    expect(r2Score([2, 2], [2, 2])).toBe(1);
    expect(r2Score([2, 2], [2, 3])).toBe(0);
  });
});

describe('decision-boundary grid', () => {
  const bounds = { xMin: 0, xMax: 4, yMin: 0, yMax: 2 };

  it('lays cell centers out in image order, top row first', () => {
    expect(Array.from(gridPoints(bounds, 4, 2))).toEqual([
      0.5, 1.5, 1.5, 1.5, 2.5, 1.5, 3.5, 1.5, 0.5, 0.5, 1.5, 0.5, 2.5, 0.5, 3.5, 0.5,
    ]);
  });

  it('scores every cell with the given scorer', async () => {
    const score = (points: Float32Array) =>
      Float32Array.from({ length: points.length / 2 }, (_, i) => points[2 * i] + 10 * points[2 * i + 1]);
    expect(Array.from(await predictGrid(bounds, 4, 2, score))).toEqual([15.5, 16.5, 17.5, 18.5, 5.5, 6.5, 7.5, 8.5]);
    await expect(predictGrid(bounds, 4, 2, () => new Float32Array(3))).rejects.toThrow(/3 values for 8 grid points/);
    expect(() => gridPoints(bounds, 0, 2)).toThrow(/Grid size/);
  });

  it('pads the data bounds and needs two features', () => {
    const ds: Dataset = {
      name: 't',
      task: 'regression',
      featureNames: ['x', 'y'],
      targetName: 'target',
      x: new Float32Array([0, 5, 10, 5]),
      y: new Float32Array([0, 1]),
      numClasses: 0,
      classLabels: [],
    };
    expect(dataBounds(ds, 0.1)).toEqual({ xMin: -1, xMax: 11, yMin: 4.9, yMax: 5.1 });
    expect(() => dataBounds({ ...ds, featureNames: ['x'], x: new Float32Array([0, 1]) })).toThrow(/needs 2 features/);
  });
});
