import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../charts/metric-chart';
import type { ChartSeries } from '../../charts/metric-chart';
import type { MetricHistory, MetricSummary, Run } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { formatNumber } from '../../format';
import { type AppServices } from '../services';
import { runSectionStyles } from './run-styles';

/**
 * The run's metrics: a table of latest, min, max and step counts (read from the run row, no history needed) and
 * one chart per metric of its history over steps. Histories are a live query, so a running run's charts grow.
 */
@customElement('run-metrics')
export class RunMetrics extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(360px, 100%), 1fr)); gap: 12px; margin-top: 16px; }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) run!: Run;
  private histories = new LiveQueryController<Map<string, MetricHistory>>(this);
  private queriedKeys = '';
  /** One series array per history, so re-rendering for an unrelated change does not make charts redraw. */
  private seriesCache = new WeakMap<MetricHistory, ChartSeries[]>();

  willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('run')) return;
    const runId = this.run.info.runId;
    const keys = Object.keys(this.run.data.metrics).sort();
    const signature = `${runId}\n${keys.join('\n')}`;
    if (signature === this.queriedKeys) return;
    this.queriedKeys = signature;
    const tracking = this.services.tracking;
    this.histories.setQuery(
      async () =>
        new Map(await Promise.all(keys.map(async (k) => [k, await tracking.getMetricHistory(runId, k)] as const))),
    );
  }

  private series(history: MetricHistory | undefined): ChartSeries[] {
    if (!history) return [];
    let series = this.seriesCache.get(history);
    if (!series || series[0].label !== this.run.info.runName) {
      series = [{ label: this.run.info.runName, key: this.run.info.runId, xs: history.steps, ys: history.values }];
      this.seriesCache.set(history, series);
    }
    return series;
  }

  private row(key: string, m: MetricSummary) {
    return html`<tr>
      <td>${key}</td>
      <td class="num" title=${String(m.value)}>${formatNumber(m.value)}</td>
      <td class="num" title=${String(m.min)}>${formatNumber(m.min)}</td>
      <td class="num" title=${String(m.max)}>${formatNumber(m.max)}</td>
      <td class="num">${m.step}</td>
      <td class="num">${m.count}</td>
    </tr>`;
  }

  render() {
    const entries = Object.entries(this.run.data.metrics).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return html`<h2>Metrics</h2><p class="empty">No metrics logged.</p>`;
    const histories = this.histories.value;
    return html`<h2>Metrics <span class="count">${entries.length}</span></h2>
      <table aria-label="Metrics" tabindex="0">
        <thead><tr><th scope="col">Name</th><th scope="col" class="num">Latest</th><th scope="col" class="num">Min</th><th scope="col" class="num">Max</th><th scope="col" class="num">Last step</th><th scope="col" class="num">Points</th></tr></thead>
        <tbody>${entries.map(([k, m]) => this.row(k, m))}</tbody>
      </table>
      ${this.histories.error ? html`<p class="error" role="alert">Could not read the metric histories: ${String(this.histories.error)}</p>` : null}
      <div class="charts">
        ${entries.map(([key]) => html`<metric-chart .title=${key} xLabel="step" .syncKey=${`run-${this.run.info.runId}`} .height=${200} .series=${this.series(histories?.get(key))}></metric-chart>`)}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-metrics': RunMetrics;
  }
}
