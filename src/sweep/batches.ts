/**
 * Which trials of a sweep train together. A small trial spends most of its time in per-op overhead, not
 * arithmetic, so trials that can share one stacked model (the same batch key from src/ml/training-gang.ts, and the
 * same data) train as one batch in one worker for little more than the cost of one. Everything else trains alone,
 * as before.
 */
import type { TrialQueue } from './trial-queue';

/** Indices of trials that train together in one worker, in trial order. */
export type TrialBatch = number[];

export interface BatchOptions {
  /** Workers in the pool: a group is split into at most this many batches, so every worker has one. */
  poolSize: number;
  /**
   * The median stopping rule judges a trial only against finished ones, and batch members finish together: the
   * first this-many trials of a group train as a batch of their own, so the rest can be judged against them.
   */
  firstWave?: number;
  /** At most this many trials in one batch (memory, and the stacked model's cost grows with it). */
  maxBatch?: number;
}

/**
 * A cap on one stacked model (its memory grows with its trials), not a measured optimum: a 1000-trial random
 * search on one worker trains as batches of 32, one after another.
 */
export const MAX_BATCH = 32;

/** `n` items in `parts` runs of near-equal length, in order. */
function chunks(items: number[], parts: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const end = start + Math.ceil((items.length - start) / (parts - p));
    out.push(items.slice(start, end));
    start = end;
  }
  return out.filter((c) => c.length > 0);
}

/**
 * Groups trials by `keys` (null: the trial cannot batch, it trains alone) into batches. A group is split evenly
 * over the pool's workers (and into pieces of at most `maxBatch`); batches come in the order of their first trial.
 */
export function planBatches(keys: readonly (string | null)[], options: BatchOptions): TrialBatch[] {
  const maxBatch = Math.max(1, options.maxBatch ?? MAX_BATCH);
  const groups = new Map<string, number[]>();
  const batches: TrialBatch[] = [];
  keys.forEach((key, index) => {
    if (key === null) batches.push([index]);
    else groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  for (const group of groups.values()) {
    const wave = options.firstWave ?? 0;
    const waves = wave > 0 && group.length > wave ? [group.slice(0, wave), group.slice(wave)] : [group];
    for (const trials of waves) {
      const parts = Math.max(Math.ceil(trials.length / maxBatch), Math.min(options.poolSize, trials.length));
      batches.push(...chunks(trials, parts));
    }
  }
  return batches.sort((a, b) => a[0] - b[0]);
}

/**
 * Marks the next trials to train running and returns their indices: the next batch with a pending trial (its
 * pending trials), or, for a worker that cannot train a batch, the next pending trial alone; [] when none is left.
 */
export function startNextTrials(queue: TrialQueue, batches: readonly TrialBatch[], together: boolean): number[] {
  if (!together) {
    const trial = queue.start();
    return trial ? [trial.index] : [];
  }
  const now = Date.now();
  for (const batch of batches) {
    const pending = batch.filter((i) => queue.trials[i].state === 'pending');
    if (pending.length > 0) return pending.map((i) => queue.startAt(i, now).index);
  }
  return [];
}
