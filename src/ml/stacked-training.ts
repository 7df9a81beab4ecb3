/**
 * The training loop of a stacked model (stacked-mlp.ts): trainModel's loop (train.ts) for T trials at once.
 * Per epoch each trial gets its own seeded shuffle (the same deriveSeed/permutation calls), then every batch is one
 * forward pass, one gradient call on the sum of the trials' losses (their parameters are disjoint, so each trial's
 * gradient is its own) and one optimizer step. The reported numbers follow model.fit: a batch's loss is the mean
 * data loss plus the kernel penalties; the epoch's loss and metric are BaseLogger's size-weighted float32 means;
 * validation is fit's testLoop after the epoch's last batch, in batches of the batch size, without penalties.
 */
import { numRows, type Dataset } from './dataset';
import { SEED_STREAM } from './build-model';
import type { ModelConfig } from './model-config';
import { deriveSeed, mulberry32, permutation } from './random';
import { StackedMlp, type TrialShape } from './stacked-mlp';
import { stackedOptimizer } from './stacked-optimizer';
import { datasetTensors } from './tensors';
import type { LayersModel, Tensor, Tf } from './tf-types';
import type { EpochMetrics, TrainOptions, TrainResult } from './train';

export interface StackedTrial {
  model: LayersModel;
  config: ModelConfig;
  options: TrainOptions;
}

/** How a trial's training ended: as trainModel resolves, or the error it rejects with. */
export type TrialEnd = { result: TrainResult } | { error: unknown };

/** fit's batches: [start, size] of consecutive rows, the last one shorter when the rows do not divide evenly. */
function batches(n: number, batchSize: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < n; start += batchSize) out.push([start, Math.min(batchSize, n - start)]);
  return out;
}

/** Σ value × size over the batches, in float32 as tfjs adds it up (value and size multiplied, then added). */
function weightedTotal(values: ArrayLike<number>, sizes: readonly number[]): number {
  // Math.fround of the exact double result is the float32 op's result for one multiply, add or divide.
  let total = 0;
  sizes.forEach((size, k) => (total = Math.fround(total + Math.fround(values[k] * size))));
  return total;
}

const rows = (sizes: readonly number[]) => sizes.reduce((sum, size) => sum + size, 0);

/** An epoch's loss or metric as fit's BaseLogger reports it: the weighted total times 1/rows. */
function epochMean(values: ArrayLike<number>, sizes: readonly number[]): number {
  return Math.fround(Math.fround(1 / rows(sizes)) * weightedTotal(values, sizes));
}

/** A validation loss or metric as fit's testLoop reports it: the weighted total divided by the rows. */
function validationMean(values: ArrayLike<number>, sizes: readonly number[]): number {
  return Math.fround(weightedTotal(values, sizes) / rows(sizes));
}

/** Column t of a row-major [rows, T] array. */
function column(values: Float32Array, trials: number, t: number): number[] {
  return Array.from({ length: values.length / trials }, (_, k) => values[k * trials + t]);
}

interface Loss {
  loss: (yTrue: Tensor, yPred: Tensor) => Tensor;
  metric: (yTrue: Tensor, yPred: Tensor) => Tensor;
  metricName: 'accuracy' | 'mae';
}

/** What buildModel compiles: categorical cross-entropy and accuracy, or mean squared error and MAE. */
function lossOf(tf: Tf, classification: boolean): Loss {
  return classification
    ? { loss: tf.metrics.categoricalCrossentropy, metric: tf.metrics.categoricalAccuracy, metricName: 'accuracy' }
    : { loss: tf.metrics.meanSquaredError, metric: tf.metrics.meanAbsoluteError, metricName: 'mae' };
}

/** Per-batch means [T, batches] of per-row values [T, rows], for rows cut into `sizes` (all full but the last). */
function batchMeans(tf: Tf, perRow: Tensor, sizes: readonly number[]): Tensor {
  const [trials, rows] = perRow.shape;
  const full = sizes[0] === sizes[sizes.length - 1] ? sizes.length : sizes.length - 1;
  const fullRows = full * sizes[0];
  const parts = [tf.mean(tf.reshape(tf.slice(perRow, [0, 0], [trials, fullRows]), [trials, full, sizes[0]]), 2)];
  if (fullRows < rows) parts.push(tf.mean(tf.slice(perRow, [0, fullRows], [trials, rows - fullRows]), 1, true));
  return parts.length === 1 ? parts[0] : tf.concat(parts, 1);
}

export class StackedTraining {
  private readonly mlp: StackedMlp;
  private readonly optimizer: ReturnType<typeof stackedOptimizer>;
  private readonly lossFns: Loss;
  private readonly histories: EpochMetrics[][];
  /** Whether trial t still trains and reports. */
  private readonly live: boolean[];
  /**
   * The trials in the stack, in stack order, and trial t's row in it (-1 once dropped). A trial that ended keeps
   * its row, trained and unreported, until the next epoch starts; then the stack drops it (compact).
   */
  private stack: number[];
  private row: number[];
  private readonly lastEnds: [number, TrialEnd][] = [];

