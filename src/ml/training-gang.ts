/**
 * Batched sweep trials: T trials that call trainModel at about the same time in one worker are trained together
 * as one stacked model (stacked-training.ts), each still reporting its own epochs to its own caller exactly as
 * trainModel would. The caller (workers/train-gang.ts) runs each trial's tracked training with `gang.member(i)`
 * as its trainer; the gang starts once every member has called or left.
 *
 * Exactness: on the cpu backend a trial's metrics and weights equal those of the same trial trained alone with
 * trainModel (the unit test measures the difference; see test/unit/ml/training-gang.test.ts for the tolerance).
 */
import { numFeatures, type Dataset } from './dataset';
import { isCnn } from './image-model-config';
import type { ModelConfig } from './model-config';
import { StackedTraining, type StackedTrial, type TrialEnd } from './stacked-training';
import type { TrialShape } from './stacked-mlp';
import type { LayersModel, Tf } from './tf-types';
import { trainModel, type TrainOptions, type TrainResult } from './train';

/**
 * Trials whose configs give the same key can train together; null when a config cannot be batched at all.
 * - A CNN: convolutions have no stacked form here (a grouped convolution per trial would be T ops again).
 * - Dropout > 0: tfjs draws a dropout mask per layer call from its own seeded generator, one mask shape per
 *   model; one stacked call cannot reproduce T trials' separate mask streams, so the metrics would differ.
 * Inside one key, hidden widths, learning rate, seed, L1/L2 rates and epochs may differ (a trial with fewer
 * epochs ends earlier, alone). The backend is in the key because the gang trains on one backend.
 */
export function batchCompatibilityKey(config: ModelConfig): string | null {
  if (isCnn(config) || config.dropout > 0) return null;
  const { hiddenLayers, activation, optimizer, batchSize, backend, inputFeatures } = config;
  return JSON.stringify({ depth: hiddenLayers.length, activation, optimizer, batchSize, backend, inputFeatures });
}

/** What a key holds, in words, for an error naming what two trials disagree on. */
const KEY_WORDS = 'the number of hidden layers, activation, optimizer, batch size, backend and input features';

interface MemberCall {
  index: number;
  model: LayersModel;
  train: Dataset;
  test: Dataset | null;
  config: ModelConfig;
  options: TrainOptions;
  resolve: (result: TrainResult) => void;
  reject: (error: unknown) => void;
}

function sameArray(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameData(a: Dataset | null, b: Dataset | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.task === b.task &&
    a.numClasses === b.numClasses &&
    sameArray(a.featureNames, b.featureNames) &&
    sameArray(a.x, b.x) &&
    sameArray(a.y, b.y)
  );
}

/** A plain dense stack's widths, input first, output last; null for any other model (dropout, convolutions). */
function denseWidths(model: LayersModel): number[] | null {
  if (!model.layers.every((layer) => layer.getClassName() === 'Dense')) return null;
  const kernels = model.layers.map((layer) => layer.getWeights()[0].shape as [number, number]);
  return [kernels[0][0], ...kernels.map((shape) => shape[1])];
}

/** The layer widths a config builds for `data`: input features, hidden layers, outputs. */
function trialWidths(config: ModelConfig, data: Dataset): number[] {
  return [numFeatures(data), ...config.hiddenLayers, data.task === 'classification' ? data.numClasses : 1];
}

/** Why a call cannot train in a batch at all, in words; null when it can. */
function ownProblem({ index, model, train, config, options }: MemberCall): string | null {
  const trial = `Trial ${index + 1}`;
  if ((options.firstEpoch ?? 0) !== 0) return `${trial} resumes at epoch ${options.firstEpoch}: train it on its own.`;
  if (batchCompatibilityKey(config) === null) {
    return `${trial} cannot train in a batch (a CNN or dropout above 0 cannot be stacked): train it on its own.`;
  }
  const widths = denseWidths(model);
  const expected = trialWidths(config, train);
  if (!widths || !sameArray(widths, expected)) {
    return `${trial}'s model is not the dense network its config and data describe (${expected.join('-')}): build it with buildModel.`;
  }
  return null;
}

