import type { PointBatch } from './metric-chunks';

export interface MetricBufferOptions {
  /** Flush this long after the first buffered point (ms). */
  flushDelayMs: number;
  /** Flush at once when this many points are waiting. */
  maxPoints: number;
}

/** metric key -> points waiting to be written */
export type BufferedPoints = Map<string, PointBatch>;

/**
 * Collects one run's `logMetric` calls in memory and hands them to `write` in one batch, so that a training loop pays one
 * IndexedDB transaction per flush instead of one per point. Flushes happen on a timer, on a size threshold and on
 * demand; they never overlap, and `flush()` resolves only once everything logged before it is committed.
 */
export class MetricBuffer {
  private pending: BufferedPoints = new Map();
  private pendingCount = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly write: (points: BufferedPoints) => Promise<void>,
    private readonly options: MetricBufferOptions,
    private readonly onBackgroundError: (error: unknown) => void,
  ) {}

  add(key: string, value: number, step: number, timestamp: number): void {
    let batch = this.pending.get(key);
    if (!batch) this.pending.set(key, (batch = { steps: [], values: [], timestamps: [] }));
    batch.steps.push(step);
    batch.values.push(value);
    batch.timestamps.push(timestamp);
    this.pendingCount++;
    if (this.pendingCount >= this.options.maxPoints) {
      void this.flush().catch(this.onBackgroundError);
    } else if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush().catch(this.onBackgroundError), this.options.flushDelayMs);
    }
  }

  /** Writes everything buffered so far; rejects with the write's error (the batch is then dropped, not retried). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const points = this.pending;
    const count = this.pendingCount;
    this.pending = new Map();
    this.pendingCount = 0;
    this.chain = this.chain.then(async () => {
      if (this.failure) throw this.failure;
      if (count === 0) return;
      try {
        await this.write(points);
      } catch (error) {
        this.failure = error;
        throw error;
      }
    });
    return this.chain;
  }

  get size(): number {
    return this.pendingCount;
  }
}
