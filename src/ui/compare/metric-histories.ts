import { emaSmooth } from '../../charts/smooth';
import type { ChartSeries } from '../../charts/metric-chart';
import type { MetricHistory, Run } from '../../tracking';
import type { XAxisMode } from './compare-settings';
import { hasOwnKey, ownValue } from '../../tracking/keyed-record';

const cacheKey = (runId: string, metric: string) => `${runId}\u0000${metric}`;

/** A history is reloaded only when its run logged more points since (count or latest timestamp changed). */
const versionOf = (run: Run, metric: string) => {
  const summary = ownValue(run.data.metrics, metric);
  return summary ? `${summary.count}:${summary.timestamp}` : 'none';
};

/**
 * The reduced histories the Compare page has loaded (see reduce-history.ts), reloaded only when their run has
 * logged more since. `read` returns one reduced history (HistoryReader does it in a worker).
 */
export class HistoryCache {
  private entries = new Map<string, { version: string; history: MetricHistory }>();

  constructor(private readonly read: (runId: string, metric: string) => Promise<MetricHistory>) {}

  get(runId: string, metric: string): MetricHistory | undefined {
    return this.entries.get(cacheKey(runId, metric))?.history;
  }

  /**
   * Loads what is missing or stale, one history at a time, so a newer load can cut in (through `signal`) and
   * the reader is never flooded. `onLoaded` is called after each history read. Returns whether anything changed.
   */
  async load(
    runs: readonly Run[],
    metrics: readonly string[],
    signal: AbortSignal,
    onLoaded?: () => void,
  ): Promise<boolean> {
    let changed = false;
    for (const metric of metrics) {
      for (const run of runs) {
        if (!hasOwnKey(run.data.metrics, metric)) continue;
        const key = cacheKey(run.info.runId, metric);
        const version = versionOf(run, metric);
        if (this.entries.get(key)?.version === version) continue;
        const history = await this.read(run.info.runId, metric);
        if (signal.aborted) return changed;
        this.entries.set(key, { version, history });
        changed = true;
        onLoaded?.();
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
    return [
      {
        key: run.info.runId,
        label: run.info.runName || run.info.runId,
        color: options.colors.get(run.info.runId),
        xs,
        ys: options.smoothing > 0 ? emaSmooth(history.values, options.smoothing) : history.values,
      },
    ];
  });
}
