import type { ReactiveControllerHost } from 'lit';
import type { ChartSeries } from '../../charts/metric-chart';
import { runColors } from '../../charts/run-colors';
import type { Band, BandAxis, BandRun } from '../../stats/bands';
import type { Run } from '../../tracking';
import { groupRuns, type RunGroup } from '../runs-table/grouping';
import { bandKey, groupSeries, type BandMode, type GroupSeriesOptions } from './group-bands';

/**
 * The Compare page's groups and their bands: groups the runs (memoized on runs and keys), loads each
 * group × metric band from the history worker one at a time (a newer load aborts an older one), and builds the
 * chart lines. The host re-renders when a metric's bands have all arrived: its chart then gets all its lines at
 * once, where a band at a time rebuilt the chart (a new line changes its structure) and re-rendered the page
 * once per group — 5 long tasks of 100–250 ms with 200 runs in 5 groups.
 */
export class GroupBandLoader {
  private bands = new Map<string, Band>();
  private version = 0;
  private load: AbortController | null = null;
  /** Band keys the current load asked for (loaded, in flight, or failed). */
  private requested = new Set<string>();
  private groupsMemo: { runs: readonly Run[]; keys: string; groups: RunGroup[]; colors: Map<string, string> } | null =
    null;
  private seriesMemo: { inputs: unknown[]; series: Map<string, ChartSeries[]> } | null = null;
  loading = false;

  constructor(private readonly host: ReactiveControllerHost) {}

  groups(runs: readonly Run[], groupBy: readonly string[]): { groups: RunGroup[]; colors: Map<string, string> } {
    const keys = groupBy.join('\u0000');
    if (this.groupsMemo?.runs !== runs || this.groupsMemo.keys !== keys) {
      const groups = groupBy.length ? groupRuns(runs, groupBy) : [];
      this.groupsMemo = { runs, keys, groups, colors: runColors(groups.map((g) => g.id)) };
    }
    return this.groupsMemo;
  }

  /** Per metric, a mean line per group; the same Map until a band arrives or an input changes. */
  series(
    groups: RunGroup[],
    metrics: readonly string[],
    mode: BandMode,
    colors: ReadonlyMap<string, string>,
    options: Required<GroupSeriesOptions>,
  ): Map<string, ChartSeries[]> {
    const inputs = [groups, metrics.join(','), mode, colors, options.axis, options.smoothing, this.version];
    if (!this.seriesMemo || inputs.some((v, i) => v !== this.seriesMemo!.inputs[i])) {
      this.seriesMemo = {
        inputs,
        series: new Map(metrics.map((m) => [m, groupSeries(groups, m, this.bands, mode, colors, options)])),
      };
    }
    return this.seriesMemo.series;
  }

  /**
   * Loads the bands the charts lack, on `axis`; `read` is the history reader's band call. Bands already being loaded are
   * not asked for again, and a failed set is not retried until the groups or metrics change (retrying on every
   * render would repeat the error forever).
   */
  async ensure(
    groups: readonly RunGroup[],
    metrics: readonly string[],
    axis: BandAxis,
    read: (runs: BandRun[], metric: string, axis: BandAxis) => Promise<Band>,
  ): Promise<void> {
    const missing = metrics.flatMap((metric) =>
      groups
        .filter((g) => g.runs.some((r) => r.data.metrics[metric]) && !this.bands.has(bandKey(g, metric, axis)))
        .map((group) => ({ group, metric })),
    );
    if (missing.every(({ group, metric }) => this.requested.has(bandKey(group, metric, axis)))) return;
    this.load?.abort();
    const controller = (this.load = new AbortController());
    this.requested = new Set(missing.map(({ group, metric }) => bandKey(group, metric, axis)));
    this.loading = true;
    this.host.requestUpdate();
    try {
      for (const metric of new Set(missing.map((m) => m.metric))) {
        const arrived: [string, Band][] = [];
        for (const { group } of missing.filter((m) => m.metric === metric)) {
          const runs = group.runs
            .filter((r) => r.data.metrics[metric])
            .map((r) => ({ runId: r.info.runId, startTime: r.info.startTime }));
          const band = await read(runs, metric, axis);
          if (controller.signal.aborted) return;
          arrived.push([bandKey(group, metric, axis), band]);
        }
        for (const [key, band] of arrived) this.bands.set(key, band);
        this.version++;
        this.host.requestUpdate();
      }
    } finally {
      if (this.load === controller) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  dispose(): void {
    this.load?.abort();
    this.requested = new Set();
  }
}