  constructor(
    private readonly tf: Tf,
    private readonly trials: readonly StackedTrial[],
    shapes: readonly TrialShape[],
    private readonly train: Dataset,
    private readonly test: Dataset | null,
    private readonly onEnd: (index: number, end: TrialEnd) => void,
  ) {
    const classification = train.task === 'classification';
    const first = trials[0].config;
    this.mlp = new StackedMlp(
      tf,
      trials.map((t) => t.model),
      shapes,
      first.activation,
      classification ? 'softmax' : 'linear',
    );
    this.optimizer = stackedOptimizer(
      tf,
      first.optimizer,
      trials.map((t) => t.config.learningRate),
      this.mlp.variables(),
    );
    this.lossFns = lossOf(tf, classification);
    this.histories = trials.map(() => []);
    this.live = trials.map(() => true);
    this.stack = trials.map((_, t) => t);
    this.row = [...this.stack];
  }

  /** Drops the rows of trials that ended, so they stop costing compute. */
  private compact(): void {
    const kept = this.stack.filter((t) => this.live[t]);
    if (kept.length === this.stack.length) return;
    const rows = kept.map((t) => this.row[t]);
    this.mlp.keepTrials(rows);
    this.optimizer.keepTrials(rows);
    this.stack = kept;
    this.row = this.trials.map((_, t) => kept.indexOf(t));
  }

  /** Trains every trial to its last epoch, ending each (onEnd) as soon as it stops, fails or finishes. */
  async run(): Promise<void> {
    const { tf } = this;
    const trainTensors = datasetTensors(tf, this.train);
    const testTensors = this.test && numRows(this.test) > 0 ? datasetTensors(tf, this.test) : null;
    try {
      const lastEpoch = Math.max(...this.trials.map((t) => t.config.epochs)) - 1;
      for (let epoch = 0; epoch <= lastEpoch && this.live.some(Boolean); epoch++) {
        this.endAborted();
        if (!this.live.some(Boolean)) break;
        this.compact();
        await this.epoch(epoch, trainTensors, testTensors);
      }
      this.trials.forEach((_, t) => this.end(t, { result: this.result(t) }));
    } catch (error) {
      this.trials.forEach((_, t) => this.end(t, { error }));
    } finally {
      tf.dispose([trainTensors.xs, trainTensors.ys, ...(testTensors ? [testTensors.xs, testTensors.ys] : [])]);
      this.mlp.dispose();
      this.optimizer.dispose();
    }
    for (const [t, end] of this.lastEnds) this.onEnd(t, end);
  }

  private result(t: number): TrainResult {
    return { history: this.histories[t], aborted: this.trials[t].options.signal?.aborted ?? false };
  }

  private end(t: number, end: TrialEnd): void {
    if (!this.live[t]) return;
    this.live[t] = false;
    if ('result' in end) this.mlp.writeWeights(this.row[t], this.trials[t].model);
    // The last trial to end hears of it only once every tensor is disposed, so a caller that has awaited every
    // trial finds nothing left behind.
    if (this.live.some(Boolean)) this.onEnd(t, end);
    else this.lastEnds.push([t, end]);
  }

  /** Ends, at the end of a batch, every trial whose signal aborted; the unfinished epoch is not reported. */
  private endAborted(): void {
    this.trials.forEach((trial, t) => {
      if (trial.options.signal?.aborted) this.end(t, { result: this.result(t) });
    });
  }

  /** A live trial's afterBatch; one that throws ends that trial alone, as it would end its own fit. */
  private async afterBatch(trial: StackedTrial, t: number): Promise<void> {
    if (!this.live[t]) return;
    try {
      await trial.options.afterBatch?.();
    } catch (error) {
      this.end(t, { error });
    }
  }

  /** Every stacked trial's row order for the epoch (its own seeded shuffle), trial after trial: [T × n]. */
  private shuffled(epoch: number): Int32Array {
    const n = numRows(this.train);
    const order = new Int32Array(this.stack.length * n);
    this.stack.forEach((t, row) => {
      const { seed } = this.trials[t].config;
      order.set(permutation(n, mulberry32(deriveSeed(seed, SEED_STREAM.shuffle, epoch))), row * n);
    });
    return order;
  }

