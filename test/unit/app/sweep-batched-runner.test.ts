import { describe, expect, it } from 'vitest';
import type { SweepDefinition } from '../../../src/sweep';
import { freshTracking } from '../helpers';
import { base, byConfig, FakeBatchTrainer, FakeTrainer, grid, runSweep, type Script } from './sweep-fakes';

const names = (n: number[]) => n.map((i) => expect.stringMatching(new RegExp(`^trial ${i}:`)));

describe('SweepRunner with batches (compatible trials trained together)', () => {
  it('trains a compatible 2 × 2 grid as one batch on one worker, each trial its own child run', async () => {
    const tracking = await freshTracking();
    const { result, parent, children } = await runSweep(
      tracking,
      { definition: grid, base, poolSize: 1 },
      byConfig,
      undefined,
      FakeBatchTrainer,
    );
    expect(FakeBatchTrainer.batches).toEqual([names([1, 2, 3, 4])]);
    expect(FakeTrainer.mostAtOnce).toBe(4);
    expect(result.status).toBe('finished');
    expect(children.map((c) => c.info.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
    expect(children.map((c) => c.data.tags['tabflow.sweep.batch_size'])).toEqual(['4', '4', '4', '4']);
    expect(children.map((c) => c.data.tags['tabflow.sweep.trial_index'])).toEqual(['1', '2', '3', '4']);
    expect(parent.data.params['sweep.train_together']).toBe('true');
    expect(result.best?.index).toBe(3);
  });

  it('splits a group over the pool: two batches of two on two workers', async () => {
    const tracking = await freshTracking();
    const { result } = await runSweep(
      tracking,
      { definition: grid, base, poolSize: 2 },
      byConfig,
      undefined,
      FakeBatchTrainer,
    );
    expect(FakeBatchTrainer.batches).toEqual([names([1, 2]), names([3, 4])]);
    expect(result.progress.counts.done).toBe(4);
  });

  it('trains one trial at a time when training together is off, and records the choice on the parent', async () => {
    const tracking = await freshTracking();
    const { parent, children } = await runSweep(
      tracking,
      { definition: grid, base, poolSize: 1, batch: false },
      byConfig,
      undefined,
      FakeBatchTrainer,
    );
    expect(FakeBatchTrainer.batches).toEqual([]);
    expect(FakeTrainer.mostAtOnce).toBe(1);
    expect(children.every((c) => c.data.tags['tabflow.sweep.batch_size'] === undefined)).toBe(true);
    expect(parent.data.params['sweep.train_together']).toBe('false');
  });

  it('a failed member does not stop its batch: the others finish', async () => {
    const tracking = await freshTracking();
    const failOne: Script = (r) => ({
      ...byConfig(r),
      fail: r.model.learningRate === 0.1 && r.model.hiddenLayers[0] === 2 ? 'NaN loss' : undefined,
    });
    const { result, children } = await runSweep(
      tracking,
      { definition: grid, base, poolSize: 1 },
      failOne,
      undefined,
      FakeBatchTrainer,
    );
    expect(FakeBatchTrainer.batches).toHaveLength(1);
    expect(children.map((c) => c.info.status)).toEqual(['FINISHED', 'FINISHED', 'FAILED', 'FINISHED']);
    expect(result.trials[2]).toMatchObject({ state: 'failed', error: 'NaN loss' });
    expect(result.best?.index).toBe(3);
  });

  it('Cancel stops every member of the running batch and ends the parent KILLED', async () => {
    const tracking = await freshTracking();
    const slow: Script = () => ({ losses: Array(200).fill(1), epochMs: 10 });
    const { result, parent, children, runs } = await runSweep(
      tracking,
      { definition: grid, base, poolSize: 1 },
      slow,
      (_runner, cancel) => setTimeout(() => cancel.abort(), 80),
      FakeBatchTrainer,
    );
    expect(result.status).toBe('cancelled');
    expect(runs.filter((r) => r.info.status === 'RUNNING')).toEqual([]);
    expect(children.map((c) => c.info.status)).toEqual(['KILLED', 'KILLED', 'KILLED', 'KILLED']);
    expect(result.progress.counts).toMatchObject({ killed: 4, cancelled: 0 });
    expect(parent.info.status).toBe('KILLED');
  });

  it('the median rule stops one member of a batch; its batch-mates train every epoch', async () => {
    const tracking = await freshTracking();
    const curves: Script = (r) => ({
      losses: r.model.learningRate === 0.5 ? [9, 9, 9, 9, 9, 9, 9, 9] : [2, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2],
    });
    const def: SweepDefinition = {
      method: 'grid',
      space: { learningRate: { kind: 'values', values: [0.01, 0.1, 0.5, 0.02, 0.03] } },
      metric: 'val_loss',
      direction: 'minimize',
      earlyStopping: { minCompletedTrials: 2, minEpochs: 2 },
    };
    const model = { ...base.model, epochs: 8 };
    const { result, children } = await runSweep(
      tracking,
      { definition: def, base: { ...base, model }, poolSize: 1 },
      curves,
      undefined,
      FakeBatchTrainer,
    );
    // The first two train apart, so the rule has finished trials to judge the second batch by.
    expect(FakeBatchTrainer.batches).toEqual([names([1, 2]), names([3, 4, 5])]);
    expect(children[2].data.tags['tabflow.sweep.stopped_early']).toBe('median rule at epoch 2');
    expect(children[2].info.status).toBe('FINISHED');
    for (const mate of [children[3], children[4]]) {
      expect(mate.data.tags['tabflow.sweep.stopped_early']).toBeUndefined();
      expect((await tracking.getMetricHistory(mate.info.runId, 'val_loss')).values).toHaveLength(8);
    }
    expect(result.trials[2]).toMatchObject({ state: 'done', stoppedEarly: true });
  });

  it('"Repeat with seeds" batches its repeats (only the model seed differs); with data seeds each repeat trains alone', async () => {
    const tracking = await freshTracking();
    const repeat = (dataSeeds: boolean): SweepDefinition => ({
      method: 'grid',
      space: {},
      metric: 'val_loss',
      direction: 'minimize',
      repeats: { seeds: 3, dataSeeds },
    });
    const seedsOnly = await runSweep(
      tracking,
      { definition: repeat(false), base, poolSize: 1 },
      byConfig,
      undefined,
      FakeBatchTrainer,
    );
    expect(FakeBatchTrainer.batches).toEqual([names([1, 2, 3])]);
    expect(seedsOnly.children.map((c) => c.data.params.seed)).toEqual(['1', '2', '3']);
    await runSweep(tracking, { definition: repeat(true), base, poolSize: 1 }, byConfig, undefined, FakeBatchTrainer);
    // Another data seed is another split: those trials cannot share one batch's rows.
    expect(FakeBatchTrainer.batches).toEqual([]);
    expect(FakeTrainer.mostAtOnce).toBe(1);
  });

  it('estimates the time left by the trials running together, not as if they queued on the one worker', async () => {
    const tracking = await freshTracking();
    const even: Script = () => ({ losses: Array(30).fill(1), epochMs: 20 });
    const checks: { estimate: number; oneTrialLeft: number }[] = [];
    await runSweep(
      tracking,
      { definition: grid, base: { ...base, model: { ...base.model, epochs: 30 } }, poolSize: 1 },
      even,
      (runner) => {
        const poll = setInterval(() => {
          const now = Date.now();
          const { trials, remainingMs } = runner.snapshot(now);
          if (trials.some((t) => t.state !== 'running')) return clearInterval(poll);
          if (remainingMs === null || trials.some((t) => t.epochsDone < 5)) return;
          // Each member's own pace says how long it has left; they train together, so that is the sweep's time left.
          const left = trials.map((t) => ((now - t.startedAt!) / t.epochsDone) * t.epochs - (now - t.startedAt!));
          checks.push({ estimate: remainingMs, oneTrialLeft: left.reduce((a, b) => a + b, 0) / left.length });
        }, 15);
      },
      FakeBatchTrainer,
    );
    expect(checks.length).toBeGreaterThan(0);
    for (const { estimate, oneTrialLeft } of checks) expect(estimate).toBeCloseTo(oneTrialLeft, 0);
  });
});
