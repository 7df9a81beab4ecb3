import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import { generateDataset } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { splitDataset } from '../../../src/ml/split';
import { trainInSteps, type StepCommand } from '../../../src/ml/stepped-training';
import { trainModel } from '../../../src/ml/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

afterEach(() => {
  vi.restoreAllMocks();
});

// 60 training rows in batches of 20: an epoch is three batch steps.
const config: ModelConfig = { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [6, 6], epochs: 1, batchSize: 20, seed: 5 };
const { train, test } = splitDataset(generateDataset('spiral', { numPoints: 80, noise: 0, seed: 2 }), 0.25, 2);
/** How long the person thinks before each step after the first. */
const THINKING_MS = 60_000;

/**
 * The clock the training reads, which moves on by THINKING_MS each time the training waits for the person's next
 * step: the wait then shows in an epoch's time exactly when the training counts it.
 */
function thinkingClock(): () => void {
  let thought = 0;
  const now = performance.now.bind(performance);
  vi.spyOn(performance, 'now').mockImplementation(() => now() + thought);
  return () => {
    thought += THINKING_MS;
  };
}

async function stepThrough(first: 'epoch' | 'batch', then: StepCommand[]) {
  const think = thinkingClock();
  const queue = [...then];
  const model = buildModel(tf, config, 2, 'classification', 2);
  const logged: Record<string, number>[] = [];
  const result = await trainInSteps(tf, model, train, test, config, {
    first,
    nextStep: async () => {
      think();
      return queue.shift() ?? 'end';
    },
    onEpochEnd: (_, metrics) => void logged.push(metrics),
  });
  model.dispose();
  return { result, logged };
}

describe('trainInSteps', () => {
  it('logs epoch_time_ms and samples_per_sec for an epoch trained batch by batch, as a normal epoch does', async () => {
    const model = buildModel(tf, config, 2, 'classification', 2);
    const normal = await trainModel(tf, model, train, test, config);
    model.dispose();
    const { result, logged } = await stepThrough('batch', ['batch', 'batch', 'end']);
    expect(result.history).toHaveLength(1);
    expect(logged).toEqual(result.history);
    const [epoch] = result.history;
    expect(Object.keys(epoch).sort()).toEqual(Object.keys(normal.history[0]).sort());
    expect(epoch.epoch_time_ms).toBeGreaterThan(0);
    expect(epoch.samples_per_sec).toBeCloseTo(60 / (epoch.epoch_time_ms / 1000), 6);
  });

  it("counts only the batches' and the evaluation's time, not the person's thinking between the steps", async () => {
    // Two waits of a minute each fall inside this epoch's three batch steps.
    const { result } = await stepThrough('batch', ['batch', 'batch', 'end']);
    expect(result.history[0].epoch_time_ms).toBeLessThan(THINKING_MS);
  });

  it('times an epoch that batch steps began and an Epoch step finished the same way', async () => {
    const { result } = await stepThrough('batch', ['epoch', 'end']);
    expect(result.history).toHaveLength(1);
    expect(result.history[0].epoch_time_ms).toBeGreaterThan(0);
    expect(result.history[0].epoch_time_ms).toBeLessThan(THINKING_MS);
  });
});
