/** Running a trained model on plain arrays: for evaluation, the confusion matrix and the decision boundary. */
import type { Dataset, Task } from './dataset';
import { argmaxRows } from './evaluate';
import { expandMatrix } from './features';
import { denseForward } from './predict-dense';
import type { PointScorer } from './predict-grid';
import type { LayersModel, Tensor, Tf } from './tf-types';

/**
 * Rows per forward pass. tfjs's default of 32 makes a 160 × 160 boundary grid 800 passes of a dozen ops each,
 * mostly per-op overhead: 0.8–1.9 s for the Playground's 8-8 MLP on tfjs cpu (2 busy cores), 0.12–0.31 s at 1024.
 * 1024 rows keep a digits CNN's activations near 50 MB. Rows never mix, so the outputs are identical.
 */
const PREDICT_BATCH = 1024;

/**
 * The model's outputs for a row-major matrix with d columns: n × k class probabilities, or n values for
 * regression. Reads back with data(), not dataSync(), so a webgl backend does not stall the thread.
 */
export async function predictMatrix(tf: Tf, model: LayersModel, x: Float32Array, d: number): Promise<Float32Array> {
  const output = tf.tidy(
    () => model.predict(tf.tensor2d(x, [x.length / d, d]), { batchSize: PREDICT_BATCH }) as Tensor,
  );
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}

/** The model's outputs for every row of a dataset that already holds the model's input features. */
export function predictDataset(tf: Tf, model: LayersModel, ds: Dataset): Promise<Float32Array> {
  return predictMatrix(tf, model, ds.x, ds.featureNames.length);
}

/**
 * A PointScorer for predictGrid. The grid's points are in the raw 2-D space (`rawFeatureNames`, e.g. x and y);
 * each is expanded to the model's `inputFeatures` first. The score is what a picture can color: the probability
 * of class 1 for two classes, the winning class index for more, the predicted value for regression.
 */
export function modelScorer(
  tf: Tf,
  model: LayersModel,
  rawFeatureNames: readonly string[],
  inputFeatures: readonly string[],
  task: Task,
  numClasses: number,
): PointScorer {
  const d = inputFeatures.length === 0 ? rawFeatureNames.length : inputFeatures.length;
  return async (points) => {
    const x = expandMatrix(points, rawFeatureNames, inputFeatures);
    // Pictures take the plain-JavaScript pass where it gives predict's numbers (cpu): several times cheaper.
    const dense = await denseForward(tf, model);
    const outputs = dense ? dense.predict(x) : await predictMatrix(tf, model, x, d);
    if (task === 'regression') return outputs;
    if (numClasses === 2) return outputs.filter((_, i) => i % 2 === 1);
    return Float32Array.from(argmaxRows(outputs, numClasses));
  };
}
