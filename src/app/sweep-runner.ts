/**
 * Runs one sweep: a parent run, then its trials on a pool of trainers (one worker each), every trial a child run.
 * Each pool slot takes the next pending batch until none is left, so a slow trial never holds up the others: a
 * batch is a group of compatible trials the worker trains together as one stacked model (batches.ts), or one
 * trial alone. Each member of a batch still has its own run, progress, outcome and stop.
 * Cancel aborts every running trial through the trainer's AbortSignal (the training bridge asks its worker to stop,
 * which ends the run KILLED after committing every finished epoch, and terminates it if it does not answer) and
 * leaves pending trials unstarted; a failed trial is recorded and the sweep goes on.
 */
import type { TrainOutcome, TrainProgress, TrainRequest } from '../ml/training-messages';
import { describeSource } from '../ml/dataset-source';
import { batchCompatibilityKey } from '../ml/training-gang';
import { DEFAULT_EXPERIMENT_ID, type ActiveRun, type TrackingClient } from '../tracking';
import {
  checkPoolSize,
  describeSettings,
  estimateRemainingMs,
  planTrials,
  planBatches,
  shouldStopEarly,
  startNextTrials,
  TrialQueue,
  type TrialBatch,
  type PlannedTrial,
  type SweepPlan,
  type SweepSnapshot,
  type SweepStatus,
  type TrialView,
} from '../sweep';
import { errorMessage, isAbortError } from '../shared/errors';
import type { GangMember } from './training-gang-call';
import { endParentRun, startParentRun, SWEEP_TAGS } from './sweep-parent';

/** The worker boundary: the training bridge in the app, an in-process double in unit tests. */
export interface Trainer {
  train(
    signal: AbortSignal,
    request: TrainRequest,
    onProgress: (progress: TrainProgress) => void,
  ): Promise<TrainOutcome>;
  /**
   * Trains compatible trials together in one worker, one promise per member (settled when its run ends); a
   * trainer without it trains every trial alone.
   */
  trainTogether?(members: GangMember[]): Promise<TrainOutcome>[];
  /** Starts the trainer's worker ahead of its first trial, so a sweep trains as soon as it starts. */
  warmUp?(): void;
  /** Lets the trainer's worker go once the sweep no longer needs it. */
  dispose?(): void;
}

/** Trials batch when their model configs allow one stacked model (the same key) and they read the same data. */
export function trialBatchKey({ config }: PlannedTrial): string | null {
  const key = batchCompatibilityKey(config.model);
  return key === null ? null : JSON.stringify([key, describeSource(config.source)]);
}

/** Epoch progress from every worker is coalesced into at most one redraw per this many ms. */
const EMIT_EVERY_MS = 200;

interface TrialProgress {
  runName: string;
  epochs: number;
  epochsDone: number;
  /** The sweep metric per finished epoch (index = epoch). */
  history: number[];
}

export class SweepRunner {
  private readonly planned: PlannedTrial[];
  private readonly queue: TrialQueue;
  private readonly batches: TrialBatch[];
  private readonly trialProgress: TrialProgress[];
  /** The metric histories of trials that ran to the end: the median stopping rule's reference. */
  private readonly completed: number[][] = [];
  private readonly stop = new AbortController();
  private readonly experimentId: string;
  private status: SweepStatus = 'starting';
  private parent: ActiveRun | null = null;
  private parentRunName = '';
  private best: SweepSnapshot['best'] = null;
  private message: string | undefined;
  private readonly startedAt = Date.now();
  private endedAt: number | undefined;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;

  /** Throws a SweepDefinitionError, in words, when the plan cannot run; nothing is written then. */
  constructor(
    private readonly tracking: TrackingClient,
    private readonly createTrainer: () => Trainer,
    private readonly plan: SweepPlan,
    private readonly onChange: (snapshot: SweepSnapshot) => void,
  ) {
    checkPoolSize(plan.poolSize);
    this.planned = planTrials(plan.definition, plan.base);
    this.queue = new TrialQueue(this.planned.map((t) => t.settings));
    const { earlyStopping } = plan.definition;
    this.batches =
      plan.batch === false
        ? this.planned.map((_, i) => [i])
        : planBatches(this.planned.map(trialBatchKey), {
            poolSize: plan.poolSize,
            firstWave: earlyStopping?.minCompletedTrials,
          });
    this.trialProgress = this.planned.map((t, index) => ({
      runName: `trial ${index + 1}: ${describeSettings(t.settings)}`,
      epochs: t.config.model.epochs,
      epochsDone: 0,
      history: [],
    }));
    this.experimentId = plan.experimentId ?? DEFAULT_EXPERIMENT_ID;
  }

