import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_EXPERIMENT_ID, observeRuns, parseFilter, type Experiment, type Run } from '../../tracking';
import '../experiments/experiments-sidebar';
import '../experiments/saved-views-bar';
import { serializeView, viewTagKey, type SavedView } from '../experiments/saved-views';
import '../export-dialog';
import '../mlflow/mlflow-push';
import '../import-dialog';
import { LiveQueryController } from '../live-query-controller';
import '../runs-table/column-chooser';
import '../runs-table/group-by-chooser';
import '../runs-table/metric-summary-chooser';
import { listedRunIds } from '../runs-table/group-rows';
import { groupOptions, type SummaryChoices } from '../runs-table/grouping';
import { downloadBlob } from '../../charts/download';
import { runsToCsv } from '../runs-table/csv';
import { NAME_COLUMN } from '../runs-table/columns';
import { TablePipeline } from '../runs-table/pipeline';
import { toFilter } from '../runs-table/quick-search';
import '../runs-table/runs-table';
import '../runs-table/run-actions';
import type { SortState } from '../runs-table/sort-rows';
import { errorMessage, reportError, type AppServices, type PageRoute } from '../services';
import { touchTargets } from '../primitives/touch-targets';
import { experimentHref, hashHref } from '../links';
import '../primitives/empty-state';
import { buttonStyles } from '../primitives/controls';

const DEFAULT_SORT: SortState = { columnId: 'attributes.start_time', ascending: false };
const hiddenColumnsKey = (experimentId: string) => `runs-table.hidden-columns.${experimentId}`;
const HIDE_IDENTICAL_KEY = 'runs-table.hide-identical';

/**
 * The ticked runs per experiment view, for this session: the app makes a new page element on each visit, and
 * coming Back from Compare should find the same runs still ticked.
 */
const rememberedSelection = new Map<string, ReadonlySet<string>>();
const selectionKey = (experimentId: string, showDeleted: boolean) => `${experimentId}\u0000${showDeleted}`;

/**
 * #/experiments/<experimentId>: the experiments sidebar and the selected experiment's runs in a live,
 * virtualized table with MLflow's search grammar, sorting, a remembered column choice and CSV download.
 */
