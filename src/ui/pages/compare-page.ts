import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { runColors } from '../../charts/run-colors';
import { NotFoundError, type Run } from '../../tracking';
import '../compare/compare-confusion';
import '../compare/compare-diff-table';
import '../images/prediction-grids';
import type { GridRun } from '../images/prediction-grids';
import '../compare/compare-metric-charts';
import '../compare/compare-summary';
import '../compare/compare-actions';
import '../compare/compare-group-summary';
import '../compare/compare-importance';
import '../compare/compare-views';
import '../runs-table/group-by-chooser';
import { GroupBandLoader } from '../compare/group-band-loader';
import { StagedReveal } from '../compare/staged-reveal';
import { groupOptions } from '../runs-table/grouping';
import type { ImportanceInput } from '../../stats/importance';
import type { BandAxis } from '../../stats/bands';
import '../compare/compare-run-charts';
import type { CompareChange } from '../compare/compare-change';
import { parseSettings, settingsToQuery, type CompareSettings } from '../compare/compare-settings';
import { buildDiffRows, type DiffRow } from '../compare/diff';
import { HistoryReader } from '../compare/history-reader';
import { HistoryCache } from '../compare/metric-histories';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, reportError, type AppServices, type PageRoute } from '../services';
import { ownValue } from '../../tracking/keyed-record';
import { hashHref } from '../links';
import '../primitives/empty-state';
import '../primitives/page-header';
import { plural } from '../../format';

/** How many metrics get a chart before the user picks: enough for a typical run, few enough to stay quick. */
const DEFAULT_CHARTED_METRICS = 6;

/**
 * The page's parts, top first, shown one per frame (see StagedReveal): the summary and metric curves, then
 * importance, prediction grids, confusion matrices, the diff table and the per-run charts.
 */
const PAGE_STAGES = 6;

/**
 * Prediction grids are looked for in this many runs at most. Each run's lookup is a live IndexedDB query, and
 * 200 of them cost one 150–260 ms main-thread task; grids of more runs than this side by side are not readable.
 */
const MAX_GRID_RUNS = 16;

interface LoadedRuns {
  runs: Run[];
  missing: string[];
}

/**
 * #/compare?runs=<id>,<id>&…: the chosen runs side by side — who won and which setting made the difference
 * (summary), metric curves overlaid, every param/metric/tag in a diff table, and per-run charts (parallel
 * coordinates, scatter, box plot). Every setting lives in the URL (see compare-settings.ts).
 */