  snapshot(now = Date.now()): SweepSnapshot {
    const trials: TrialView[] = this.queue.trials.map((t, i) => {
      const p = this.trialProgress[i];
      return { ...t, epochs: p.epochs, epochsDone: p.epochsDone, latest: p.history[p.history.length - 1] };
    });
    // A batch's members run at once: the time left divides by the trials running, not only by the workers.
    const atOnce = Math.max(this.plan.poolSize, trials.filter((t) => t.state === 'running').length);
    const progress = this.queue.progress(atOnce, now);
    const active = this.status === 'running' || this.status === 'starting';
    return {
      status: this.status,
      parentRunId: this.parent?.id ?? null,
      parentRunName: this.parentRunName,
      experimentId: this.experimentId,
      definition: this.plan.definition,
      poolSize: this.plan.poolSize,
      trials,
      progress,
      remainingMs: active ? estimateRemainingMs(trials, progress, atOnce, now) : null,
      best: this.best,
      message: this.message,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
    };
  }

  /** Creates the parent run (recording the definition); throws when it cannot, with nothing left running. */
  async open(): Promise<void> {
    this.parent = await startParentRun(this.tracking, this.plan, this.planned);
    this.parentRunName = (await this.tracking.getRun(this.parent.id)).info.runName;
    this.status = 'running';
    this.emitNow();
  }

  /** Runs every trial and ends the parent run; never rejects (a failure ends the sweep 'failed', in words). */
  async run(signal: AbortSignal): Promise<SweepSnapshot> {
    const parent = this.parent;
    if (!parent) throw new Error('SweepRunner.open() must succeed before run().');
    const onCancel = () => {
      if (this.status === 'running') this.status = 'cancelling';
      this.queue.cancelPending();
      this.stop.abort();
      this.emitNow();
    };
    if (signal.aborted) onCancel();
    else signal.addEventListener('abort', onCancel, { once: true });
    try {
      const slots = Math.min(this.plan.poolSize, this.planned.length);
      const results = await Promise.allSettled(Array.from({ length: slots }, () => this.slot()));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      await this.endOrphanTrials();
      if (failure) throw failure.reason;
      this.best = this.pickBest();
      const { counts } = this.queue.progress(this.plan.poolSize);
      if (!this.best && counts.done > 0)
        this.message = `No finished trial logged "${this.plan.definition.metric}", so no best trial is named.`;
      this.status = signal.aborted ? 'cancelled' : 'finished';
      this.endedAt = Date.now();
      await endParentRun(parent, this.snapshot(), signal.aborted ? 'KILLED' : 'FINISHED');
    } catch (error) {
      await this.fail(parent, error);
    } finally {
      signal.removeEventListener('abort', onCancel);
      this.emitNow();
    }
    return this.snapshot();
  }

  private async fail(parent: ActiveRun, error: unknown): Promise<void> {
    this.stop.abort();
    this.queue.cancelPending();
    this.status = 'failed';
    this.endedAt = Date.now();
    this.message = `The sweep stopped: ${errorMessage(error)}`;
    await parent.setTag('tabflow.error', this.message.slice(0, 5000)).catch(() => {});
    await parent.end('FAILED').catch(() => this.tracking.setTerminated(parent.id, 'FAILED').catch(() => {}));
  }

  /** One pool slot: a trainer that takes pending batches (or trials) one after another. */
  private async slot(): Promise<void> {
    const trainer = this.createTrainer();
    const together = trainer.trainTogether !== undefined;
    try {
      while (!this.stop.signal.aborted) {
        const indices = startNextTrials(this.queue, this.batches, together);
        if (indices.length === 0) return;
        this.emitNow();
        await this.runTrials(trainer, indices);
      }
    } catch (error) {
      // A bookkeeping write failed (not a trial): stop the other slots too, so the sweep ends as one.
      this.stop.abort();
      throw error;
    } finally {
      trainer.dispose?.();
    }
  }

  /** Trains `indices` (one trial, or a batch trained together) and settles each as its run ends. */
  private async runTrials(trainer: Trainer, indices: number[]): Promise<void> {
    const trials = indices.map((index) => this.trialCall(index, indices.length));
    try {
      const calls = trials.map((t) => t.call);
      const outcomes =
        trainer.trainTogether && calls.length > 1
          ? trainer.trainTogether(calls)
          : calls.map((c) => trainer.train(c.signal, c.request, c.onProgress));
      await Promise.all(trials.map((t, k) => t.settle(outcomes[k])));
    } finally {
      this.emitNow();
    }
  }

