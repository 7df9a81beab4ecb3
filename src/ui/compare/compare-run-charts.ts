import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../charts/box-plot';
import '../../charts/parallel-coordinates';
import '../../charts/scatter-chart';
import type { BoxGroup } from '../../charts/box-plot';
import type { ScatterPoint } from '../../charts/scatter-chart';
import { runColor } from '../../charts/run-colors';
import type { Run } from '../../tracking';
import { compareChange } from './compare-change';
import type { CompareSettings } from './compare-settings';
import { fieldKey, fieldKind, fieldValue, fieldValues, isFieldId, listFields, type FieldId } from './fields';
import { defaultBoxBy, defaultParallelFields, defaultScatterX, winningMetricField } from './run-chart-defaults';
import { ownValue } from '../../tracking/keyed-record';
import { touchTargets } from '../primitives/touch-targets';
import { runHref } from '../links';
import { StagedReveal } from './staged-reveal';
import { RenderMemo } from './memo';

const RUN_CHART_SETTINGS = ['parallelFields', 'scatterX', 'scatterY', 'boxMetric', 'boxBy', 'winBy'] as const;

const fieldName = (id: FieldId) => `${fieldKey(id)}${fieldKind(id) === 'param' ? '' : ' (metric)'}`;

/**
 * `<compare-run-charts>`: one mark per run — parallel coordinates over chosen params and metrics, a scatter
 * of any two, and a box plot of a metric grouped by a param. Runs hidden in a legend are left out here too.
 *
 * @fires compare-change - `{ parallelFields }`, `{ scatterX }`, `{ scatterY }`, `{ boxMetric }`, `{ boxBy }`.
 */
