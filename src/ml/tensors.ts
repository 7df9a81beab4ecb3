import { numFeatures, numRows, type Dataset } from './dataset';
import type { Tensor2D, Tf } from './tf-types';

/** A dataset as the tensors model.fit takes: features [n, d], and one-hot classes [n, k] or targets [n, 1]. */
export function datasetTensors(tf: Tf, ds: Dataset): { xs: Tensor2D; ys: Tensor2D } {
  const n = numRows(ds);
  const xs = tf.tensor2d(ds.x, [n, numFeatures(ds)]);
  const ys =
    ds.task === 'classification'
      ? tf.tidy(() => tf.oneHot(tf.tensor1d(ds.y, 'int32'), ds.numClasses).toFloat() as Tensor2D)
      : tf.tensor2d(ds.y, [n, 1]);
  return { xs, ys };
}