@customElement('experiments-page')
export class ExperimentsPage extends LitElement {
  static styles = [
    buttonStyles,
    touchTargets,
    css`
    :host { display: flex; flex: 1; min-height: 0; height: calc(100vh - 52px); }
    section { flex: 1; display: flex; flex-direction: column; gap: 12px; padding: 16px 24px; min-width: 0; min-height: 0; background: var(--tf-color-surface-2); }
    .title { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--tf-space-2) var(--tf-space-3); }
    h1 { font-size: var(--tf-font-size-xl); margin: 0; overflow-wrap: anywhere; min-width: 0; }
    .drawer-button { display: none; }
    .count { color: var(--tf-color-text-muted); font-size: var(--tf-font-size); }
    .sharing { margin-left: auto; display: flex; gap: 8px; align-self: center; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-start; }
    form { flex: 1; min-width: min(320px, 100%); display: flex; flex-direction: column; gap: 4px; }
    .search { display: flex; gap: 6px; }
    input[type='search'] { flex: 1; font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; padding: 6px 10px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); }
    input[type='search'][aria-invalid='true'] { border-color: var(--tf-color-danger); }
    .error { color: var(--tf-color-danger); font-size: var(--tf-font-size); margin: 0; }
    .switch { display: flex; gap: 6px; align-items: center; font-size: var(--tf-font-size); color: var(--tf-color-text); padding-top: 6px; white-space: nowrap; }
    .notice { background: color-mix(in srgb, var(--tf-color-warning) 14%, var(--tf-color-surface)); border: 1px solid var(--tf-color-warning); border-radius: 6px; padding: 8px 12px; font-size: var(--tf-font-size); margin: 0; }
    .same { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-1) var(--tf-space-3); margin: 0; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
    .same-values { display: flex; flex-wrap: wrap; gap: var(--tf-space-1) var(--tf-space-3); }
    .same b { color: var(--tf-color-text); font-weight: 600; }
    /* Phones: the experiments list becomes a drawer over the page, opened by the "Experiments" button. */
    @media (max-width: 719px) {
      :host { height: auto; min-height: calc(100vh - 53px); }
      section { padding: var(--tf-space-3); }
      .drawer-button { display: inline-flex; align-items: center; }
      .sharing { margin-left: 0; flex-wrap: wrap; }
      experiments-sidebar { display: none; position: fixed; top: 53px; left: 0; bottom: 0; width: min(300px, 85vw); z-index: 15; box-shadow: var(--tf-shadow-2); }
      experiments-sidebar.open { display: flex; }
      runs-table { min-height: 60vh; }
    }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;
  @state() private filterText = '';
  @state() private appliedFilter = '';
  @state() private filterError = '';
  @state() private sort: SortState = DEFAULT_SORT;
  @state() private hiddenIds: ReadonlySet<string> = new Set();
  @state() private hideIdentical = false;
  @state() private showDeleted = false;
  @state() private expanded: ReadonlySet<string> = new Set();
  @state() private selected: ReadonlySet<string> = new Set();
  @state() private groupBy: readonly string[] = [];
  @state() private summaries: SummaryChoices = {};
  @state() private showIdenticalParams = false;
  @state() private viewError = '';
  /** On a phone, the experiments list is open as a drawer. */
  @state() private drawerOpen = false;

  private experiment = new LiveQueryController<Experiment | null>(this);
  private runs = new LiveQueryController<Run[]>(this);
  private pipeline = new TablePipeline();
  private shown = { experimentId: '', showDeleted: false };

  private get experimentId(): string {
    return this.route?.segments[0] || DEFAULT_EXPERIMENT_ID;
  }

  willUpdate(changed: PropertyValues): void {
    const { experimentId, showDeleted } = this;
    if (changed.has('selected') && this.shown.experimentId)
      rememberedSelection.set(selectionKey(this.shown.experimentId, this.shown.showDeleted), this.selected);
    if (experimentId === this.shown.experimentId && showDeleted === this.shown.showDeleted) return;
    if (experimentId !== this.shown.experimentId) {
      void this.loadPreferences(experimentId);
      this.readViewFromQuery(this.route?.query ?? new URLSearchParams());
    }
    this.shown = { experimentId, showDeleted };
    this.selected = rememberedSelection.get(selectionKey(experimentId, showDeleted)) ?? new Set();
    const tracking = this.services.tracking;
    this.experiment.setQuery(() => tracking.getExperiment(experimentId).catch(() => null));
    // Not a plain live searchRuns: a training run rewrites its row every flush, and re-reading 10,000 runs each
    // time kept the page busy. observeRuns coalesces changes and re-reads only the runs that changed.
    this.runs.setSource(() =>
      observeRuns(tracking, { experimentIds: [experimentId], viewType: showDeleted ? 'DELETED_ONLY' : 'ACTIVE_ONLY' }),
    );
  }

  /** A link (or a reload) opens the same filter and sort: they live in the hash query. */
  private readViewFromQuery(query: URLSearchParams): void {
    const filter = query.get('filter') ?? '';
    const sortColumn = query.get('sort');
    this.sort = sortColumn ? { columnId: sortColumn, ascending: query.get('order') !== 'desc' } : DEFAULT_SORT;
    this.groupBy = query.get('group')?.split(',').filter(Boolean) ?? [];
    this.filterText = filter;
    try {
      parseFilter(filter);
      this.appliedFilter = filter;
      this.filterError = '';
    } catch (error) {
      this.appliedFilter = '';
      this.filterError = errorMessage(error);
    }
  }

  /** Replaces the hash without a navigation, so the view stays shareable without re-routing the page. */
  private writeViewToQuery(): void {
    const query = new URLSearchParams();
    if (this.appliedFilter) query.set('filter', this.appliedFilter);
    if (this.sort !== DEFAULT_SORT) {
      query.set('sort', this.sort.columnId);
      query.set('order', this.sort.ascending ? 'asc' : 'desc');
    }
    if (this.groupBy.length) query.set('group', this.groupBy.join(','));
    history.replaceState(history.state, '', experimentHref(this.experimentId, query));
  }

  private async loadPreferences(experimentId: string): Promise<void> {
    try {
      const [hidden, hideIdentical] = await Promise.all([
        this.services.tracking.getPreference<string[]>(hiddenColumnsKey(experimentId)),
        this.services.tracking.getPreference<boolean>(HIDE_IDENTICAL_KEY),
      ]);
      if (experimentId !== this.experimentId) return;
      this.hiddenIds = new Set(hidden ?? []);
      this.hideIdentical = hideIdentical ?? false;
    } catch (error) {
      reportError(this, new Error(`Could not read your saved column choice: ${errorMessage(error)}`));
    }
  }

  private savePreference(key: string, value: unknown): void {
    this.services.tracking
      .setPreference(key, value)
      .catch((error) => reportError(this, new Error(`Could not remember the column choice: ${errorMessage(error)}`)));
  }

  private applyFilter(e: SubmitEvent): void {
    e.preventDefault();
    try {
      const filter = toFilter(this.filterText);
      parseFilter(filter);
      this.appliedFilter = filter;
      this.filterError = '';
      this.writeViewToQuery();
    } catch (error) {
      this.filterError = errorMessage(error);
    }
  }

  private clearFilter(): void {
    this.filterText = '';
    this.appliedFilter = '';
    this.filterError = '';
    this.writeViewToQuery();
  }

  private sortBy(columnId: string): void {
    // First click: metrics and params best-first is rarely known, so ascending; a second click flips it.
    this.sort =
      this.sort.columnId === columnId
        ? { columnId, ascending: !this.sort.ascending }
        : { columnId, ascending: columnId !== 'attributes.start_time' };
    this.writeViewToQuery();
  }

  private setHidden(hidden: Set<string>): void {
    this.hiddenIds = hidden;
    this.savePreference(hiddenColumnsKey(this.experimentId), [...hidden]);
  }

  private setHideIdentical(on: boolean): void {
    this.hideIdentical = on;
    this.savePreference(HIDE_IDENTICAL_KEY, on);
  }

  private toggleSet(set: ReadonlySet<string>, id: string, on: boolean): Set<string> {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  }

  private downloadCsv(runs: Run[], name: string): void {
    // Params folded into the "same for all" note are still data: the file keeps them, in column order.
    const view = this.pipeline.compute(this.tableInputs());
    const kept = new Set([...view.columns, ...view.identicalParams.map((p) => p.column)]);
    const columns = [NAME_COLUMN, ...view.allColumns.filter((c) => kept.has(c))];
    downloadBlob(
      new Blob([runsToCsv(runs, columns)], { type: 'text/csv' }),
      `${name.replace(/[^\w.-]+/g, '_') || 'runs'}-runs.csv`,
    );
  }

  private tableInputs() {
    return {
      runs: this.runs.value ?? [],
      filter: this.appliedFilter,
      sort: this.sort,
      hiddenIds: this.hiddenIds,
      hideIdentical: this.hideIdentical,
      expanded: this.expanded,
      groupBy: this.groupBy,
      summaries: this.summaries,
      showIdenticalParams: this.showIdenticalParams,
    };
  }

  private currentView(): SavedView {
    return {
      filter: this.appliedFilter,
      sort: this.sort,
      groupBy: [...this.groupBy],
      hiddenColumns: [...this.hiddenIds],
      summaries: this.summaries,
      showIdenticalParams: this.showIdenticalParams,
      hideIdentical: this.hideIdentical,
    };
  }

  /** A view is an experiment tag, so it travels in the zip export and comes back on import. */
  private async saveView(name: string): Promise<void> {
    try {
      await this.services.tracking.setExperimentTag(
        this.experimentId,
        viewTagKey(name),
        serializeView(this.currentView()),
      );
      this.viewError = '';
    } catch (error) {
      this.viewError = `Could not save the view: ${errorMessage(error)}`;
    }
  }

  private openView(view: SavedView): void {
    this.filterText = view.filter;
    // A view can come from someone else's zip: a filter this version cannot read is shown, not applied.
    try {
      parseFilter(view.filter);
      this.appliedFilter = view.filter;
      this.filterError = '';
    } catch (error) {
      this.appliedFilter = '';
      this.filterError = errorMessage(error);
    }
    this.sort = view.sort ?? DEFAULT_SORT;
    this.groupBy = view.groupBy;
    this.summaries = view.summaries;
    this.showIdenticalParams = view.showIdenticalParams;
    this.setHideIdentical(view.hideIdentical);
    this.setHidden(new Set(view.hiddenColumns));
    this.writeViewToQuery();
  }

  private setGroupBy(groupBy: readonly string[]): void {
    this.groupBy = groupBy;
    this.writeViewToQuery();
  }

  /** Params every matching run shares, folded into one line so the columns that differ come first. */
  private renderSameForAll(view: ReturnType<TablePipeline['compute']>) {
    if (view.identicalParams.length === 0) {
      return this.showIdenticalParams
        ? html`<p class="same"><button @click=${() => (this.showIdenticalParams = false)}>Fold identical params</button></p>`
        : nothing;
    }
    return html`<p class="same"><span class="same-label">Same for all ${view.sorted.length} runs:</span>
      <span class="same-values">${view.identicalParams.map(({ column, value }) => html`<span class="pair"><b>${column.label}</b> = ${value}</span>`)}</span>
      <button @click=${() => (this.showIdenticalParams = true)}>Show identical params</button></p>`;
  }

  private renderToolbar(view: ReturnType<TablePipeline['compute']>, name: string) {
    return html`<div class="toolbar">
      <form role="search" @submit=${this.applyFilter}>
        <div class="search">
          <input type="search" aria-label="Filter runs" placeholder="Run name, or metrics.val_accuracy &gt; 0.9 and params.optimizer = 'adam'"
            .value=${this.filterText} aria-invalid=${this.filterError ? 'true' : 'false'} aria-describedby="filter-error"
            @input=${(e: Event) => (this.filterText = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.clearFilter()} />
          <button type="submit">Search</button>
          ${this.appliedFilter ? html`<button type="button" @click=${this.clearFilter}>Clear</button>` : nothing}
        </div>
        <div id="filter-error">${this.filterError ? html`<p class="error" role="alert">${this.filterError}</p>` : nothing}</div>
      </form>
      <label class="switch"><input type="checkbox" role="switch" .checked=${this.hideIdentical} @change=${(e: Event) => this.setHideIdentical((e.target as HTMLInputElement).checked)} />Hide columns with identical values</label>
      <label class="switch"><input type="checkbox" role="switch" .checked=${this.showDeleted} @change=${(e: Event) => (this.showDeleted = (e.target as HTMLInputElement).checked)} />Show deleted runs</label>
      <group-by-chooser .options=${groupOptions(this.runs.value ?? [])} .value=${this.groupBy}
        @group-by-change=${(e: CustomEvent<string[]>) => this.setGroupBy(e.detail)}></group-by-chooser>
      <metric-summary-chooser .metrics=${view.allColumns.filter((c) => c.kind === 'metric').map((c) => c.key)} .value=${this.summaries}
        @summaries-change=${(e: CustomEvent<SummaryChoices>) => (this.summaries = e.detail)}></metric-summary-chooser>
      <column-chooser .columns=${view.allColumns} .hiddenIds=${this.hiddenIds} @hidden-columns-change=${(e: CustomEvent<Set<string>>) => this.setHidden(e.detail)}></column-chooser>
      <button @click=${() => this.downloadCsv(view.sorted, name)} ?disabled=${view.sorted.length === 0}>Download CSV</button>
    </div>`;
  }

  render() {
    const experiment = this.experiment.value;
    const name = experiment?.name ?? (this.experiment.value === null ? 'Unknown experiment' : '');
    const runs = this.runs.value ?? [];
    const view = this.pipeline.compute(this.tableInputs());
    const filtered = this.appliedFilter ? ` · ${view.sorted.length} match` : '';
    return html`
      <experiments-sidebar id="experiments-drawer" class=${this.drawerOpen ? 'open' : ''} .services=${this.services} .currentId=${this.experimentId}
        @click=${(e: Event) => e.composedPath().some((n) => n instanceof HTMLAnchorElement) && (this.drawerOpen = false)}
        @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.drawerOpen = false)}></experiments-sidebar>
      <section @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.drawerOpen = false)}>
        <div class="title">
          <button class="drawer-button" type="button" aria-controls="experiments-drawer" aria-expanded=${this.drawerOpen ? 'true' : 'false'}
            @click=${() => (this.drawerOpen = !this.drawerOpen)}>Experiments</button>
          <h1>${name}</h1>
          <span class="count">${runs.length} ${this.showDeleted ? 'deleted ' : ''}run${runs.length === 1 ? '' : 's'}${filtered}</span>
          <span class="sharing">
            <export-dialog .services=${this.services} .experimentIds=${[this.experimentId]} label="Export experiment" ?disabled=${!experiment}></export-dialog>
            <import-dialog .services=${this.services}></import-dialog>
            <mlflow-push .services=${this.services} .runIds=${runs.map((r) => r.info.runId)} label="Push experiment to MLflow" .showOutbox=${false} ?disabled=${!experiment || this.showDeleted}></mlflow-push>
          </span>
        </div>
        ${this.runs.error ? html`<p class="notice" role="alert">Could not read this experiment's runs: ${errorMessage(this.runs.error)}. Reload the page to try again.</p>` : nothing}
        ${experiment === null ? html`<p class="notice" role="status">There is no experiment with id “${this.experimentId}”. Pick one from the list.</p>` : nothing}
        ${experiment?.lifecycleStage === 'deleted' ? html`<p class="notice" role="status">This experiment is deleted. Restore it from the Deleted list to log new runs in it.</p>` : nothing}
        ${this.renderToolbar(view, name)}
        <saved-views-bar .tags=${experiment?.tags ?? {}} error=${this.viewError}
          @save-view=${(e: CustomEvent<string>) => this.saveView(e.detail)} @open-view=${(e: CustomEvent<SavedView>) => this.openView(e.detail)}></saved-views-bar>
        ${this.renderSameForAll(view)}
        <run-actions .services=${this.services} .selected=${this.selected} .showDeleted=${this.showDeleted}
          @selection-cleared=${() => (this.selected = new Set())}></run-actions>
        ${
          runs.length === 0 && this.runs.value
            ? this.showDeleted
              ? html`<empty-state>No deleted runs in this experiment.</empty-state>`
              : html`<empty-state href=${hashHref('playground', [], { experiment_id: this.experimentId })} action="Train a model in the Playground">
                No runs yet. Train one, or log runs with the tracking API.</empty-state>`
            : html`<runs-table .rows=${view.rows} .columns=${view.columns} .sort=${this.sort} .selected=${this.selected}
              @sort-column=${(e: CustomEvent<string>) => this.sortBy(e.detail)}
              @toggle-run=${(e: CustomEvent<{ runId: string; selected: boolean }>) => (this.selected = this.toggleSet(this.selected, e.detail.runId, e.detail.selected))}
              @toggle-all=${(e: CustomEvent<boolean>) => (this.selected = e.detail ? new Set(listedRunIds(view.rows)) : new Set())}
              @toggle-runs=${(e: CustomEvent<{ runIds: string[]; selected: boolean }>) => (this.selected = e.detail.runIds.reduce((set, id) => this.toggleSet(set, id, e.detail.selected), this.selected))}
              @toggle-children=${(e: CustomEvent<string>) => (this.expanded = this.toggleSet(this.expanded, e.detail, !this.expanded.has(e.detail)))}></runs-table>`
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experiments-page': ExperimentsPage;
  }
}
