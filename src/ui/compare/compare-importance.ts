import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatNumber } from '../../charts/format';
import type { ImportanceInput, ImportanceResult } from '../../stats/importance';
import type { Run } from '../../tracking';
import { errorMessage } from '../../shared/errors';
import { compareChange } from './compare-change';
import { touchTargets } from '../primitives/touch-targets';

/** The forest's seed: fixed, so the same runs always rank the same way. */
const IMPORTANCE_SEED = 1;

export type FitImportance = (inputs: ImportanceInput[], seed: number) => Promise<ImportanceResult>;

/**
 * `<compare-importance>`: which settings mattered for a chosen metric — per varied param its correlation with the
 * metric and a random-forest importance (fitted through `fit`, in the history worker), with n and a warning when
 * there are too few runs to say.
 *
 * @fires compare-change - `{ importanceMetric }` when another metric is chosen.
 */
@customElement('compare-importance')
export class CompareImportance extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    .toolbar { display: flex; flex-wrap: wrap; gap: var(--tf-space-3); align-items: center; font-size: var(--tf-font-size); margin-bottom: var(--tf-space-3); }
    select { font: inherit; font-size: var(--tf-font-size); }
    table { border-collapse: collapse; width: 100%; font-size: var(--tf-font-size); }
    th, td { text-align: left; padding: var(--tf-space-1) var(--tf-space-2); border-bottom: 1px solid var(--tf-color-border); }
    th { color: var(--tf-color-text-muted); font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; width: 7em; }
    .bar { height: 10px; border-radius: 5px; background: var(--tf-color-accent); min-width: 2px; }
    .warning { color: var(--tf-color-warning); margin: 0 0 var(--tf-space-2); }
    .muted { color: var(--tf-color-text-muted); margin: 0; }
  `,
  ];

  @property({ attribute: false }) runs: Run[] = [];
  @property({ attribute: false }) metrics: string[] = [];
  @property({ attribute: false }) metric: string | null = null;
  @property({ attribute: false }) fit!: FitImportance;
  @state() private result: ImportanceResult | null = null;
  @state() private error = '';
  /** What the last fit was for (runs and metric): the page hands a new metrics array on every render. */
  private fitted: { runs: Run[]; metric: string | null } = { runs: [], metric: null };
  private fitCount = 0;

  private get chosen(): string | null {
    return this.metric && this.metrics.includes(this.metric) ? this.metric : (this.metrics[0] ?? null);
  }

  protected willUpdate(): void {
    const metric = this.chosen;
    if (!metric || !this.fit || (this.fitted.runs === this.runs && this.fitted.metric === metric)) return;
    this.fitted = { runs: this.runs, metric };
    const inputs = this.runs.map((run) => ({
      params: { ...run.data.params },
      value: run.data.metrics[metric]?.value ?? Number.NaN,
    }));
    // Only the latest fit's answer is shown; an older one finishing later is dropped. No abort: ending a fit
    // early would end the worker the history reads share.
    const count = ++this.fitCount;
    this.fit(inputs, IMPORTANCE_SEED).then(
      (result) => {
        if (count !== this.fitCount) return;
        this.result = result;
        this.error = '';
      },
      (error: unknown) => {
        if (count === this.fitCount) this.error = `Could not work out the importance: ${errorMessage(error)}`;
      },
    );
  }

  render() {
    const metric = this.chosen;
    if (!metric) return html`<p class="muted">These runs logged no metrics.</p>`;
    const result = this.result;
    return html`<div class="toolbar">
        <label>Importance for
          <select @change=${(e: Event) => compareChange(this, { importanceMetric: (e.target as HTMLSelectElement).value })}>
            ${this.metrics.map((m) => html`<option ?selected=${m === metric}>${m}</option>`)}
          </select>
        </label>
        ${result ? html`<span>n = ${result.n} run${result.n === 1 ? '' : 's'}</span>` : html`<span role="status">Fitting…</span>`}
      </div>
      ${this.error ? html`<p class="warning" role="alert">${this.error}</p>` : nothing}
      ${result?.warning ? html`<p class="warning" role="note">${result.warning}</p>` : nothing}
      ${result && result.params.length === 0 ? html`<p class="muted">No param differs between these runs, so none can explain the difference.</p>` : nothing}
      ${
        result && result.params.length > 0
          ? html`<table aria-label="Parameter importance for ${metric}">
            <thead><tr><th scope="col">Param</th><th scope="col">Correlation</th><th scope="col" colspan="2">Importance</th></tr></thead>
            <tbody>
              ${result.params.map(
                (p) => html`<tr>
                <td>${p.param}</td>
                <td class="num" title=${p.correlationKind === 'pearson' ? "Pearson's r (−1 … 1)" : 'correlation ratio η (0 … 1), for a text param'}>
                  ${formatNumber(p.correlation)}${p.correlationKind === 'eta' ? ' (η)' : ''}</td>
                <td class="num">${Math.round(p.importance * 100)} %</td>
                <td><div class="bar" style="width:${Math.max(1, p.importance * 100)}%"></div></td>
              </tr>`,
              )}
            </tbody>
          </table>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-importance': CompareImportance;
  }
}