/** Why a call cannot train in the same batch as `reference`, in words; null when it can. */
function mismatch(call: MemberCall, reference: MemberCall): string | null {
  const [trial, other] = [`Trial ${call.index + 1}`, `trial ${reference.index + 1}`];
  if (batchCompatibilityKey(call.config) !== batchCompatibilityKey(reference.config)) {
    return `${trial} cannot train in one batch with ${other}: trials in a batch must share ${KEY_WORDS}.`;
  }
  if (!sameData(call.train, reference.train) || !sameData(call.test, reference.test)) {
    return `${trial}'s data differ from ${other}'s: a batch trains every trial on the same rows. Give it the same dataset, split and seed, or train it on its own.`;
  }
  return null;
}

export class TrainingGang {
  private readonly slots: (MemberCall | 'left' | undefined)[];
  private started = false;

  constructor(
    private readonly tf: Tf,
    size: number,
  ) {
    if (!(Number.isInteger(size) && size >= 1))
      throw new Error(`A training gang needs at least 1 member, got ${size}.`);
    this.slots = Array.from({ length: size }, () => undefined);
  }

  /** `trainModel`'s exact signature. The gang starts training once all `size` members have called (or left). */
  member(index: number): typeof trainModel {
    this.checkIndex(index);
    return (_tf, model, train, test, config, options = {}) =>
      new Promise<TrainResult>((resolve, reject) => {
        if (this.slots[index] !== undefined) {
          reject(new Error(`Gang member ${index + 1} has already called or left; each member trains once.`));
          return;
        }
        this.slots[index] = { index, model, train, test, config, options, resolve, reject };
        this.startWhenComplete();
      });
  }

  /** A member that will never call (its run failed before training, e.g. bad data) — the others do not wait. */
  leave(index: number): void {
    this.checkIndex(index);
    if (this.slots[index] !== undefined) return;
    this.slots[index] = 'left';
    this.startWhenComplete();
  }

  private checkIndex(index: number): void {
    if (!(Number.isInteger(index) && index >= 0 && index < this.slots.length)) {
      throw new Error(`Gang member index must be 0 to ${this.slots.length - 1}, got ${index}.`);
    }
  }

  private startWhenComplete(): void {
    if (this.started || this.slots.some((slot) => slot === undefined)) return;
    this.started = true;
    const calls = this.slots.filter((slot): slot is MemberCall => slot !== undefined && slot !== 'left');
    void this.train(calls);
  }

  private async train(calls: MemberCall[]): Promise<void> {
    const accepted: MemberCall[] = [];
    for (const call of calls) {
      const problem = ownProblem(call) ?? (accepted.length > 0 ? mismatch(call, accepted[0]) : null);
      if (problem) call.reject(new Error(problem));
      else accepted.push(call);
    }
    if (accepted.length === 0) return;
    if (accepted.length === 1) {
      const [only] = accepted;
      await trainModel(this.tf, only.model, only.train, only.test, only.config, only.options).then(
        only.resolve,
        only.reject,
      );
      return;
    }
    const { train, test } = accepted[0];
    const shapes: TrialShape[] = accepted.map(({ config, train: data }) => ({
      widths: trialWidths(config, data),
      l1: config.l1,
      l2: config.l2,
    }));
    const trials: StackedTrial[] = accepted.map(({ model, config, options }) => ({ model, config, options }));
    const settle = (i: number, end: TrialEnd) => {
      if ('result' in end) accepted[i].resolve(end.result);
      else accepted[i].reject(end.error);
    };
    try {
      await new StackedTraining(this.tf, trials, shapes, train, test, settle).run();
    } catch (error) {
      accepted.forEach((call) => call.reject(error));
    }
  }
}
