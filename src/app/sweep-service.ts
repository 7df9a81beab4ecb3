/**
 * The `sweeps` service: holds the one sweep in progress (or the last one) outside any page, so a person can
 * leave the Playground while it runs and come back to its queue, or to its result.
 */
import type { TrackingClient } from '../tracking';
import { defaultPoolSize, isActive, type SweepPlan, type SweepSnapshot } from '../sweep';
import type { SweepService } from '../ui/services';
import { SweepRunner, type Trainer } from './sweep-runner';

export class SweepPool implements SweepService {
  readonly defaultPoolSize = defaultPoolSize(globalThis.navigator?.hardwareConcurrency);
  private latest: SweepSnapshot | null = null;
  private readonly listeners = new Set<(snapshot: SweepSnapshot | null) => void>();
  private cancelSweep: AbortController | null = null;
  /** Trainers whose workers were started by prepare() and not yet taken by a sweep. */
  private readonly warm: Trainer[] = [];

  /** `createTrainer` makes one pool slot's trainer (a training bridge with its own worker). */
  constructor(
    private readonly tracking: TrackingClient,
    private readonly createTrainer: () => Trainer,
  ) {}

  get current(): SweepSnapshot | null {
    return this.latest;
  }

  subscribe(listener: (snapshot: SweepSnapshot | null) => void): () => void {
    this.listeners.add(listener);
    listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  async start(plan: SweepPlan): Promise<void> {
    if (isActive(this.latest))
      throw new Error('A sweep is already running: cancel it or wait for it to end before starting another.');
    const takeTrainer = () => this.warm.pop() ?? this.createTrainer();
    const runner = new SweepRunner(this.tracking, takeTrainer, plan, (s) => this.publish(s));
    const previous = this.latest;
    const cancel = new AbortController();
    this.cancelSweep = cancel;
    this.publish(runner.snapshot());
    try {
      await runner.open();
    } catch (error) {
      this.cancelSweep = null;
      this.publish(previous);
      throw error;
    }
    void runner.run(cancel.signal).then(() => {
      if (this.cancelSweep === cancel) this.cancelSweep = null;
    });
  }

  cancel(): void {
    this.cancelSweep?.abort();
  }

  prepare(poolSize: number): void {
    if (isActive(this.latest)) return;
    // More workers than cores would not start any sooner, and each holds its own copy of tfjs.
    const cores = globalThis.navigator?.hardwareConcurrency || 1;
    const wanted = Math.min(Math.max(1, Math.floor(poolSize) || 1), cores);
    while (this.warm.length < wanted) {
      const trainer = this.createTrainer();
      trainer.warmUp?.();
      this.warm.push(trainer);
    }
  }

  private publish(snapshot: SweepSnapshot | null): void {
    this.latest = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }
}
