import type { QueueProgress, Trial } from './trial-queue';

/** A trial as the queue view shows it: the queue's record plus how far its training got. */
export interface TrialView extends Trial {
  epochs: number;
  epochsDone: number;
  /** The sweep metric's latest value while it trains (its final value is `value`). */
  latest?: number;
}

/**
 * Time left, in ms. Once a trial has ended the queue's estimate (mean trial duration) holds; before that, the
 * running trials' pace so far (time per epoch) predicts a trial's length, so the first minutes have a figure too.
 */
export function estimateRemainingMs(
  trials: TrialView[],
  progress: QueueProgress,
  poolSize: number,
  now: number,
): number | null {
  if (progress.remainingMs !== null) return progress.remainingMs;
  const paced = trials.filter((t) => t.state === 'running' && t.startedAt !== undefined && t.epochsDone > 0);
  if (paced.length === 0) return null;
  const lengths = paced.map((t) => ((now - t.startedAt!) / t.epochsDone) * t.epochs);
  const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const runningLeft = paced.reduce((s, t, i) => s + Math.max(0, lengths[i] - (now - t.startedAt!)), 0);
  const unpacedRunning = trials.filter((t) => t.state === 'running').length - paced.length;
  return ((progress.counts.pending + unpacedRunning) * mean + runningLeft) / Math.max(1, poolSize);
}