  /**
   * One batch's step; returns the trials' losses (penalties included) and metric values, [T] each. Each trial's
   * batch is gathered from the data here rather than from a shuffled copy made per epoch, which would hold T
   * copies of the training data at once.
   */
  private step(all: { xs: Tensor; ys: Tensor }, order: Int32Array, start: number, size: number): [Tensor, Tensor] {
    const { tf, mlp } = this;
    const trials = this.stack.length;
    const n = order.length / trials;
    const batchRows = new Int32Array(trials * size);
    for (let row = 0; row < trials; row++) {
      batchRows.set(order.subarray(row * n + start, row * n + start + size), row * size);
    }
    return tf.tidy(() => {
      const index = tf.tensor1d(batchRows, 'int32');
      const batch = (data: Tensor) => tf.reshape(tf.gather(data, index), [trials, size, data.shape[1] as number]);
      const [x, y] = [batch(all.xs), batch(all.ys)];
      let losses: Tensor | null = null;
      let metrics: Tensor | null = null;
      const { grads } = tf.variableGrads(() => {
        const predicted = mlp.predict(x);
        const perRow = this.lossFns.loss(y, predicted);
        metrics = tf.keep(tf.mean(this.lossFns.metric(y, predicted), 1));
        losses = tf.keep(mlp.addPenalties(tf.mean(perRow, 1)));
        return tf.sum(losses);
      }, mlp.variables());
      mlp.maskGradients(grads);
      this.optimizer.apply(mlp.variables(), grads);
      return [losses as unknown as Tensor, metrics as unknown as Tensor];
    });
  }

  /** fit's validation: loss and metric [T] of the current weights on the test rows, in batches. */
  private async validate(test: { xs: Tensor; ys: Tensor }, batchSize: number): Promise<[Float32Array, Float32Array]> {
    const { tf } = this;
    const n = test.xs.shape[0];
    const sizes = batches(n, batchSize).map(([, size]) => size);
    const means = tf.tidy(() => {
      // Every row's loss is computed on its own, so one pass over all rows gives what batch after batch gives.
      const predicted = this.mlp.predict(tf.expandDims(test.xs, 0));
      const ys = tf.expandDims(test.ys, 0);
      const loss = batchMeans(tf, this.lossFns.loss(ys, predicted), sizes);
      const metric = batchMeans(tf, this.lossFns.metric(ys, predicted), sizes);
      return tf.stack([loss, metric]);
    });
    const values = (await means.data()) as Float32Array;
    means.dispose();
    const trials = this.stack.length;
    const batchCount = sizes.length;
    const reduce = (offset: number) =>
      Float32Array.from({ length: trials }, (_, t) =>
        validationMean(values.subarray(offset + t * batchCount, offset + (t + 1) * batchCount), sizes),
      );
    return [reduce(0), reduce(trials * batchCount)];
  }

  private async epoch(epoch: number, all: { xs: Tensor; ys: Tensor }, test: { xs: Tensor; ys: Tensor } | null) {
    const { tf } = this;
    const trials = this.stack.length;
    const batchSize = this.trials[0].config.batchSize;
    const order = this.shuffled(epoch);
    const started = performance.now();
    const stepLosses: Tensor[] = [];
    const stepMetrics: Tensor[] = [];
    const sizes: number[] = [];
    try {
      for (const [start, size] of batches(numRows(this.train), batchSize)) {
        const [loss, metric] = this.step(all, order, start, size);
        stepLosses.push(loss);
        stepMetrics.push(metric);
        sizes.push(size);
        await Promise.all(this.trials.map((trial, t) => this.afterBatch(trial, t)));
        this.endAborted();
        if (!this.live.some(Boolean)) return;
      }
      const validation = test ? await this.validate(test, batchSize) : null;
      const stacked = tf.tidy(() => tf.stack([tf.stack(stepLosses), tf.stack(stepMetrics)]));
      const values = (await stacked.data()) as Float32Array;
      stacked.dispose();
      const elapsed = performance.now() - started;
      const half = sizes.length * trials;
      await Promise.all(
        this.trials.map(async (trial, t) => {
          if (!this.live[t]) return;
          const row = this.row[t];
          const metrics: EpochMetrics = {};
          if (validation) {
            metrics.val_loss = validation[0][row];
            metrics[`val_${this.lossFns.metricName}`] = validation[1][row];
          }
          metrics.loss = epochMean(column(values.subarray(0, half), trials, row), sizes);
          metrics[this.lossFns.metricName] = epochMean(column(values.subarray(half), trials, row), sizes);
          metrics.epoch_time_ms = elapsed;
          metrics.samples_per_sec = numRows(this.train) / (elapsed / 1000);
          this.histories[t].push(metrics);
          this.mlp.writeWeights(row, trial.model);
          try {
            await trial.options.onEpochEnd?.(epoch, metrics);
          } catch (error) {
            this.end(t, { error });
            return;
          }
          if (epoch === trial.config.epochs - 1) this.end(t, { result: this.result(t) });
        }),
      );
    } finally {
      tf.dispose([...stepLosses, ...stepMetrics]);
    }
  }
}
