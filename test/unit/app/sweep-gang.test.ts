import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { SweepDefinition, SweepPlan, TrialBase } from '../../../src/sweep';
import { SweepRunner } from '../../../src/app/sweep-runner';
import type { TrackingClient } from '../../../src/tracking';
import { freshTracking } from '../helpers';
import { InProcessTrainer } from './in-process-trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const base: TrialBase = {
  source: { kind: 'generated', config: { generator: 'spiral', numPoints: 120, noise: 5, testFraction: 0.25, seed: 3 } },
  model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [8], epochs: 5, batchSize: 16, backend: 'cpu' },
};
const grid: SweepDefinition = {
  method: 'grid',
  space: { learningRate: { kind: 'values', values: [0.01, 0.1] }, hiddenUnits: { kind: 'values', values: [4, 8] } },
  metric: 'val_loss',
  direction: 'minimize',
};
/** The gang's stated tolerance (test/unit/ml/training-gang.test.ts) for any epoch metric on the cpu backend. */
const TOLERANCE = 1e-6;
/** Wall-clock figures: a batch's epoch time is the stacked epoch's, by design. */
const TIMING = new Set(['epoch_time_ms', 'samples_per_sec']);

async function sweep(tracking: TrackingClient, plan: SweepPlan, during?: (cancel: AbortController) => void) {
  InProcessTrainer.gangSizes = [];
  const runner = new SweepRunner(
    tracking,
    () => new InProcessTrainer(tracking),
    plan,
    () => {},
  );
  await runner.open();
  const cancel = new AbortController();
  during?.(cancel);
  const result = await runner.run(cancel.signal);
  const children = (await tracking.searchRuns())
    .filter((r) => r.info.parentRunId === result.parentRunId)
    .sort(
      (a, b) => Number(a.data.tags['tabflow.sweep.trial_index']) - Number(b.data.tags['tabflow.sweep.trial_index']),
    );
  return { result, children, gangs: InProcessTrainer.gangSizes };
}

async function histories(tracking: TrackingClient, runId: string): Promise<Record<string, number[]>> {
  const run = await tracking.getRun(runId);
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(run.data.metrics)
    .filter((k) => !TIMING.has(k))
    .sort()) {
    out[key] = Array.from((await tracking.getMetricHistory(runId, key)).values);
  }
  return out;
}

describe('a batched sweep on the training worker code (in process, tfjs cpu)', () => {
  it('records each trial of one batch as its own child run with the metrics it gets trained alone', async () => {
    const batched = await freshTracking();
    const alone = await freshTracking();
    const together = await sweep(batched, { definition: grid, base, poolSize: 1 });
    const oneByOne = await sweep(alone, { definition: grid, base, poolSize: 1, batch: false });

    expect(together.gangs).toEqual([4]);
    expect(oneByOne.gangs).toEqual([]);
    expect(together.children.map((c) => c.info.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
    let worst = 0;
    for (let i = 0; i < 4; i++) {
      const [a, b] = [together.children[i], oneByOne.children[i]];
      expect(a.data.params).toEqual(b.data.params);
      expect(a.data.tags['tabflow.sweep.batch_size']).toBe('4');
      const [ha, hb] = [await histories(batched, a.info.runId), await histories(alone, b.info.runId)];
      expect(Object.keys(ha)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
      expect(Object.keys(ha)).toEqual(Object.keys(hb));
      for (const key of Object.keys(ha)) {
        expect(ha[key]).toHaveLength(5);
        ha[key].forEach((v, e) => (worst = Math.max(worst, Math.abs(v - hb[key][e]))));
      }
      // Each child keeps its own model and pictures, as a trial trained alone does.
      const files = (await batched.listArtifacts(a.info.runId)).map((f) => f.path);
      expect(files).toEqual(expect.arrayContaining(['model/model.json', 'confusion_matrix.json']));
    }
    expect(worst).toBeLessThanOrEqual(TOLERANCE);
    expect(together.result.best?.index).toBe(oneByOne.result.best?.index);
  }, 120_000);

  it('Cancel stops every member of the running batch at its next batch; each run ends KILLED with its finished epochs', async () => {
    const tracking = await freshTracking();
    const long: TrialBase = { ...base, model: { ...base.model, epochs: 400 } };
    const { result, children } = await sweep(tracking, { definition: grid, base: long, poolSize: 1 }, (cancel) =>
      setTimeout(() => cancel.abort(), 1500),
    );
    expect(result.status).toBe('cancelled');
    expect(children.map((c) => c.info.status)).toEqual(['KILLED', 'KILLED', 'KILLED', 'KILLED']);
    for (const child of children) {
      const epochs = (await tracking.getMetricHistory(child.info.runId, 'loss')).values.length;
      expect(epochs).toBeGreaterThan(0);
      expect(epochs).toBeLessThan(400);
    }
  }, 120_000);

  it('the median rule stops one member of a batch early; the rest of its batch trains on to the end', async () => {
    const tracking = await freshTracking();
    // Trials 1 and 2 train first (the rule's reference); trial 3, with a learning rate too small to learn, is judged, and trial 4 (trial 2 again) is not.
    const def: SweepDefinition = {
      method: 'grid',
      space: { learningRate: { kind: 'values', values: [0.1, 0.05, 1e-6, 0.05] } },
      metric: 'val_loss',
      direction: 'minimize',
      earlyStopping: { minCompletedTrials: 2, minEpochs: 3 },
    };
    const model = { ...base.model, epochs: 12 };
    const { result, children, gangs } = await sweep(tracking, {
      definition: def,
      base: { ...base, model },
      poolSize: 1,
    });
    expect(gangs).toEqual([2, 2]);
    expect(children[2].data.tags['tabflow.sweep.stopped_early']).toMatch(/^median rule at epoch \d+$/);
    expect(children[2].info.status).toBe('FINISHED');
    expect((await tracking.getMetricHistory(children[2].info.runId, 'val_loss')).values.length).toBeLessThan(12);
    expect(children[3].data.tags['tabflow.sweep.stopped_early']).toBeUndefined();
    expect((await tracking.getMetricHistory(children[3].info.runId, 'val_loss')).values).toHaveLength(12);
    expect(result.trials[3].state).toBe('done');
  }, 120_000);
});