@customElement('compare-run-charts')
export class CompareRunCharts extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: flex; flex-direction: column; gap: 12px; }
    /* Two columns from the start, not auto-fit: the scatter appears a frame before the box plot (StagedReveal),
       and a scatter first stretched across both columns would be drawn again at half width in the box plot's frame. */
    :host { container-type: inline-size; }
    .pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; }
    @container (max-width: 851px) { .pair { grid-template-columns: minmax(0, 1fr); } }
    label { display: inline-flex; align-items: center; gap: 4px; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
    select { font: inherit; font-size: var(--tf-font-size-sm); max-width: 160px; }
    details { position: relative; font-size: var(--tf-font-size-sm); }
    summary { cursor: pointer; padding: 2px 8px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); list-style: none; }
    details[open] .menu { position: absolute; right: 0; z-index: 5; top: 26px; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 8px; padding: 8px 12px; box-shadow: var(--tf-shadow-2); max-height: 320px; overflow: auto; min-width: 200px; display: flex; flex-direction: column; }
    .menu label { color: var(--tf-color-text); font-size: var(--tf-font-size); padding: 2px 0; white-space: nowrap; }
  `,
  ];

  @property({ attribute: false }) runs: Run[] = [];
  @property({ attribute: false }) colors: ReadonlyMap<string, string> = new Map();
  @property({ attribute: false }) settings!: CompareSettings;
  @property({ attribute: false }) hiddenRuns: ReadonlySet<string> = new Set();

  /** Parallel coordinates, then the scatter, then the box plot, one per frame: each draws a mark per run. */
  private charts = new StagedReveal(this, () => 3);
  /** The charts' inputs, the same objects until they change: each chart redraws a mark per run when handed new ones. */
  private memo = new RenderMemo();

  /** Skip renders caused by settings these charts do not use (smoothing, x axis…): they redraw 100s of marks. */
  protected shouldUpdate(changed: PropertyValues<this>): boolean {
    if (changed.size !== 1 || !changed.has('settings')) return true;
    const before = changed.get('settings') as CompareSettings | undefined;
    return !before || RUN_CHART_SETTINGS.some((key) => before[key] !== this.settings[key]);
  }

  private get shownRuns(): Run[] {
    return this.memo.get('shown', [this.runs, this.hiddenRuns], () =>
      this.runs.filter((r) => !this.hiddenRuns.has(r.info.runId)),
    );
  }

  private fieldSelect(label: string, value: FieldId | null, fields: FieldId[], onChange: (f: FieldId) => void) {
    return html`<label slot="controls">${label}
      <select aria-label=${label} @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        if (isFieldId(v)) onChange(v);
      }}>
        ${fields.map((f) => html`<option value=${f} ?selected=${f === value}>${fieldName(f)}</option>`)}
      </select></label>`;
  }

  private renderParallel(runs: Run[], all: FieldId[]) {
    const chosen = (this.settings.parallelFields ?? defaultParallelFields(this.runs, this.settings.winBy)).filter((f) =>
      all.includes(f),
    );
    const toggle = (field: FieldId, on: boolean) => {
      const next = new Set(chosen);
      if (on) next.add(field);
      else next.delete(field);
      compareChange(this, { parallelFields: all.filter((f) => next.has(f)) });
    };
    const axes = this.memo.get('axes', [runs, chosen.join(',')], () =>
      chosen.map((f) => ({ key: f, label: fieldName(f), values: fieldValues(runs, f) })),
    );
    const items = this.memo.get('items', [runs, this.colors], () =>
      runs.map((r) => ({
        key: r.info.runId,
        label: r.info.runName || r.info.runId,
        color: this.colors.get(r.info.runId) ?? runColor(r.info.runId),
      })),
    );
    return html`<parallel-coordinates .title=${'Parallel coordinates'} .axes=${axes} .items=${items}>
      <details slot="controls">
        <summary>Axes: ${chosen.length}</summary>
        <div class="menu" role="group" aria-label="Parallel coordinates axes">
          ${all.map(
            (f) => html`<label><input type="checkbox" .checked=${chosen.includes(f)}
            @change=${(e: Event) => toggle(f, (e.target as HTMLInputElement).checked)} />${fieldName(f)}</label>`,
          )}
        </div>
      </details>
    </parallel-coordinates>`;
  }

  private renderScatter(runs: Run[], all: FieldId[]) {
    const x =
      this.settings.scatterX && all.includes(this.settings.scatterX)
        ? this.settings.scatterX
        : defaultScatterX(this.runs);
    const y =
      this.settings.scatterY && all.includes(this.settings.scatterY)
        ? this.settings.scatterY
        : winningMetricField(this.runs, this.settings.winBy);
    if (!x || !y) return nothing;
    const points = this.memo.get('points', [runs, x, y, this.colors], (): ScatterPoint[] => {
      const xs = fieldValues(runs, x);
      const ys = fieldValues(runs, y);
      return runs.map((r, i) => ({
        key: r.info.runId,
        label: r.info.runName || r.info.runId,
        color: this.colors.get(r.info.runId) ?? runColor(r.info.runId),
        x: xs[i],
        y: ys[i],
        href: runHref(r.info.runId),
      }));
    });
    return html`<scatter-chart .title=${`${fieldKey(y)} vs ${fieldKey(x)}`} .xLabel=${fieldKey(x)} .yLabel=${fieldKey(y)} .points=${points}>
      ${this.fieldSelect('Scatter X', x, all, (f) => compareChange(this, { scatterX: f }))}
      ${this.fieldSelect('Scatter Y', y, all, (f) => compareChange(this, { scatterY: f }))}
    </scatter-chart>`;
  }

  private renderBox(runs: Run[], fields: { params: FieldId[]; metrics: FieldId[] }) {
    const metrics = fields.metrics.map(fieldKey);
    const params = fields.params.map(fieldKey);
    const winning = winningMetricField(this.runs, this.settings.winBy);
    const metric =
      this.settings.boxMetric && metrics.includes(this.settings.boxMetric)
        ? this.settings.boxMetric
        : winning
          ? fieldKey(winning)
          : null;
    const by =
      this.settings.boxBy && params.includes(this.settings.boxBy) ? this.settings.boxBy : defaultBoxBy(this.runs);
    if (!metric || !by) return nothing;
    const sorted = this.memo.get('box', [runs, metric, by, this.colors], () => this.boxGroups(runs, metric, by));
    return html`<box-plot .title=${`${metric} by ${by}`} .valueLabel=${metric} .groupLabel=${by} .groups=${sorted}>
      <label slot="controls">Metric <select aria-label="Box plot metric" @change=${(e: Event) => compareChange(this, { boxMetric: (e.target as HTMLSelectElement).value })}>
        ${metrics.map((m) => html`<option ?selected=${m === metric}>${m}</option>`)}</select></label>
      <label slot="controls">by <select aria-label="Box plot grouped by" @change=${(e: Event) => compareChange(this, { boxBy: (e.target as HTMLSelectElement).value })}>
        ${params.map((p) => html`<option ?selected=${p === by}>${p}</option>`)}</select></label>
    </box-plot>`;
  }

  /** The box plot's groups: each run's `metric` under its value of the param `by`, groups in natural order. */
  private boxGroups(runs: Run[], metric: string, by: string): BoxGroup[] {
    const groups = new Map<string, BoxGroup>();
    for (const run of runs) {
      const value = fieldValue(run, `metrics.${metric}`);
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const label = ownValue(run.data.params, by) ?? '(not set)';
      if (!groups.has(label)) groups.set(label, { label, points: [] });
      groups.get(label)!.points.push({
        key: run.info.runId,
        label: run.info.runName || run.info.runId,
        color: this.colors.get(run.info.runId) ?? runColor(run.info.runId),
        value,
        href: runHref(run.info.runId),
      });
    }
    return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  }

  render() {
    const runs = this.shownRuns;
    const fields = this.memo.get('fields', [this.runs], () => listFields(this.runs));
    const all = [...fields.params, ...fields.metrics];
    if (all.length === 0) return nothing;
    const shown = this.charts.shown;
    return html`
      ${this.renderParallel(runs, all)}
      <div class="pair">${shown > 1 ? this.renderScatter(runs, all) : nothing}${shown > 2 ? this.renderBox(runs, fields) : nothing}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-run-charts': CompareRunCharts;
  }
}
