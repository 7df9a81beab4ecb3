import { describe, expect, it } from 'vitest';
import { planBatches, startNextTrials, TrialQueue } from '../../../src/sweep';

describe('planBatches', () => {
  it('puts trials with the same key in one batch on a pool of one, and a null key alone', () => {
    expect(planBatches(['a', 'a', null, 'a', 'b', 'b'], { poolSize: 1 })).toEqual([[0, 1, 3], [2], [4, 5]]);
  });

  it('splits a group evenly over the pool, so every worker gets a batch', () => {
    const keys = Array.from({ length: 8 }, () => 'mlp');
    expect(planBatches(keys, { poolSize: 2 })).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(planBatches(keys.slice(0, 3), { poolSize: 4 })).toEqual([[0], [1], [2]]);
  });

  it('caps a batch at maxBatch', () => {
    const keys = Array.from({ length: 7 }, () => 'k');
    expect(planBatches(keys, { poolSize: 1, maxBatch: 3 })).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('trains the first wave apart for the median rule, which judges only against finished trials', () => {
    const keys = Array.from({ length: 8 }, () => 'k');
    expect(planBatches(keys, { poolSize: 1, firstWave: 2 })).toEqual([
      [0, 1],
      [2, 3, 4, 5, 6, 7],
    ]);
    // A group no larger than the wave is one batch.
    expect(planBatches(['k', 'k'], { poolSize: 1, firstWave: 2 })).toEqual([[0, 1]]);
  });

  it('makes every trial a batch of one when nothing is compatible', () => {
    expect(planBatches([null, null, null], { poolSize: 2 })).toEqual([[0], [1], [2]]);
  });
});

describe('startNextTrials', () => {
  const settings = Array.from({ length: 5 }, (_, i) => ({ seed: i }));

  it('starts a whole batch at once, then the next batch', () => {
    const queue = new TrialQueue(settings);
    const batches = [[0, 2, 4], [1], [3]];
    expect(startNextTrials(queue, batches, true)).toEqual([0, 2, 4]);
    expect(queue.trials.map((t) => t.state)).toEqual(['running', 'pending', 'running', 'pending', 'running']);
    expect(startNextTrials(queue, batches, true)).toEqual([1]);
    expect(startNextTrials(queue, batches, true)).toEqual([3]);
    expect(startNextTrials(queue, batches, true)).toEqual([]);
  });

  it('gives a worker that cannot batch one trial at a time, in queue order', () => {
    const queue = new TrialQueue(settings);
    const batches = [[0, 2, 4], [1], [3]];
    expect([0, 1, 2].map(() => startNextTrials(queue, batches, false))).toEqual([[0], [1], [2]]);
  });

  it('skips trials a cancel reached', () => {
    const queue = new TrialQueue(settings);
    queue.cancelPending();
    expect(startNextTrials(queue, [[0, 1, 2, 3, 4]], true)).toEqual([]);
  });
});
