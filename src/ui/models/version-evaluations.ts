import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ownValue, quoteSearchValue, type Run } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import type { AppServices } from '../services';
import { modelsStyles } from './models-styles';
import { formatNumber } from '../../format';
import { compareHref, runHref } from '../links';

const EVALUATED_MODEL_TAG = 'tabflow.evaluated.model_name';

/** The headline metric of an evaluation run, by task. */
const HEADLINE = ['accuracy_score', 'f1_score', 'log_loss', 'root_mean_squared_error', 'r2_score'];

/**
 * The evaluation runs of a registered model's versions (found by their `tabflow.evaluated.model_name` tag), with
 * the dataset each used, so versions evaluated on the same data can be picked and compared side by side.
 */
@customElement('version-evaluations')
export class VersionEvaluations extends LitElement {
  static styles = modelsStyles;

  @property({ attribute: false }) services!: AppServices;
  @property() name = '';
  @state() private chosen = new Set<string>();
  private runs = new LiveQueryController<Run[]>(this);
  private shownName = '';

  protected willUpdate(): void {
    if (this.name === this.shownName) return;
    this.shownName = this.name;
    const name = this.name;
    const literal = quoteSearchValue(name);
    // A name holding both quote kinds cannot be written in a filter: ask for every evaluation and keep its own.
    const filter = `tags.\`${EVALUATED_MODEL_TAG}\` ${literal ? `= ${literal}` : 'IS NOT NULL'}`;
    this.runs.setQuery(async () => {
      const runs = await this.services.tracking.searchRuns({
        filter,
        orderBy: ['attributes.start_time DESC'],
        maxResults: 500,
      });
      return literal ? runs : runs.filter((run) => ownValue(run.data.tags, EVALUATED_MODEL_TAG) === name);
    });
  }

  private toggle(runId: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(runId);
    else next.delete(runId);
    this.chosen = next;
  }

  render() {
    if (this.runs.error)
      return html`<p class="error" role="alert">Could not list evaluations: ${String(this.runs.error)}</p>`;
    const runs = this.runs.value ?? [];
    if (runs.length === 0) return html`<p class="empty">No evaluations yet. Open a version and press "Evaluate".</p>`;
    const compare = [...this.chosen].filter((id) => runs.some((r) => r.info.runId === id));
    return html`
      <table aria-label="Evaluations">
        <thead><tr><th>Compare</th><th>Run</th><th>Version</th><th>Dataset (digest)</th>${HEADLINE.map((m) => html`<th>${m}</th>`)}</tr></thead>
        <tbody>
          ${runs.map((r) => {
            const input = r.inputs.datasetInputs.find((d) => d.context === 'eval');
            return html`<tr>
              <td><input type="checkbox" aria-label="Compare ${r.info.runName}" .checked=${this.chosen.has(r.info.runId)} @change=${(e: Event) => this.toggle(r.info.runId, (e.target as HTMLInputElement).checked)} /></td>
              <td><a href=${runHref(r.info.runId)}>${r.info.runName}</a></td>
              <td>${r.data.tags['tabflow.evaluated.model_version'] ?? ''}</td>
              <td>${input ? `${input.name} (${input.digest.slice(0, 8)})` : ''}</td>
              ${HEADLINE.map((m) => html`<td>${r.data.metrics[m] ? formatNumber(r.data.metrics[m].value) : ''}</td>`)}
            </tr>`;
          })}
        </tbody>
      </table>
      ${
        compare.length >= 2
          ? html`<p><a href=${compareHref(compare)}>Compare the ${compare.length} chosen evaluations</a></p>`
          : html`<p class="note">Choose two or more evaluations to compare them.</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'version-evaluations': VersionEvaluations;
  }
}
