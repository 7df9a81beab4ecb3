/**
 * The sweep runner's test doubles: a scripted trainer at the worker boundary (see FakeTrainer) and a helper that
 * runs a sweep and reads back its parent and children. Shared by the runner's tests with and without batches.
 */
import { DEFAULT_DATASET_CONFIG } from '../../../src/ml/dataset-config';
import { configToParams, DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import type { TrackingClient } from '../../../src/tracking';
import type { SweepDefinition, SweepPlan, SweepSnapshot, TrialBase } from '../../../src/sweep';
import { SweepRunner, type Trainer } from '../../../src/app/sweep-runner';
import type { GangMember } from '../../../src/app/training-gang-call';

export const base: TrialBase = {
  source: { kind: 'generated', config: { ...DEFAULT_DATASET_CONFIG } },
  model: { ...DEFAULT_MODEL_CONFIG, epochs: 4, hiddenLayers: [8], inputFeatures: [] },
};
export const grid: SweepDefinition = {
  method: 'grid',
  space: { learningRate: { kind: 'values', values: [0.01, 0.1] }, hiddenUnits: { kind: 'values', values: [2, 8] } },
  metric: 'val_loss',
  direction: 'minimize',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Script = (request: TrainRequest) => { losses: number[]; fail?: string; epochMs?: number };

/**
 * Stands in for the worker boundary (TrainingBridge): writes a real run through the tracking client, reports
 * 'started' and each epoch, and on abort ends the run KILLED as the bridge does after terminating its worker.
 */
export class FakeTrainer implements Trainer {
  static running = 0;
  static mostAtOnce = 0;
  static created = 0;
  disposed = false;

  constructor(
    private readonly tracking: TrackingClient,
    private readonly script: Script,
  ) {
    FakeTrainer.created++;
  }

  async train(
    signal: AbortSignal,
    request: TrainRequest,
    onProgress: (p: TrainProgress) => void,
  ): Promise<TrainOutcome> {
    FakeTrainer.running++;
    FakeTrainer.mostAtOnce = Math.max(FakeTrainer.mostAtOnce, FakeTrainer.running);
    try {
      const run = await this.tracking.startRun({
        experimentId: request.experimentId,
        runName: request.runName,
        parentRunId: request.parentRunId,
        tags: request.tags,
      });
      await run.logParams(configToParams(request.model));
      onProgress({ type: 'started', runId: run.id, backend: 'fake', epochs: request.model.epochs });
      const { losses, fail, epochMs = 5 } = this.script(request);
      for (let epoch = 0; epoch < losses.length; epoch++) {
        await sleep(epochMs);
        if (signal.aborted) {
          await this.tracking.setTerminated(run.id, 'KILLED');
          return { runId: run.id, status: 'KILLED' };
        }
        if (fail && epoch === 1) {
          await run.end('FAILED');
          return { runId: run.id, status: 'FAILED', error: fail };
        }
        run.logMetric('val_loss', losses[epoch], epoch);
        await run.flush();
        onProgress({ type: 'epoch', epoch, metrics: { val_loss: losses[epoch] } });
      }
      await run.end('FINISHED');
      return { runId: run.id, status: 'FINISHED' };
    } finally {
      FakeTrainer.running--;
    }
  }

  dispose(): void {
    this.disposed = true;
  }
}

/**
 * A FakeTrainer whose worker trains batches: every member of a batch trains at once (each its own run, progress,
 * Stop and outcome, as the gang call gives them); `batches` records the trials' names per batch.
 */
export class FakeBatchTrainer extends FakeTrainer {
  static batches: string[][] = [];

  trainTogether(members: GangMember[]): Promise<TrainOutcome>[] {
    FakeBatchTrainer.batches.push(members.map((m) => m.request.runName ?? ''));
    return members.map((m) => this.train(m.signal, m.request, m.onProgress));
  }
}

/** Loss falls with the learning rate and the units, so trial 4 (0.1, 8 units) is the best. */
export const byConfig: Script = (r) => {
  const final = 1 / (r.model.learningRate * 10 * r.model.hiddenLayers[0]);
  return { losses: [2, 1.5, 1.2, final] };
};

export async function runSweep(
  tracking: TrackingClient,
  plan: SweepPlan,
  script: Script,
  during?: (runner: SweepRunner, cancel: AbortController) => void,
  Kind: typeof FakeTrainer = FakeTrainer,
) {
  FakeTrainer.running = 0;
  FakeTrainer.mostAtOnce = 0;
  FakeTrainer.created = 0;
  FakeBatchTrainer.batches = [];
  const trainers: FakeTrainer[] = [];
  const snapshots: SweepSnapshot[] = [];
  const runner = new SweepRunner(
    tracking,
    () => {
      const t = new Kind(tracking, script);
      trainers.push(t);
      return t;
    },
    plan,
    (s) => snapshots.push(s),
  );
  await runner.open();
  const cancel = new AbortController();
  during?.(runner, cancel);
  const result = await runner.run(cancel.signal);
  const runs = await tracking.searchRuns();
  const parent = runs.find((r) => r.info.runId === result.parentRunId)!;
  const children = runs
    .filter((r) => r.info.parentRunId === parent.info.runId)
    .sort(
      (a, b) => Number(a.data.tags['tabflow.sweep.trial_index']) - Number(b.data.tags['tabflow.sweep.trial_index']),
    );
  return { result, parent, children, trainers, snapshots, runs };
}
