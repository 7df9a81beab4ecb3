import type { Direction } from './definition';
import type { TrialSettings } from './expand';

/**
 * pending → running → done | failed | killed. A pending trial that a cancel reaches is `cancelled`: it never
 * started, so it has no run.
 */
export type TrialState = 'pending' | 'running' | 'done' | 'failed' | 'killed' | 'cancelled';

export interface Trial {
  index: number;
  settings: TrialSettings;
  state: TrialState;
  runId?: string;
  startedAt?: number;
  endedAt?: number;
  /** The sweep metric's final value, for done trials. */
  value?: number;
  error?: string;
  /** Stopped early by the median rule: ended FINISHED but marked, and not a candidate for best. */
  stoppedEarly?: boolean;
}

const NEXT: Record<TrialState, TrialState[]> = {
  pending: ['running', 'cancelled'],
  running: ['done', 'failed', 'killed'],
  done: [],
  failed: [],
  killed: [],
  cancelled: [],
};

export interface QueueProgress {
  total: number;
  counts: Record<TrialState, number>;
  /** Fraction of trials in a final state. */
  fraction: number;
  /** Estimated ms until every trial ends, from the mean duration of ended trials; null before any ended. */
  remainingMs: number | null;
}

/** The sweep's bookkeeping, separate from workers so it can be tested and rendered as is. */
export class TrialQueue {
  readonly trials: Trial[];

  constructor(settings: TrialSettings[]) {
    this.trials = settings.map((s, index) => ({ index, settings: s, state: 'pending' }));
  }

  private move(index: number, to: TrialState, now: number): Trial {
    const trial = this.trials[index];
    if (!trial) throw new Error(`No trial ${index}.`);
    if (!NEXT[trial.state].includes(to)) throw new Error(`Trial ${index} cannot go from ${trial.state} to ${to}.`);
    trial.state = to;
    if (to === 'running') trial.startedAt = now;
    else trial.endedAt = now;
    return trial;
  }

  /** Takes the next pending trial and marks it running, or null when none is left. */
  start(now = Date.now()): Trial | null {
    const next = this.trials.find((t) => t.state === 'pending');
    return next ? this.startAt(next.index, now) : null;
  }

  /** Marks trial `index` running (a batch starts its trials together, not in queue order). */
  startAt(index: number, now = Date.now()): Trial {
    return this.move(index, 'running', now);
  }

  attachRun(index: number, runId: string): void {
    this.trials[index].runId = runId;
  }

  finish(index: number, value: number | undefined, options: { stoppedEarly?: boolean } = {}, now = Date.now()): void {
    const t = this.move(index, 'done', now);
    t.value = value;
    t.stoppedEarly = options.stoppedEarly;
  }

  fail(index: number, error: string, now = Date.now()): void {
    this.move(index, 'failed', now).error = error;
  }

  kill(index: number, now = Date.now()): void {
    this.move(index, 'killed', now);
  }

  /** Cancels every pending trial; running ones are the caller's to kill. */
  cancelPending(now = Date.now()): void {
    for (const t of this.trials) if (t.state === 'pending') this.move(t.index, 'cancelled', now);
  }

  get finished(): boolean {
    return this.trials.every((t) => t.state !== 'pending' && t.state !== 'running');
  }

  progress(poolSize: number, now = Date.now()): QueueProgress {
    const counts: Record<TrialState, number> = { pending: 0, running: 0, done: 0, failed: 0, killed: 0, cancelled: 0 };
    for (const t of this.trials) counts[t.state]++;
    const ended = this.trials.filter((t) => t.startedAt !== undefined && t.endedAt !== undefined);
    const final = this.trials.length - counts.pending - counts.running;
    let remainingMs: number | null = null;
    if (ended.length > 0) {
      const mean = ended.reduce((s, t) => s + (t.endedAt! - t.startedAt!), 0) / ended.length;
      const runningLeft = this.trials
        .filter((t) => t.state === 'running')
        .reduce((s, t) => s + Math.max(0, mean - (now - t.startedAt!)), 0);
      remainingMs = (counts.pending * mean + runningLeft) / Math.max(1, poolSize);
    }
    return {
      total: this.trials.length,
      counts,
      fraction: this.trials.length ? final / this.trials.length : 1,
      remainingMs,
    };
  }

  /** The done trial with the best metric value (ties: the earlier trial); null when none has a value. */
  best(direction: Direction): Trial | null {
    let best: Trial | null = null;
    for (const t of this.trials) {
      if (t.state !== 'done' || t.stoppedEarly || t.value === undefined || Number.isNaN(t.value)) continue;
      if (!best || (direction === 'minimize' ? t.value < best.value! : t.value > best.value!)) best = t;
    }
    return best;
  }
}
