import { describe, expect, it } from 'vitest';
import {
  countTrials,
  expandGrid,
  expandTrials,
  sampleRandom,
  shouldStopEarly,
  SweepDefinitionError,
  TrialQueue,
  type SweepDefinition,
  type SweepSpace,
} from '../../../src/sweep';

describe('grid expansion', () => {
  it('makes every combination, first key slowest', () => {
    const trials = expandGrid({
      learningRate: { kind: 'values', values: [0.1, 0.01] },
      hiddenLayers: { kind: 'values', values: [[4], [8, 8], [16]] },
    });
    expect(trials).toEqual([
      { learningRate: 0.1, hiddenLayers: [4] },
      { learningRate: 0.1, hiddenLayers: [8, 8] },
      { learningRate: 0.1, hiddenLayers: [16] },
      { learningRate: 0.01, hiddenLayers: [4] },
      { learningRate: 0.01, hiddenLayers: [8, 8] },
      { learningRate: 0.01, hiddenLayers: [16] },
    ]);
    expect(
      countTrials({
        method: 'grid',
        space: { a: { kind: 'values', values: [1, 2] }, b: { kind: 'values', values: [1, 2, 3] } },
        metric: 'm',
        direction: 'minimize',
      }),
    ).toBe(6);
  });

  it('rejects bad definitions with a message', () => {
    const base = { metric: 'val_loss', direction: 'minimize' } as const;
    expect(() => expandTrials({ ...base, method: 'grid', space: {} })).toThrow(SweepDefinitionError);
    expect(() =>
      expandTrials({
        ...base,
        method: 'grid',
        space: { lr: { kind: 'range', min: 0.001, max: 1, scale: 'log-uniform' } },
      }),
    ).toThrow(/grid sweep needs a list/);
    expect(() =>
      expandTrials({
        ...base,
        method: 'random',
        trials: 3,
        space: { lr: { kind: 'range', min: 0, max: 1, scale: 'log-uniform' } },
      }),
    ).toThrow(/above 0/);
    expect(() =>
      expandTrials({ ...base, method: 'random', trials: 0, space: { lr: { kind: 'values', values: [1] } } }),
    ).toThrow(/trials/);
    expect(() => expandTrials({ ...base, method: 'grid', space: { lr: { kind: 'values', values: [] } } })).toThrow(
      /no values/,
    );
  });
});

describe('random sampling', () => {
  const space: Record<string, SweepSpace> = {
    learningRate: { kind: 'range', min: 1e-4, max: 1, scale: 'log-uniform' },
    units: { kind: 'range', min: 2, max: 64, scale: 'uniform', integer: true },
    optimizer: { kind: 'values', values: ['adam', 'sgd'] },
  };

  it('is reproducible from its seed and differs across seeds', () => {
    const a = sampleRandom(space, 20, 7);
    expect(sampleRandom(space, 20, 7)).toEqual(a);
    expect(sampleRandom(space, 20, 8)).not.toEqual(a);
  });

  it('keeps log-uniform samples within bounds and spread over decades', () => {
    const trials = sampleRandom(space, 2000, 1);
    const lrs = trials.map((t) => t.learningRate as number);
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...lrs)).toBeLessThanOrEqual(1);
    // Log-uniform: about a quarter of the samples in each of the four decades.
    const below = lrs.filter((x) => x < 1e-3).length / lrs.length;
    expect(below).toBeGreaterThan(0.2);
    expect(below).toBeLessThan(0.3);
    const units = trials.map((t) => t.units as number);
    expect(units.every((u) => Number.isInteger(u) && u >= 2 && u <= 64)).toBe(true);
    expect(new Set(trials.map((t) => t.optimizer))).toEqual(new Set(['adam', 'sgd']));
  });

  it('draws `trials` settings for a random definition', () => {
    const def: SweepDefinition = {
      method: 'random',
      trials: 5,
      seed: 3,
      space: { ...space },
      metric: 'val_accuracy',
      direction: 'maximize',
    };
    expect(expandTrials(def)).toHaveLength(5);
    expect(countTrials(def)).toBe(5);
  });
});

describe('median stopping rule', () => {
  const opts = { minCompletedTrials: 2, minEpochs: 2 };
  const completed = [
    [1.0, 0.8, 0.6],
    [1.0, 0.7, 0.5],
    [1.0, 0.9, 0.7],
  ];

  it('stops a trial worse than the median at the same epoch', () => {
    expect(shouldStopEarly([1.0, 0.95], completed, 'minimize', opts)).toBe(true);
    expect(shouldStopEarly([1.0, 0.75], completed, 'minimize', opts)).toBe(false);
    expect(
      shouldStopEarly(
        [0.1, 0.1],
        completed.map((h) => h.map((v) => 1 - v)),
        'maximize',
        opts,
      ),
    ).toBe(true);
  });

  it('waits for enough epochs and completed trials', () => {
    expect(shouldStopEarly([5], completed, 'minimize', opts)).toBe(false);
    expect(shouldStopEarly([5, 5], completed.slice(0, 1), 'minimize', opts)).toBe(false);
    expect(shouldStopEarly([5, 5, 5, 5], completed, 'minimize', opts)).toBe(false);
  });

  it('treats NaN as worse', () => {
    expect(shouldStopEarly([1, NaN], completed, 'minimize', opts)).toBe(true);
  });
});

describe('trial queue', () => {
  it('moves trials pending → running → done/failed/killed and refuses other moves', () => {
    const q = new TrialQueue([{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }]);
    const t0 = q.start(0)!;
    const t1 = q.start(0)!;
    expect([t0.index, t1.index, t0.state]).toEqual([0, 1, 'running']);
    q.finish(0, 0.5, {}, 1000);
    q.fail(1, 'boom', 1000);
    expect(() => q.finish(1, 1)).toThrow(/cannot go from failed to done/);
    const t2 = q.start(1000)!;
    q.kill(t2.index, 1500);
    q.cancelPending(1500);
    expect(q.trials.map((t) => t.state)).toEqual(['done', 'failed', 'killed', 'cancelled']);
    expect(q.start()).toBeNull();
    expect(q.finished).toBe(true);
    expect(q.trials[1].error).toBe('boom');
  });

  it('reports progress and time remaining for the pool', () => {
    const q = new TrialQueue([{}, {}, {}, {}, {}]);
    expect(q.progress(2, 0).remainingMs).toBeNull();
    q.start(0);
    q.start(0);
    q.finish(0, 1, {}, 10_000);
    q.finish(1, 2, {}, 10_000);
    q.start(10_000);
    const p = q.progress(2, 14_000);
    expect(p.counts).toMatchObject({ done: 2, running: 1, pending: 2 });
    expect(p.fraction).toBeCloseTo(0.4);
    // Two pending trials of ~10 s on 2 workers, plus ~6 s left of the running one, shared by the pool.
    expect(p.remainingMs).toBeCloseTo((2 * 10_000 + 6_000) / 2);
  });

  it('names the best done trial by direction, skipping early-stopped and NaN', () => {
    const q = new TrialQueue([{}, {}, {}, {}]);
    for (let i = 0; i < 4; i++) q.start();
    q.finish(0, 0.9);
    q.finish(1, 0.95, { stoppedEarly: true });
    q.finish(2, NaN);
    q.finish(3, 0.7);
    expect(q.best('maximize')?.index).toBe(0);
    expect(q.best('minimize')?.index).toBe(3);
  });
});