@customElement('compare-page')
export class ComparePage extends LitElement {
  static styles = css`
    :host { display: block; flex: 1; overflow: auto; background: var(--tf-color-surface-2); }
    .page { max-width: 1440px; margin: 0 auto; padding: 20px 24px 48px; display: flex; flex-direction: column; gap: 20px; min-width: 0; }
    @media (max-width: 719px) { .page { padding: var(--tf-space-3) var(--tf-space-3) var(--tf-space-6); } }
    h2 { font-size: var(--tf-font-size-lg); margin: 0 0 12px; }
    section { background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 10px; padding: 16px 18px; }
    section.plain { background: none; border: 0; padding: 0; }
    .lead { color: var(--tf-color-text-muted); margin: 4px 0 0; font-size: var(--tf-font-size); }
    .notice { background: color-mix(in srgb, var(--tf-color-warning) 14%, var(--tf-color-surface)); border: 1px solid var(--tf-color-warning); border-radius: 8px; padding: 10px 14px; margin: 0; }
    .grouping { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-2) var(--tf-space-3); }
    .grouping .lead { margin: 0; }
    .grouping .views { margin-left: auto; }
    .empty { color: var(--tf-color-text-muted); }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;

  @state() private settings: CompareSettings = parseSettings(new URLSearchParams());
  @state() private historyVersion = 0;
  @state() private loadingHistories = false;

  private loaded = new LiveQueryController<LoadedRuns>(this);
  private stages = new StagedReveal(this, () => (this.loaded.value ? PAGE_STAGES : 0));
  private groupBands = new GroupBandLoader(this);
  private cache: HistoryCache | null = null;
  private reader: HistoryReader | null = null;
  private routeQuery = '';
  private historyLoad: AbortController | null = null;
  private memo: {
    runs: Run[];
    directions: CompareSettings['directions'];
    hidden: string[];
    colors: Map<string, string>;
    rows: DiffRow[];
    hiddenRuns: Set<string>;
    groupOptions: string[];
    gridRuns: GridRun[];
  } | null = null;
  /** What the last history load was for (runs, their point counts, metrics): a change starts a new load. */
  private wantedHistories = '';

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('services') && this.services) {
      this.reader?.dispose();
      const reader = (this.reader = new HistoryReader(this.services.tracking));
      this.cache = new HistoryCache((runId, metric) => reader.read(runId, metric));
      this.wantedHistories = '';
    }
    if (changed.has('route') && this.route) {
      const query = this.route.query.toString();
      if (query !== this.routeQuery) {
        this.routeQuery = query;
        const next = parseSettings(this.route.query);
        if (next.runIds.join(',') !== this.settings.runIds.join(',') || !this.loaded.value) {
          const runIds = next.runIds;
          this.loaded.setQuery(() => this.loadRuns(runIds));
          this.stages.restart();
        }
        this.settings = next;
      }
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    // The reader restarts its worker by itself if this page is shown again.
    this.historyLoad?.abort();
    this.groupBands.dispose();
    this.reader?.dispose();
    this.wantedHistories = '';
  }

  protected updated(): void {
    const { groupBy } = this.settings;
    const reader = this.reader;
    if (groupBy.length === 0) {
      void this.loadHistories();
    } else if (reader) {
      // Grouped charts draw bands computed from exact histories in the worker; per-run lines are not needed.
      const { groups } = this.groupBands.groups(this.runs, groupBy);
      this.groupBands
        .ensure(groups, this.chartedMetrics, this.bandAxis, (runs, metric, axis) => reader.band(runs, metric, axis))
        .catch((error: unknown) =>
          reportError(this, new Error(`Could not compute the group bands: ${errorMessage(error)}`)),
        );
    }
  }

  private async loadRuns(runIds: string[]): Promise<LoadedRuns> {
    const results = await Promise.all(
      runIds.map((id) =>
        this.services.tracking.getRun(id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return id;
          throw error;
        }),
      ),
    );
    return {
      runs: results.filter((r): r is Run => typeof r !== 'string' && r.info.lifecycleStage === 'active'),
      missing: results.flatMap((r) =>
        typeof r === 'string' ? [r] : r.info.lifecycleStage === 'active' ? [] : [r.info.runName],
      ),
    };
  }

  /** Groups' bands are aligned by step, or by time since each run started for either time axis (see BandAxis). */
  private get bandAxis(): BandAxis {
    return this.settings.x === 'step' ? 'step' : 'time';
  }

  private get runs(): Run[] {
    return this.loaded.value?.runs ?? [];
  }

  private get allMetrics(): string[] {
    return [...new Set(this.runs.flatMap((r) => Object.keys(r.data.metrics)))].sort((a, b) => a.localeCompare(b));
  }

  private get chartedMetrics(): string[] {
    const all = this.allMetrics;
    return this.settings.metrics?.filter((m) => all.includes(m)) ?? all.slice(0, DEFAULT_CHARTED_METRICS);
  }

  /** Loads the histories the charts need; a newer call (runs changed, metric added) aborts an older one. */
  private async loadHistories(): Promise<void> {
    const cache = this.cache;
    const runs = this.runs;
    const metrics = this.chartedMetrics;
    const wanted = `${runs.map((r) => `${r.info.runId}:${metrics.map((m) => ownValue(r.data.metrics, m)?.count ?? 0)}`)}|${metrics}`;
    if (!cache || runs.length === 0 || wanted === this.wantedHistories) return;
    this.wantedHistories = wanted;
    this.historyLoad?.abort();
    const controller = (this.historyLoad = new AbortController());
    this.loadingHistories = true;
    // Redraw while loading (at most every 500 ms), so 100 long runs fill in rather than appear all at once.
    let lastDraw = performance.now();
    const onLoaded = () => {
      if (performance.now() - lastDraw < 500) return;
      lastDraw = performance.now();
      this.historyVersion++;
    };
    try {
      if (await cache.load(runs, metrics, controller.signal, onLoaded)) this.historyVersion++;
    } catch (error) {
      // Not retried until the runs or metrics change: retrying on every render would repeat the error forever.
      reportError(this, new Error(`Could not load metric histories: ${errorMessage(error)}`));
    } finally {
      if (this.historyLoad === controller) this.loadingHistories = false;
    }
  }

  /**
   * Colours, diff rows, the hidden set and the children's run lists, rebuilt only when their inputs change:
   * handing every child a new object on each render (a band or history batch arriving, a slider moving) would
   * redraw all of them for nothing.
   */
  private derived(runs: Run[]): NonNullable<ComparePage['memo']> {
    const memo = this.memo;
    if (
      memo?.runs !== runs ||
      memo.directions !== this.settings.directions ||
      memo.hidden !== this.settings.hiddenRuns
    ) {
      this.memo = {
        runs,
        directions: this.settings.directions,
        hidden: this.settings.hiddenRuns,
        colors: runColors(runs.map((r) => r.info.runId)),
        rows: buildDiffRows(runs, this.settings.directions),
        hiddenRuns: new Set(this.settings.hiddenRuns),
        groupOptions: groupOptions(runs),
        gridRuns: runs.slice(0, MAX_GRID_RUNS).map((r) => ({ runId: r.info.runId, label: r.info.runName })),
      };
    }
    return this.memo!;
  }

  /** Stable across renders, so the importance section refits only when its runs or metric change. */
  private readonly fitImportance = (inputs: ImportanceInput[], seed: number) => this.reader!.importance(inputs, seed);

  private onChange(event: CustomEvent<CompareChange>): void {
    const change = event.detail;
    const directions = change.directions
      ? { ...this.settings.directions, ...change.directions }
      : this.settings.directions;
    this.settings = { ...this.settings, ...change, directions };
    // replaceState: tweaking a slider should not fill the Back button's history; the hash still reopens the view.
    const hash = hashHref('compare', [], settingsToQuery(this.settings));
    this.routeQuery = settingsToQuery(this.settings).toString();
    history.replaceState(history.state, '', hash);
  }

  render() {
    const { runIds } = this.settings;
    if (runIds.length === 0) {
      return html`<div class="page"><page-header heading="Compare runs"></page-header>
        <empty-state href="#/experiments" action="Choose runs to compare">No runs chosen. Tick two or more runs in an experiment's runs table and press “Compare”.</empty-state></div>`;
    }
    if (this.loaded.error) {
      return html`<div class="page"><page-header heading="Compare runs"></page-header><p role="alert" class="notice">Could not load these runs: ${String(this.loaded.error)}</p></div>`;
    }
    if (!this.loaded.value)
      return html`<div class="page"><page-header heading="Compare runs"></page-header><p class="empty">Loading runs…</p></div>`;
    const { runs, missing } = this.loaded.value;
    const { colors, rows, hiddenRuns, gridRuns } = this.derived(runs);
    const shown = (stage: number) => stage < this.stages.shown;
    const { groupBy } = this.settings;
    const grouped = this.groupBands.groups(runs, groupBy);
    const groupedSeries = groupBy.length
      ? this.groupBands.series(grouped.groups, this.chartedMetrics, this.settings.band, grouped.colors, {
          axis: this.bandAxis,
          smoothing: this.settings.smoothing,
        })
      : null;
    return html`<div class="page" @compare-change=${this.onChange}>
      <page-header heading=${`Comparing ${plural(runs.length, 'run')}`}
        lead="Hover a chart to read every run's value at that step; click a name in a legend to hide or show that run."></page-header>
      ${
        runs.length
          ? html`<compare-actions .services=${this.services} .runs=${runs} .rows=${rows} .winBy=${this.settings.winBy}></compare-actions>`
          : nothing
      }
      ${
        missing.length
          ? html`<p class="notice" role="status">Not shown — deleted or not found: ${missing.join(', ')}.</p>`
          : nothing
      }
      ${
        runs.length === 0
          ? html`<p class="empty">None of these runs exists any more.</p>`
          : html`
          <div class="grouping">
            <group-by-chooser .options=${this.derived(runs).groupOptions} .value=${groupBy}
              @group-by-change=${(e: CustomEvent<string[]>) => this.onChange(new CustomEvent('compare-change', { detail: { groupBy: e.detail } }))}></group-by-chooser>
            ${groupBy.length ? html`<span class="lead">${plural(grouped.groups.length, 'group')}: each line is a group's mean, shaded by its spread.</span>` : nothing}
            <compare-views class="views" .services=${this.services} experimentId=${runs[0].info.experimentId} .settings=${this.settings}></compare-views>
          </div>
          ${
            groupBy.length
              ? html`<compare-group-summary .groups=${grouped.groups} .rows=${rows} .colors=${grouped.colors} .winBy=${this.settings.winBy}></compare-group-summary>`
              : html`<compare-summary .runs=${runs} .rows=${rows} .colors=${colors} .winBy=${this.settings.winBy}></compare-summary>`
          }
          <section aria-labelledby="curves">
            <h2 id="curves">Metric curves</h2>
            <compare-metric-charts
              .runs=${runs}
              .allMetrics=${this.allMetrics}
              .metrics=${this.chartedMetrics}
              .cache=${this.cache!}
              .historyVersion=${this.historyVersion}
              .colors=${colors}
              .hiddenRuns=${hiddenRuns}
              .x=${this.settings.x}
              .smoothing=${this.settings.smoothing}
              ?logScale=${this.settings.logScale}
              ?loading=${groupBy.length ? this.groupBands.loading : this.loadingHistories}
              .groupedSeries=${groupedSeries}
              .band=${this.settings.band}
            ></compare-metric-charts>
          </section>
          ${
            shown(1)
              ? html`<section aria-labelledby="importance">
            <h2 id="importance">Parameter importance</h2>
            <compare-importance .runs=${runs} .metrics=${this.allMetrics} .metric=${this.settings.importanceMetric}
              .fit=${this.fitImportance}></compare-importance>
          </section>`
              : nothing
          }
          ${shown(2) ? html`<prediction-grids .services=${this.services} .runs=${gridRuns}></prediction-grids>` : nothing}
          ${shown(3) ? html`<compare-confusion .services=${this.services} .runs=${runs}></compare-confusion>` : nothing}
          ${
            shown(4)
              ? html`<section aria-labelledby="diff">
            <h2 id="diff">Params, metrics and tags</h2>
            <compare-diff-table .runs=${runs} .rows=${rows} .colors=${colors} ?onlyDifferences=${this.settings.onlyDifferences}></compare-diff-table>
          </section>`
              : nothing
          }
          ${
            shown(5)
              ? html`<section aria-labelledby="per-run">
            <h2 id="per-run">Settings against results</h2>
            <compare-run-charts .runs=${runs} .colors=${colors} .settings=${this.settings} .hiddenRuns=${hiddenRuns}></compare-run-charts>
          </section>`
              : nothing
          }
        `
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-page': ComparePage;
  }
}
