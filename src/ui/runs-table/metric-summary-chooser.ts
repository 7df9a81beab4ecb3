import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { touchTargets } from '../primitives/touch-targets';
import type { Aggregate } from '../../stats/describe';
import { summaryFor, type ColumnSummary, type MetricPick, type SummaryChoices } from './grouping';
import { OutsideClickController } from '../primitives/outside-click';

const PICK_LABELS: Record<MetricPick, string> = { last: 'Last', min: 'Min', max: 'Max' };
const AGGREGATE_LABELS: Record<Aggregate, string> = { mean: 'Mean ± std', median: 'Median', min: 'Min', max: 'Max' };

/**
 * "Metric values": per metric column, which value a run shows (last logged, min or max, as the run row stores
 * all three) and how a group sums its runs up (mean ± std, median, min, max).
 *
 * @fires summaries-change - detail: the new SummaryChoices
 */
@customElement('metric-summary-chooser')
export class MetricSummaryChooser extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { position: relative; display: inline-block; }
    .panel { position: absolute; left: 0; top: calc(100% + 4px); z-index: 10; width: min(420px, 90vw); max-height: 360px; overflow: auto; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); box-shadow: var(--tf-shadow-2); padding: var(--tf-space-2); }
    table { border-collapse: collapse; width: 100%; font-size: var(--tf-font-size-sm); }
    th, td { text-align: left; padding: 3px 4px; }
    th { color: var(--tf-color-text-muted); font-weight: 600; }
    td:first-child { overflow-wrap: anywhere; }
    select { font: inherit; font-size: var(--tf-font-size-sm); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); background: var(--tf-color-surface); color: var(--tf-color-text); }
    button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
  `,
  ];

  /** Metric keys of the table. */
  @property({ attribute: false }) metrics: readonly string[] = [];
  @property({ attribute: false }) value: SummaryChoices = {};
  @state() private open = false;

  // Closes the menu on a click elsewhere on the page.
  protected readonly outsideClick = new OutsideClickController(this, () => (this.open = false));

  private set(metric: string, change: Partial<ColumnSummary>): void {
    const detail: SummaryChoices = { ...this.value, [metric]: { ...this.value[metric], ...change } };
    this.dispatchEvent(new CustomEvent('summaries-change', { detail, bubbles: true, composed: true }));
  }

  render() {
    return html`<button aria-expanded=${this.open ? 'true' : 'false'} aria-controls="summary-panel" @click=${() => (this.open = !this.open)}>Metric values</button>
      ${
        this.open
          ? html`<div class="panel" id="summary-panel" role="group" aria-label="Metric values" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.open = false)}>
            <table>
              <thead><tr><th scope="col">Metric</th><th scope="col">Each run shows</th><th scope="col">A group shows</th></tr></thead>
              <tbody>
                ${this.metrics.length === 0 ? html`<tr><td colspan="3">No metrics logged yet.</td></tr>` : nothing}
                ${this.metrics.map((metric) => {
                  const summary = summaryFor(this.value, metric);
                  return html`<tr>
                    <td>${metric}</td>
                    <td><select aria-label=${`Value of ${metric} per run`} @change=${(e: Event) => this.set(metric, { pick: (e.target as HTMLSelectElement).value as MetricPick })}>
                      ${Object.entries(PICK_LABELS).map(([v, label]) => html`<option value=${v} ?selected=${summary.pick === v}>${label}</option>`)}
                    </select></td>
                    <td><select aria-label=${`Summary of ${metric} per group`} @change=${(e: Event) => this.set(metric, { aggregate: (e.target as HTMLSelectElement).value as Aggregate })}>
                      ${Object.entries(AGGREGATE_LABELS).map(([v, label]) => html`<option value=${v} ?selected=${summary.aggregate === v}>${label}</option>`)}
                    </select></td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'metric-summary-chooser': MetricSummaryChooser;
  }
}
