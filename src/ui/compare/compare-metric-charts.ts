import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../charts/metric-chart';
import type { ChartSeries, SeriesToggleDetail } from '../../charts/metric-chart';
import type { Run } from '../../tracking';
import { compareChange } from './compare-change';
import { X_AXIS_MODES, type XAxisMode } from './compare-settings';
import { BAND_LABELS, BAND_MODES, type BandMode } from './group-bands';
import { metricSeries, X_AXIS_LABELS, type HistoryCache } from './metric-histories';
import { touchTargets } from '../primitives/touch-targets';

const NO_HIDDEN: ReadonlySet<string> = new Set();
const X_AXIS_CHOICES: Record<XAxisMode, string> = { step: 'Step', wall: 'Wall time', relative: 'Time since start' };

/**
 * `<compare-metric-charts>`: the toolbar (metrics shown, x axis, smoothing, log scale) and one overlay chart
 * per chosen metric, a line per run, cursors synced across all charts.
 *
 * @fires compare-change - settings the user changed: metrics, x, smoothing, logScale, hiddenRuns.
 */
@customElement('compare-metric-charts')
export class CompareMetricCharts extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 20px; margin-bottom: 12px; font-size: var(--tf-font-size); }
    .toolbar label { display: flex; align-items: center; gap: 6px; }
    select, input { font: inherit; }
    input[type='range'] { width: 140px; max-width: 40vw; }
    output { font-variant-numeric: tabular-nums; min-width: 2.5em; color: var(--tf-color-text-muted); }
    details { position: relative; }
    summary { cursor: pointer; padding: 4px 10px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); list-style: none; }
    details[open] .menu { position: absolute; z-index: 5; top: 32px; left: 0; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 8px; padding: 8px 12px; box-shadow: var(--tf-shadow-2); max-height: 320px; overflow: auto; min-width: 200px; }
    .menu label { padding: 3px 0; white-space: nowrap; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 12px; }
    .empty { color: var(--tf-color-text-muted); }
  `,
  ];

  @property({ attribute: false }) runs: Run[] = [];
  @property({ attribute: false }) allMetrics: string[] = [];
  @property({ attribute: false }) metrics: string[] = [];
  @property({ attribute: false }) cache!: HistoryCache;
  /** Bumped by the page whenever the cache gained histories, so charts redraw. */
  @property({ type: Number }) historyVersion = 0;
  @property({ attribute: false }) colors: ReadonlyMap<string, string> = new Map();
  @property({ attribute: false }) hiddenRuns: ReadonlySet<string> = new Set();
  @property() x: XAxisMode = 'step';
  @property({ type: Number }) smoothing = 0;
  @property({ type: Boolean }) logScale = false;
  @property({ type: Boolean }) loading = false;
  /**
   * When runs are grouped: per metric, one mean line per group (with its band), drawn instead of a line per run.
   * On either time axis the groups are aligned on seconds since each run started, so "Wall time" reads as that.
   */
  @property({ attribute: false }) groupedSeries: ReadonlyMap<string, ChartSeries[]> | null = null;
  @property() band: BandMode = 'std';

  /** Series are rebuilt only when their inputs change: moving the cursor or hiding a run must stay cheap. */
  private seriesMemo = new Map<string, ChartSeries[]>();
  private memoInputs = '';

  private seriesFor(metric: string): ChartSeries[] {
    if (this.groupedSeries) return this.groupedSeries.get(metric) ?? [];
    const inputs = `${this.historyVersion}|${this.x}|${this.smoothing}|${this.runs.map((r) => r.info.runId + r.info.runName).join(',')}`;
    if (inputs !== this.memoInputs) {
      this.memoInputs = inputs;
      this.seriesMemo.clear();
    }
    let series = this.seriesMemo.get(metric);
    if (!series) {
      series = metricSeries(this.runs, metric, this.cache, {
        x: this.x,
        smoothing: this.smoothing,
        colors: this.colors,
      });
      this.seriesMemo.set(metric, series);
    }
    return series;
  }

  private toggleMetric(metric: string, on: boolean): void {
    const chosen = new Set(this.metrics);
    if (on) chosen.add(metric);
    else chosen.delete(metric);
    compareChange(this, { metrics: this.allMetrics.filter((m) => chosen.has(m)) });
  }

  private onSeriesToggle(event: CustomEvent<SeriesToggleDetail>): void {
    // A group's line hides in its chart only: hidden runs in the URL are run ids, and a group is not one.
    if (this.groupedSeries) return;
    const hidden = new Set(this.hiddenRuns);
    if (event.detail.hidden) hidden.add(event.detail.key);
    else hidden.delete(event.detail.key);
    compareChange(this, { hiddenRuns: [...hidden] });
  }

  private get smoothingLabel(): string {
    return this.smoothing === 0 ? 'off' : this.smoothing.toFixed(2);
  }

  render() {
    return html`
      <div class="toolbar">
        <details>
          <summary>Metrics: ${this.metrics.length} of ${this.allMetrics.length}</summary>
          <div class="menu" role="group" aria-label="Metrics to chart">
            ${this.allMetrics.map(
              (m) => html`<label><input type="checkbox" .checked=${this.metrics.includes(m)}
              @change=${(e: Event) => this.toggleMetric(m, (e.target as HTMLInputElement).checked)} />${m}</label>`,
            )}
          </div>
        </details>
        <label>X axis
          <select @change=${(e: Event) => compareChange(this, { x: (e.target as HTMLSelectElement).value as XAxisMode })}>
            ${X_AXIS_MODES.map((mode) => html`<option value=${mode} ?selected=${mode === this.x}>${X_AXIS_CHOICES[mode]}</option>`)}
          </select>
        </label>
        <label>Smoothing
          <input type="range" min="0" max="0.99" step="0.01" .value=${String(this.smoothing)}
            @input=${(e: Event) => compareChange(this, { smoothing: Number((e.target as HTMLInputElement).value) })} />
          <output>${this.smoothingLabel}</output>
        </label>
        ${
          this.groupedSeries
            ? html`<label>Band
              <select @change=${(e: Event) => compareChange(this, { band: (e.target as HTMLSelectElement).value as BandMode })}>
                ${BAND_MODES.map((mode) => html`<option value=${mode} ?selected=${mode === this.band}>${BAND_LABELS[mode]}</option>`)}
              </select>
            </label>`
            : nothing
        }
        <label><input type="checkbox" .checked=${this.logScale}
          @change=${(e: Event) => compareChange(this, { logScale: (e.target as HTMLInputElement).checked })} />Log scale</label>
        ${this.loading ? html`<span role="status">Loading metric histories…</span>` : nothing}
      </div>
      ${
        this.metrics.length === 0
          ? html`<p class="empty">${this.allMetrics.length ? 'Choose metrics to chart.' : 'These runs logged no metrics.'}</p>`
          : html`<div class="grid" @series-toggle=${this.onSeriesToggle}>
            ${this.metrics.map(
              (metric) => html`<metric-chart
              .title=${metric}
              .series=${this.seriesFor(metric)}
              .xLabel=${X_AXIS_LABELS[this.groupedSeries && this.x === 'wall' ? 'relative' : this.x]}
              ?xTime=${!this.groupedSeries && this.x === 'wall'}
              ?logScale=${this.logScale}
              .hiddenKeys=${this.groupedSeries ? NO_HIDDEN : this.hiddenRuns}
              syncKey="compare"
            ></metric-chart>`,
            )}
          </div>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-metric-charts': CompareMetricCharts;
  }
}
