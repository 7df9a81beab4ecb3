import * as Comlink from 'comlink';
import type { MetricHistory, TrackingClient } from '../../tracking';
import type { HistoryWorkerApi } from './history.worker';
import { HISTORY_BUCKETS, reduceHistory } from './reduce-history';

/**
 * Reads reduced metric histories through a worker (see history.worker.ts), started on first use and ended by
 * `dispose()`. Where workers are missing or the worker fails to start, it reads through the page's tracking
 * client instead — slower for huge histories, same result.
 */
export class HistoryReader {
  private worker: Worker | null = null;
  private api: Comlink.Remote<HistoryWorkerApi> | null = null;
  private workerFailed: Promise<never> | null = null;
  private workerBroken = typeof Worker === 'undefined';

  constructor(private readonly tracking: TrackingClient) {}

  async read(runId: string, key: string): Promise<MetricHistory> {
    const api = this.workerApi();
    if (api) {
      try {
        return await Promise.race([api.readReduced(this.tracking.db.name, runId, key, HISTORY_BUCKETS), this.workerFailed!]);
      } catch (error) {
        if (!this.workerBroken) throw error;
      }
    }
    return reduceHistory(await this.tracking.getMetricHistory(runId, key));
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private workerApi(): Comlink.Remote<HistoryWorkerApi> | null {
    if (this.workerBroken) return null;
    if (!this.api) {
      this.worker = new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'compare-histories' });
      // A worker that cannot start (blocked script, old browser) must not leave the charts waiting forever:
      // pending reads fail over to the page's thread.
      const worker = this.worker;
      this.workerFailed = new Promise<never>((_, reject) =>
        worker.addEventListener('error', () => {
          this.workerBroken = true;
          this.dispose();
          reject(new Error('The history worker stopped.'));
        }, { once: true }),
      );
      this.workerFailed.catch(() => {});
      this.api = Comlink.wrap<HistoryWorkerApi>(this.worker);
    }
    return this.api;
  }
}
