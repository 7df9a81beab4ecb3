/**
 * Metric formulas on plain arrays, following scikit-learn's definitions so numbers compare with an MLflow run
 * logged from Python. Classes are indices 0..k-1; probabilities are row-major n × k.
 */

type Numbers = ArrayLike<number>;

function checkSameLength(a: Numbers, b: Numbers): void {
  if (a.length !== b.length) throw new Error(`Expected arrays of the same length, got ${a.length} and ${b.length}.`);
}

/** The index of the largest value in each row of a row-major n × k matrix (the first one on ties). */
export function argmaxRows(matrix: Numbers, k: number): Int32Array {
  const n = matrix.length / k;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (matrix[r * k + c] > matrix[r * k + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Share of rows whose predicted class equals the true class; NaN for no rows. */
export function accuracy(yTrue: Numbers, yPred: Numbers): number {
  checkSameLength(yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/** counts[t][p]: how many rows of true class t were predicted as p (rows: truth, columns: prediction). */
export function confusionMatrix(yTrue: Numbers, yPred: Numbers, numClasses: number): number[][] {
  checkSameLength(yTrue, yPred);
  const counts = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i]][yPred[i]]++;
  return counts;
}

export interface MacroScores {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Macro-averaged precision, recall and F1: each is computed per class, then averaged over the classes that occur
 * in the truth or the predictions (scikit-learn's default label set). A class with nothing to divide by scores 0
 * (scikit-learn's zero_division=0), and F1 is the mean of per-class F1s, not the F1 of the means.
 */
export function precisionRecallF1(yTrue: Numbers, yPred: Numbers, numClasses: number): MacroScores {
  const counts = confusionMatrix(yTrue, yPred, numClasses);
  const sum = { precision: 0, recall: 0, f1: 0 };
  let classes = 0;
  for (let c = 0; c < numClasses; c++) {
    const truePositive = counts[c][c];
    const actual = counts[c].reduce((a, b) => a + b, 0);
    const predicted = counts.reduce((a, row) => a + row[c], 0);
    if (actual === 0 && predicted === 0) continue;
    classes++;
    const precision = predicted === 0 ? 0 : truePositive / predicted;
    const recall = actual === 0 ? 0 : truePositive / actual;
    sum.precision += precision;
    sum.recall += recall;
    sum.f1 += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return { precision: sum.precision / classes, recall: sum.recall / classes, f1: sum.f1 / classes };
}

/** Keras's epsilon: the model's own cross-entropy clips probabilities the same way, so the two numbers agree. */
export const LOG_LOSS_EPSILON = 1e-7;

/** Mean cross-entropy of the true class's probability, clipped to [ε, 1 − ε]. */
export function logLoss(yTrue: Numbers, probs: Numbers, numClasses: number, epsilon = LOG_LOSS_EPSILON): number {
  if (probs.length !== yTrue.length * numClasses) {
    throw new Error(`Expected ${yTrue.length} × ${numClasses} probabilities, got ${probs.length}.`);
  }
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(probs[i * numClasses + yTrue[i]], epsilon), 1 - epsilon);
    total -= Math.log(p);
  }
  return total / yTrue.length;
}

export function meanAbsoluteError(yTrue: Numbers, yPred: Numbers): number {
  checkSameLength(yTrue, yPred);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) total += Math.abs(yTrue[i] - yPred[i]);
  return total / yTrue.length;
}

export function rootMeanSquaredError(yTrue: Numbers, yPred: Numbers): number {
  checkSameLength(yTrue, yPred);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) total += (yTrue[i] - yPred[i]) ** 2;
  return Math.sqrt(total / yTrue.length);
}

/** R² = 1 − SS_res / SS_tot; for a constant truth, 1 when predicted exactly and 0 otherwise (as scikit-learn). */
export function r2Score(yTrue: Numbers, yPred: Numbers): number {
  checkSameLength(yTrue, yPred);
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += yTrue[i];
  mean /= yTrue.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    residual += (yTrue[i] - yPred[i]) ** 2;
    total += (yTrue[i] - mean) ** 2;
  }
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}

export interface ClassificationReport extends MacroScores {
  accuracy: number;
  logLoss: number;
  /** Rows: true class, columns: predicted class. */
  confusionMatrix: number[][];
}

/** Every classification metric from true classes and the model's n × k probabilities. */
export function classificationReport(yTrue: Numbers, probs: Numbers, numClasses: number): ClassificationReport {
  const yPred = argmaxRows(probs, numClasses);
  return {
    accuracy: accuracy(yTrue, yPred),
    ...precisionRecallF1(yTrue, yPred, numClasses),
    logLoss: logLoss(yTrue, probs, numClasses),
    confusionMatrix: confusionMatrix(yTrue, yPred, numClasses),
  };
}

export interface RegressionReport {
  mae: number;
  rmse: number;
  r2: number;
}

export function regressionReport(yTrue: Numbers, yPred: Numbers): RegressionReport {
  return { mae: meanAbsoluteError(yTrue, yPred), rmse: rootMeanSquaredError(yTrue, yPred), r2: r2Score(yTrue, yPred) };
}
