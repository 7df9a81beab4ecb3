import { decimateIndices } from '../../charts/decimate';
import { emaSmooth } from '../../charts/smooth';
import type { ChartSeries } from '../../charts/metric-chart';
import type { MetricHistory, Run, TrackingClient } from '../../tracking';
import type { XAxisMode } from './compare-settings';

/**
 * Metric histories for the Compare page, reduced once when loaded: 100 runs × 100,000 points would be 240 MB
 * of columns and a long pass per redraw, while 4,096 min/max buckets per history keep every spike visible at
 * any chart width up to 4K and make redraws cheap. The legend reads these reduced points.
 */
export const HISTORY_BUCKETS = 4096;

export type ReducedHistory = MetricHistory;

export function reduceHistory(history: MetricHistory, buckets = HISTORY_BUCKETS): ReducedHistory {
  const keep = decimateIndices(history.steps, history.values, buckets);
  if (keep.length === history.steps.length) return history;
  const pick = (column: Float64Array) => Float64Array.from(keep, (i) => column[i]);
  return { steps: pick(history.steps), values: pick(history.values), timestamps: pick(history.timestamps) };
}

const cacheKey = (runId: string, metric: string) => `${runId}\u0000${metric}`;

/** A history is reloaded only when its run logged more points since (count or latest timestamp changed). */
const versionOf = (run: Run, metric: string) => {
  const summary = run.data.metrics[metric];
  return summary ? `${summary.count}:${summary.timestamp}` : 'none';
};

export class HistoryCache {
  private entries = new Map<string, { version: string; history: ReducedHistory }>();

  constructor(private readonly tracking: TrackingClient) {}

  get(runId: string, metric: string): ReducedHistory | undefined {
    return this.entries.get(cacheKey(runId, metric))?.history;
  }

  /**
   * Loads what is missing or stale, one history at a time so the page stays responsive between reads (each
   * read is an IndexedDB request; each reduction a few milliseconds). Returns whether anything changed.
   */
  async load(runs: readonly Run[], metrics: readonly string[], signal: AbortSignal): Promise<boolean> {
    let changed = false;
    for (const metric of metrics) {
      for (const run of runs) {
        if (!run.data.metrics[metric]) continue;
        const key = cacheKey(run.info.runId, metric);
        const version = versionOf(run, metric);
        if (this.entries.get(key)?.version === version) continue;
        const history = reduceHistory(await this.tracking.getMetricHistory(run.info.runId, metric));
        if (signal.aborted) return changed;
        this.entries.set(key, { version, history });
        changed = true;
      }
    }
    return changed;
  }
}

export const X_AXIS_LABELS: Record<XAxisMode, string> = {
  step: 'step',
  wall: 'wall time',
  relative: 'seconds since run start',
};

/** One chart's lines: a series per run that logged the metric, x chosen by the axis mode, optionally smoothed. */
export function metricSeries(
  runs: readonly Run[],
  metric: string,
  cache: HistoryCache,
  options: { x: XAxisMode; smoothing: number; colors: ReadonlyMap<string, string> },
): ChartSeries[] {
  return runs.flatMap((run) => {
    const history = cache.get(run.info.runId, metric);
    if (!history) return [];
    const xs =
      options.x === 'step'
        ? history.steps
        : options.x === 'wall'
          ? history.timestamps.map((t) => t / 1000)
          : history.timestamps.map((t) => (t - run.info.startTime) / 1000);
    return [{
      key: run.info.runId,
      label: run.info.runName || run.info.runId,
      color: options.colors.get(run.info.runId),
      xs,
      ys: options.smoothing > 0 ? emaSmooth(history.values, options.smoothing) : history.values,
    }];
  });
}
