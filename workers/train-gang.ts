/**
 * A batched sweep's trials in one worker: T tracked trainings run at once, each with its own run, Stop signal and
 * progress, and one TrainingGang (src/ml/training-gang.ts) trains their models together as one stacked model.
 * Each trial goes through runTrackedTraining exactly as a trial trained alone — the same params, input, metrics,
 * model, pictures and replay — only its training loop is its gang member.
 */
import type { TrackingClient } from '../src/tracking';
import { TrainingGang } from '../src/ml/training-gang';
import type { Tf } from '../src/ml/tf-types';
import type { trainModel } from '../src/ml/train';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../src/ml/training-messages';
import { errorMessage } from '../src/shared/errors';
import { ReplayBudget } from './train-pictures';
import { runTrackedTraining, type TrainHooks } from './train-run';

/** How a member ended: its run's outcome, or why its run could not even start (in words). */
export type GangMemberResult = { outcome: TrainOutcome } | { error: string };

/** What every member shares: the backend, the picture painters, the flush cadence. */
export type SharedTrainHooks = Omit<TrainHooks, 'signal' | 'onProgress' | 'trainer' | 'nextStep' | 'replayBudget'>;

export interface GangHooks {
  shared: SharedTrainHooks;
  /** Member i's Stop: it stops that member alone (the sweep's Cancel aborts them all). */
  signals: readonly AbortSignal[];
  onProgress?: (index: number, progress: TrainProgress) => void;
  /** Member i's run has ended (or could not start): the page learns it at once, not when the last member ends. */
  onSettled?: (index: number, result: GangMemberResult) => void;
}

/** Trains `requests` together and records each as its own run; resolves once every member's run has ended. */
export function runGangTraining(
  tf: Tf,
  tracking: TrackingClient,
  requests: readonly TrainRequest[],
  hooks: GangHooks,
): Promise<GangMemberResult[]> {
  if (requests.some((r) => r.stepped))
    throw new Error('A stepped training cannot train in a batch: step it on its own.');
  const gang = new TrainingGang(tf, requests.length);
  // The members train as one, so their replay snapshots share one training time: alone, each would count the
  // others' snapshots as its own training time and take ~T times as many.
  const replayBudget = new ReplayBudget(requests.length);
  return Promise.all(
    requests.map(async (request, index): Promise<GangMemberResult> => {
      const member = gang.member(index);
      let joined = false;
      const trainer: typeof trainModel = (...args) => {
        joined = true;
        return member(...args);
      };
      let result: GangMemberResult;
      try {
        const outcome = await runTrackedTraining(tf, tracking, request, {
          ...hooks.shared,
          signal: hooks.signals[index],
          onProgress: (progress) => hooks.onProgress?.(index, progress),
          trainer,
          replayBudget,
        });
        result = { outcome };
      } catch (error) {
        result = { error: errorMessage(error) };
      } finally {
        // A member that ended before training (its data failed, or a Stop came first) must not hold up the rest.
        if (!joined) gang.leave(index);
      }
      hooks.onSettled?.(index, result);
      return result;
    }),
  );
}
