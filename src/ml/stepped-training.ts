/**
 * Training one step at a time, as the TensorFlow Playground's Step button does: the person asks for one epoch
 * or one batch, the model trains that much and waits for the next request, and the run stays one run until the
 * person ends it. An epoch step trains with trainModel itself (from that epoch on, for one epoch), so a run
 * stepped epoch by epoch logs exactly the metrics of a normal run of the same length and seed. A batch step
 * trains the next batch of the epoch's seeded shuffle; when the last batch of an epoch is done, that epoch's
 * metrics are the model evaluated on the training and test data (fit's per-batch running mean does not exist
 * for batches trained one by one), with epoch_time_ms and samples_per_sec as a normal epoch logs them: the time
 * its batches and its evaluation took, not the person's thinking time between the steps. DOM-free, handed `tf`.
 */
import { numRows, type Dataset } from './dataset';
import { SEED_STREAM } from './build-model';
import type { ModelConfig } from './model-config';
import { deriveSeed, mulberry32, permutation } from './random';
import { datasetTensors } from './tensors';
import type { LayersModel, Tensor, Tf } from './tf-types';
import { reseedDropout, trainModel, type EpochMetrics, type TrainOptions, type TrainResult } from './train';

export const STEP_SIZES = ['epoch', 'batch'] as const;
export type StepSize = (typeof STEP_SIZES)[number];
/** What the person asks for next: another step, or the end of the run. */
export type StepCommand = StepSize | 'end';

export interface SteppedOptions extends Pick<TrainOptions, 'onEpochEnd' | 'afterBatch' | 'signal'> {
  /** The first step, taken at once. */
  first: StepSize;
  /** Resolves with the next request; 'end' (also when `signal` aborts) ends the training. */
  nextStep: () => Promise<StepCommand>;
  /** After a batch step that left its epoch unfinished: `batch` batches of epoch `epoch` (0-based) are done. */
  onBatchStep?: (epoch: number, batch: number, batches: number) => void | Promise<void>;
}

/** The loss and metric of `model` on a dataset, under the names fit reports them (see train.ts). */
async function evaluate(tf: Tf, model: LayersModel, ds: Dataset, prefix: '' | 'val_'): Promise<EpochMetrics> {
  const { xs, ys } = datasetTensors(tf, ds);
  try {
    const [loss, metric] = model.evaluate(xs, ys) as Tensor[];
    const values = [(await loss.data())[0], (await metric.data())[0]];
    tf.dispose([loss, metric]);
    return {
      [`${prefix}loss`]: values[0],
      [`${prefix}${ds.task === 'classification' ? 'accuracy' : 'mae'}`]: values[1],
    };
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** The next request, or 'end' as soon as `signal` aborts (Stop while the model waits for a step). */
function whenAsked(nextStep: () => Promise<StepCommand>, signal: AbortSignal | undefined): Promise<StepCommand> {
  if (!signal) return nextStep();
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('end');
    signal.addEventListener('abort', onAbort, { once: true });
    nextStep()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Trains `model` step by step until the person ends it; never reports `aborted` (ending is the normal end). */
export async function trainInSteps(
  tf: Tf,
  model: LayersModel,
  train: Dataset,
  test: Dataset | null,
  config: ModelConfig,
  options: SteppedOptions,
): Promise<TrainResult> {
  const { onEpochEnd, afterBatch, signal, nextStep, onBatchStep } = options;
  const n = numRows(train);
  const batches = Math.ceil(n / config.batchSize);
  const tensors = datasetTensors(tf, train);
  const history: EpochMetrics[] = [];
  let epoch = 0;
  let batch = 0;
  let order: Uint32Array | null = null;
  /** The time the unfinished epoch's batch steps took so far, without the waits between them. */
  let epochMs = 0;
  try {
    for (
      let command: StepCommand = options.first;
      command !== 'end' && !signal?.aborted;
      command = await whenAsked(nextStep, signal)
    ) {
      if (command === 'epoch' && batch === 0) {
        const result = await trainModel(
          tf,
          model,
          train,
          test,
          { ...config, epochs: epoch + 1 },
          { firstEpoch: epoch, onEpochEnd, afterBatch, signal },
        );
        if (result.aborted) break;
        history.push(...result.history);
        epoch++;
        continue;
      }
      // A batch step, or an epoch step that finishes the epoch earlier batch steps began.
      const started = performance.now();
      order ??= permutation(n, mulberry32(deriveSeed(config.seed, SEED_STREAM.shuffle, epoch)));
      const until = command === 'epoch' ? batches : batch + 1;
      for (; batch < until; batch++) {
        const rows = order.subarray(batch * config.batchSize, Math.min(n, (batch + 1) * config.batchSize));
        reseedDropout(model, config.seed, epoch, batch);
        const [xs, ys] = tf.tidy(() => {
          const index = tf.tensor1d(Int32Array.from(rows), 'int32');
          return [tf.gather(tensors.xs, index), tf.gather(tensors.ys, index)];
        });
        await model.trainOnBatch(xs, ys).finally(() => tf.dispose([xs, ys]));
      }
      if (batch < batches) {
        epochMs += performance.now() - started;
        await onBatchStep?.(epoch, batch, batches);
        continue;
      }
      const metrics: EpochMetrics = {
        ...(await evaluate(tf, model, train, '')),
        ...(test && numRows(test) > 0 ? await evaluate(tf, model, test, 'val_') : {}),
      };
      epochMs += performance.now() - started;
      metrics.epoch_time_ms = epochMs;
      metrics.samples_per_sec = n / (epochMs / 1000);
      history.push(metrics);
      await onEpochEnd?.(epoch, metrics);
      epoch++;
      batch = 0;
      order = null;
      epochMs = 0;
    }
  } finally {
    tf.dispose([tensors.xs, tensors.ys]);
  }
  return { history, aborted: false };
}
