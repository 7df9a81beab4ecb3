import type * as Comlink from 'comlink';
import type { MetricHistory, TrackingClient } from '../../tracking';
import type { HistoryWorkerApi } from '../../../workers/history.worker';
import { HISTORY_BUCKETS, reduceHistory } from '../../charts/reduce-history';
import { BAND_BUCKETS, reduceBand } from '../../charts/reduce-band';
import { computeBand, onBandAxis, type Band, type BandAxis, type BandRun } from '../../stats/bands';
import { paramImportance, type ImportanceInput, type ImportanceResult } from '../../stats/importance';
import { WorkerBridge, WorkerFailedError } from '../../shared/worker-bridge';

/**
 * Reads reduced metric histories through a worker (workers/history.worker.ts) on the shared WorkerBridge: started
 * on first use, terminated when idle or by `dispose()`. Where workers are missing, or the worker crashes or cannot
 * load (blocked script, old browser), it reads through the page's tracking client instead — slower for huge
 * histories, same result — so the charts never wait on a dead worker.
 */
export class HistoryReader {
  private readonly bridge = new WorkerBridge<HistoryWorkerApi>({
    label: 'history',
    // Reads and fits are independent and write nothing: cancelling a stale importance fit must not fail the
    // history reads sharing the worker.
    whenAborted: 'terminate-if-alone',
    create: () =>
      new Worker(new URL('../../../workers/history.worker.ts', import.meta.url), {
        type: 'module',
        name: 'compare-histories',
      }),
  });
  private workerBroken = typeof Worker === 'undefined';

  constructor(private readonly tracking: TrackingClient) {}

  read(runId: string, key: string): Promise<MetricHistory> {
    return this.inWorkerOr(
      undefined,
      (api) => api.readReduced(this.tracking.db.name, runId, key, HISTORY_BUCKETS),
      async () => reduceHistory(await this.tracking.getMetricHistory(runId, key)),
    );
  }

  /**
   * A group's band on its runs' exact histories, by step or by time since each run started (computed in the
   * worker; on this thread when it is missing).
   */
  band(runs: BandRun[], key: string, axis: BandAxis, signal?: AbortSignal): Promise<Band> {
    return this.inWorkerOr(
      signal,
      (api) => api.readBand(this.tracking.db.name, runs, key, BAND_BUCKETS, axis),
      async () => {
        const histories = [];
        for (const run of runs)
          histories.push(onBandAxis(await this.tracking.getMetricHistory(run.runId, key), axis, run.startTime));
        return reduceBand(computeBand(histories), BAND_BUCKETS);
      },
    );
  }

  /** Parameter importance with a seeded forest, fitted in the worker. */
  importance(inputs: ImportanceInput[], seed: number, signal?: AbortSignal): Promise<ImportanceResult> {
    return this.inWorkerOr(
      signal,
      (api) => api.importance(inputs, seed),
      async () => paramImportance(inputs, { seed }),
    );
  }

  /** Runs `work` in the worker; once the worker has crashed or failed to load, runs `onThisThread` instead. */
  private async inWorkerOr<T>(
    signal: AbortSignal | undefined,
    work: (api: Comlink.Remote<HistoryWorkerApi>) => Promise<T>,
    onThisThread: () => Promise<T>,
  ): Promise<T> {
    if (!this.workerBroken) {
      try {
        return await this.bridge.call(signal, work);
      } catch (error) {
        if (!(error instanceof WorkerFailedError) || error.kind === 'interrupted') throw error;
        this.workerBroken = true;
      }
    }
    return onThisThread();
  }

  dispose(): void {
    this.bridge.dispose();
  }
}
