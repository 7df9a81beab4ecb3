/**
 * The training loop. tfjs's own shuffle in model.fit draws from Math.random, which cannot be seeded, so each
 * epoch runs as its own fit call with `shuffle: false` on rows we permute with a seeded generator. Dropout is
 * reseeded before every batch for the same reason (a fixed tfjs dropout seed would drop the same units in every
 * batch). With that, the same config, data and seed give the same metrics on the cpu backend.
 */
import { numRows, type Dataset } from './dataset';
import { SEED_STREAM } from './build-model';
import type { ModelConfig } from './model-config';
import { deriveSeed, mulberry32, permutation } from './random';
import { datasetTensors } from './tensors';
import type { LayersModel, Tf } from './tf-types';

/**
 * One epoch's metrics, keyed by the MLflow metric names: `loss`, `accuracy` (classification) or `mae`
 * (regression), their `val_` twins when there is test data, `epoch_time_ms` and `samples_per_sec`.
 */
export type EpochMetrics = Record<string, number>;

export interface TrainOptions {
  /** Called after each finished epoch (0-based, which is also the MLflow step); awaited before the next one. */
  onEpochEnd?: (epoch: number, metrics: EpochMetrics) => void | Promise<void>;
  /**
   * Awaited after each batch. A tfjs fit yields to the event loop only every 125 ms, so work queued on this
   * thread (an IndexedDB transaction's callbacks, a Stop message) waits for it; this lets the caller give it a turn.
   */
  afterBatch?: () => void | Promise<void>;
  /** Aborting stops at the end of the current batch; the unfinished epoch is not reported. */
  signal?: AbortSignal;
  /**
   * The 0-based epoch to start at (default 0), for a model already trained that far: a stepped run trains epoch
   * e alone as `{ ...config, epochs: e + 1 }` from `firstEpoch: e`, with the shuffle and dropout seeds of epoch e.
   */
  firstEpoch?: number;
}

export interface TrainResult {
  /** The metrics of every finished epoch, in order. */
  history: EpochMetrics[];
  aborted: boolean;
}

/** tfjs names the accuracy metric "acc"; MLflow's Keras autologging writes "accuracy". */
function metricName(tfjsName: string): string {
  return tfjsName === 'acc' ? 'accuracy' : tfjsName;
}

/** Dropout layers keep their seed in a private field read on every call; setting it is the only seeding hook. */
export function reseedDropout(model: LayersModel, seed: number, epoch: number, batch: number): void {
  model.layers.forEach((layer, index) => {
    if (layer.getClassName() === 'Dropout') {
      (layer as unknown as { seed: number }).seed = deriveSeed(seed, SEED_STREAM.dropout, epoch, batch, index);
    }
  });
}

/**
 * Trains `model` (built by buildModel for the same data) on `train`, validating on `test` after every epoch.
 * Both datasets must already hold the model's input features (see expandFeatures).
 */
export async function trainModel(
  tf: Tf,
  model: LayersModel,
  train: Dataset,
  test: Dataset | null,
  config: ModelConfig,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const { onEpochEnd, afterBatch, signal } = options;
  const n = numRows(train);
  const trainTensors = datasetTensors(tf, train);
  const testTensors = test && numRows(test) > 0 ? datasetTensors(tf, test) : null;
  const history: EpochMetrics[] = [];
  try {
    for (let epoch = options.firstEpoch ?? 0; epoch < config.epochs; epoch++) {
      if (signal?.aborted) break;
      const order = permutation(n, mulberry32(deriveSeed(config.seed, SEED_STREAM.shuffle, epoch)));
      const [xs, ys] = tf.tidy(() => {
        const rows = tf.tensor1d(Int32Array.from(order), 'int32');
        return [tf.gather(trainTensors.xs, rows), tf.gather(trainTensors.ys, rows)];
      });
      // The epoch's time includes its validation pass, as the epoch's wall time a person waits for.
      const started = performance.now();
      const fitted = await model
        .fit(xs, ys, {
          batchSize: config.batchSize,
          epochs: epoch + 1,
          initialEpoch: epoch,
          shuffle: false,
          verbose: 0,
          validationData: testTensors ? [testTensors.xs, testTensors.ys] : undefined,
          callbacks: {
            onBatchBegin: async (batch) => reseedDropout(model, config.seed, epoch, batch),
            onBatchEnd: async () => {
              await afterBatch?.();
              if (signal?.aborted) model.stopTraining = true;
            },
          },
        })
        .finally(() => tf.dispose([xs, ys]));
      if (signal?.aborted) break;
      const elapsed = performance.now() - started;
      const metrics: EpochMetrics = {};
      for (const [key, values] of Object.entries(fitted.history)) {
        const name = key.startsWith('val_') ? `val_${metricName(key.slice(4))}` : metricName(key);
        // fit resolves its history to plain numbers before returning.
        metrics[name] = values[values.length - 1] as number;
      }
      metrics.epoch_time_ms = elapsed;
      metrics.samples_per_sec = n / (elapsed / 1000);
      history.push(metrics);
      await onEpochEnd?.(epoch, metrics);
    }
  } finally {
    tf.dispose([trainTensors.xs, trainTensors.ys]);
    if (testTensors) tf.dispose([testTensors.xs, testTensors.ys]);
  }
  return { history, aborted: signal?.aborted ?? false };
}
