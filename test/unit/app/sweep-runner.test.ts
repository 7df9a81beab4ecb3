import { describe, expect, it, vi } from 'vitest';
import type { SweepDefinition, SweepSnapshot } from '../../../src/sweep';
import { SweepRunner, type Trainer } from '../../../src/app/sweep-runner';
import { SweepPool } from '../../../src/app/sweep-service';
import { freshTracking } from '../helpers';
import { base, byConfig, FakeTrainer, grid, runSweep, type Script } from './sweep-fakes';

describe('SweepRunner', () => {
  it('runs a 2 × 2 grid on a pool of 2: a parent with the definition, four child runs, the best named', async () => {
    const tracking = await freshTracking();
    const { result, parent, children, trainers, snapshots } = await runSweep(
      tracking,
      { definition: grid, base, poolSize: 2 },
      byConfig,
    );

    expect(result.status).toBe('finished');
    expect(FakeTrainer.mostAtOnce).toBe(2);
    expect(trainers).toHaveLength(2);
    expect(trainers.every((t) => t.disposed)).toBe(true);
    expect(children.map((c) => c.info.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
    expect(children.map((c) => [c.data.params.learning_rate, c.data.params.hidden_layers])).toEqual([
      ['0.01', '[2]'],
      ['0.01', '[8]'],
      ['0.1', '[2]'],
      ['0.1', '[8]'],
    ]);
    expect(children[0].data.tags['mlflow.parentRunId']).toBe(parent.info.runId);

    expect(parent.info.status).toBe('FINISHED');
    expect(parent.data.params).toMatchObject({
      'sweep.method': 'grid',
      'sweep.metric': 'val_loss',
      'sweep.direction': 'minimize',
      'sweep.trials': '4',
      'sweep.pool_size': '2',
      epochs: '4',
      dataset: 'spiral',
    });
    expect(parent.data.params.learning_rate).toBeUndefined();
    expect(parent.data.params.hidden_layers).toBeUndefined();
    expect(JSON.parse(parent.data.params['sweep.space.learningRate'])).toEqual({ kind: 'values', values: [0.01, 0.1] });
    const sweepJson = JSON.parse(await (await tracking.getArtifact(parent.info.runId, 'sweep.json')).text());
    expect(sweepJson).toMatchObject({ format: 'tabflow.sweep/1', definition: grid, poolSize: 2 });
    expect(sweepJson.trials).toHaveLength(4);

    const best = children[3];
    expect(parent.data.tags['tabflow.sweep.best_run_id']).toBe(best.info.runId);
    expect(parent.data.tags['tabflow.sweep.best_trial']).toBe('4');
    expect(parent.data.tags['tabflow.sweep.best_run_name']).toBe(best.info.runName);
    expect(parent.data.metrics.best_val_loss.value).toBeCloseTo(1 / 8);
    expect(result.best).toMatchObject({ index: 3, runId: best.info.runId });
    // The queue went through running to done, and the progress reached the end.
    expect(snapshots.some((s) => s.progress.counts.running === 2)).toBe(true);
    expect(result.progress).toMatchObject({ fraction: 1, counts: { done: 4 } });
  });

  it('keeps going past a failed trial, which is never the best', async () => {
    const tracking = await freshTracking();
    const failBest: Script = (r) => ({
      ...byConfig(r),
      fail: r.model.learningRate === 0.1 && r.model.hiddenLayers[0] === 8 ? 'NaN loss' : undefined,
    });
    const { result, parent, children } = await runSweep(tracking, { definition: grid, base, poolSize: 2 }, failBest);
    expect(result.status).toBe('finished');
    expect(children.map((c) => c.info.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FAILED']);
    expect(result.trials[3]).toMatchObject({ state: 'failed', error: 'NaN loss' });
    expect(parent.info.status).toBe('FINISHED');
    expect(parent.data.tags['tabflow.sweep.best_run_id']).toBe(children[2].info.runId);
  });

  it('cancel kills the running trials, never starts the pending ones, and ends the parent KILLED', async () => {
    const tracking = await freshTracking();
    const slow: Script = () => ({ losses: Array(200).fill(1), epochMs: 10 });
    const { result, parent, children, runs } = await runSweep(
      tracking,
      { definition: grid, base, poolSize: 2 },
      slow,
      (_runner, cancel) => {
        setTimeout(() => cancel.abort(), 80);
      },
    );
    expect(result.status).toBe('cancelled');
    expect(runs.filter((r) => r.info.status === 'RUNNING')).toEqual([]);
    expect(children.map((c) => c.info.status)).toEqual(['KILLED', 'KILLED']);
    expect(result.progress.counts).toMatchObject({ killed: 2, cancelled: 2, pending: 0, running: 0 });
    expect(parent.info.status).toBe('KILLED');
    expect(parent.data.tags['tabflow.sweep.best_run_id']).toBeUndefined();
  });

  it('stops a hopeless trial by the median rule, marks it, and does not count it as best', async () => {
    const tracking = await freshTracking();
    // One worker, so trials 1 and 2 complete before trial 3 (far worse from its first epoch) is judged.
    const curves: Script = (r) => ({
      losses: r.model.learningRate === 0.5 ? [9, 9, 9, 9, 9, 9, 9, 9] : [2, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2],
    });
    const def: SweepDefinition = {
      method: 'grid',
      space: { learningRate: { kind: 'values', values: [0.01, 0.1, 0.5] } },
      metric: 'val_loss',
      direction: 'minimize',
      earlyStopping: { minCompletedTrials: 2, minEpochs: 2 },
    };
    const model = { ...base.model, epochs: 8 };
    const { result, children } = await runSweep(
      tracking,
      { definition: def, base: { ...base, model }, poolSize: 1 },
      curves,
    );
    expect(result.status).toBe('finished');
    const stopped = children[2];
    expect(stopped.info.status).toBe('FINISHED');
    expect(stopped.data.tags['tabflow.sweep.stopped_early']).toBe('median rule at epoch 2');
    expect((await tracking.getMetricHistory(stopped.info.runId, 'val_loss')).values.length).toBeLessThan(8);
    expect(result.trials[2]).toMatchObject({ state: 'done', stoppedEarly: true });
    expect(result.best?.index).toBe(0);
  });

  it('ends a trial run left RUNNING by a worker stopped before it reported the run', async () => {
    const tracking = await freshTracking();
    let orphanId = '';
    const silent: Trainer = {
      async train(signal, request) {
        // The worker created the run, then was terminated before its "started" message arrived.
        const run = await tracking.startRun({ parentRunId: request.parentRunId, tags: request.tags });
        orphanId = run.id;
        if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        throw new DOMException('stopped', 'AbortError');
      },
    };
    const runner = new SweepRunner(
      tracking,
      () => silent,
      { definition: grid, base, poolSize: 1 },
      () => {},
    );
    await runner.open();
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 30);
    const result = await runner.run(cancel.signal);
    expect((await tracking.getRun(orphanId)).info.status).toBe('KILLED');
    expect(result.trials[0]).toMatchObject({ state: 'killed', runId: orphanId });
  });

  it('refuses a plan that cannot run before writing anything', async () => {
    const tracking = await freshTracking();
    const bad: SweepDefinition = { ...grid, space: { epochs: { kind: 'values', values: [0] } } };
    expect(
      () =>
        new SweepRunner(
          tracking,
          () => new FakeTrainer(tracking, byConfig),
          { definition: bad, base, poolSize: 2 },
          () => {},
        ),
    ).toThrow(/Trial 1 \(epochs=0\) cannot train/);
    expect(
      () =>
        new SweepRunner(
          tracking,
          () => new FakeTrainer(tracking, byConfig),
          { definition: grid, base, poolSize: 0 },
          () => {},
        ),
    ).toThrow(/pool size/);
    expect(await tracking.searchRuns()).toEqual([]);
  });
});

describe('SweepPool (the sweeps service)', () => {
  it('holds the sweep for any subscriber, allows one at a time, and reports its end', async () => {
    const tracking = await freshTracking();
    const pool = new SweepPool(tracking, () => new FakeTrainer(tracking, byConfig));
    const seen: (SweepSnapshot | null)[] = [];
    const unsubscribe = pool.subscribe((s) => seen.push(s));
    expect(seen).toEqual([null]);
    await pool.start({ definition: grid, base, poolSize: 2 });
    await expect(pool.start({ definition: grid, base, poolSize: 2 })).rejects.toThrow(/already running/);
    unsubscribe();
    // A late subscriber (a page opened again) gets the current state at once, then the end.
    const ended = await new Promise<SweepSnapshot>((resolve) =>
      pool.subscribe((s) => s?.status === 'finished' && resolve(s)),
    );
    expect(ended.best?.index).toBe(3);
    expect(pool.current?.status).toBe('finished');
    await expect(pool.start({ definition: { ...grid, space: {} }, base, poolSize: 2 })).rejects.toThrow(
      'Mark at least one setting as swept.',
    );
    expect(pool.current?.status).toBe('finished');
  });

  it('starts the workers of the next sweep ahead (prepare), and the sweep trains on them', async () => {
    const tracking = await freshTracking();
    class WarmableTrainer extends FakeTrainer {
      warmedUp = false;
      warmUp(): void {
        this.warmedUp = true;
      }
    }
    const made: WarmableTrainer[] = [];
    const pool = new SweepPool(tracking, () => {
      const trainer = new WarmableTrainer(tracking, byConfig);
      made.push(trainer);
      return trainer;
    });
    vi.stubGlobal('navigator', { hardwareConcurrency: 3 });
    try {
      pool.prepare(1);
      pool.prepare(1); // a second call starts no more
      expect(made).toHaveLength(1);
      expect(made[0].warmedUp).toBe(true);
      pool.prepare(1000); // never more than the cores
      expect(made).toHaveLength(3);
      expect(made.every((t) => t.warmedUp)).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }

    await pool.start({ definition: grid, base, poolSize: 2 });
    const ended = await new Promise<SweepSnapshot>((resolve) =>
      pool.subscribe((s) => s?.status === 'finished' && resolve(s)),
    );
    expect(ended.progress.counts.done).toBe(4);
    // The sweep's two slots took warm trainers (none made anew); the third stays warm for the next sweep.
    expect(made).toHaveLength(3);
    expect(made.filter((t) => t.disposed)).toHaveLength(2);
  });
});