  /** One trial's request, Stop (the sweep's Cancel, or the median rule) and progress, and how it settles. */
  private trialCall(
    index: number,
    batchSize: number,
  ): { call: GangMember; settle: (o: Promise<TrainOutcome>) => Promise<void> } {
    const { config } = this.planned[index];
    const progress = this.trialProgress[index];
    const { metric, direction, earlyStopping } = this.plan.definition;
    const controller = new AbortController();
    const abortTrial = () => controller.abort();
    this.stop.signal.addEventListener('abort', abortTrial, { once: true });
    let stoppedEarly = false;
    const request: TrainRequest = {
      ...config,
      experimentId: this.experimentId,
      runName: progress.runName,
      parentRunId: this.parent!.id,
      tags: {
        [SWEEP_TAGS.role]: 'trial',
        [SWEEP_TAGS.trialIndex]: String(index + 1),
        ...(batchSize > 1 ? { [SWEEP_TAGS.batchSize]: String(batchSize) } : {}),
      },
      liveBoundary: false,
    };
    const onProgress = (p: TrainProgress) => {
      if (p.type === 'started') {
        this.queue.attachRun(index, p.runId);
        progress.epochs = p.epochs;
      } else if (p.type === 'epoch') {
        progress.epochsDone = p.epoch + 1;
        const value = p.metrics[metric];
        if (value !== undefined) progress.history.push(value);
        if (
          earlyStopping &&
          !controller.signal.aborted &&
          shouldStopEarly(progress.history, this.completed, direction, earlyStopping)
        ) {
          stoppedEarly = true;
          controller.abort();
        }
      }
      this.scheduleEmit();
    };
    const settle = async (outcome: Promise<TrainOutcome>) => {
      try {
        await this.settle(index, await outcome, stoppedEarly && !this.stop.signal.aborted);
      } catch (error) {
        if (!isAbortError(error)) this.queue.fail(index, errorMessage(error));
        // Aborted before its run existed: the trial never trained.
        else this.queue.kill(index);
      } finally {
        this.stop.signal.removeEventListener('abort', abortTrial);
        this.emitNow();
      }
    };
    return { call: { signal: controller.signal, request, onProgress }, settle };
  }

  private async settle(index: number, outcome: TrainOutcome, stoppedEarly: boolean): Promise<void> {
    this.queue.attachRun(index, outcome.runId);
    const history = this.trialProgress[index].history;
    if (outcome.status === 'FINISHED') {
      const run = await this.tracking.getRun(outcome.runId);
      this.queue.finish(index, run.data.metrics[this.plan.definition.metric]?.value);
      this.completed.push(history);
    } else if (outcome.status === 'KILLED' && stoppedEarly) {
      // The rule stopped it on purpose: the run did what was asked of it, so it ends FINISHED, marked.
      const run = await this.tracking.resumeRun(outcome.runId);
      await run.setTag(SWEEP_TAGS.stoppedEarly, `median rule at epoch ${history.length}`);
      await this.tracking.setTerminated(outcome.runId, 'FINISHED');
      this.queue.finish(index, history[history.length - 1], { stoppedEarly: true });
    } else if (outcome.status === 'KILLED') {
      this.queue.kill(index);
    } else {
      this.queue.fail(index, outcome.error ?? 'the trial failed without a reason');
    }
  }

  /**
   * A worker terminated (after its grace period) between creating its run and reporting it leaves that run RUNNING with no one to end it;
   * any child still RUNNING once every slot has stopped is such a run, so it ends KILLED here.
   */
  private async endOrphanTrials(): Promise<void> {
    if (!this.parent) return;
    const orphans = await this.tracking.searchRuns({
      experimentIds: [this.experimentId],
      filter: `tags.\`mlflow.parentRunId\` = '${this.parent.id}' and attributes.status = 'RUNNING'`,
    });
    for (const run of orphans) {
      await this.tracking.setTerminated(run.info.runId, 'KILLED');
      const trial = this.queue.trials[Number(run.data.tags[SWEEP_TAGS.trialIndex]) - 1];
      if (trial && !trial.runId) this.queue.attachRun(trial.index, run.info.runId);
    }
  }

  private pickBest(): SweepSnapshot['best'] {
    const best = this.queue.best(this.plan.definition.direction);
    if (!best || !best.runId || best.value === undefined) return null;
    return { index: best.index, runId: best.runId, runName: this.trialProgress[best.index].runName, value: best.value };
  }

  private scheduleEmit(): void {
    this.emitTimer ??= setTimeout(() => this.emitNow(), EMIT_EVERY_MS);
  }

  private emitNow(): void {
    if (this.emitTimer !== null) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.onChange(this.snapshot());
  }
}
