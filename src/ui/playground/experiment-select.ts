import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { DEFAULT_EXPERIMENT_ID, type Experiment, type TrackingClient } from '../../tracking';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage } from '../services';
import { formStyles } from './form-styles';

/**
 * `<experiment-select>`: which experiment the Playground's runs (and sweeps) go into, chosen among the active
 * experiments, kept live (one created or deleted in another tab shows up here).
 *
 * @fires experiment-change - `{ experimentId }`, when another experiment is chosen.
 */
@customElement('experiment-select')
export class ExperimentSelect extends LitElement {
  static styles = [formStyles, css`:host { display: block; } label { display: flex; align-items: center; gap: 8px; }`];

  @property({ attribute: false }) tracking: TrackingClient | undefined;
  /** The chosen experiment's id. */
  @property() value = DEFAULT_EXPERIMENT_ID;
  @property({ type: Boolean }) disabled = false;

  private experiments = new LiveQueryController<Experiment[]>(this);
  private queriedWith: TrackingClient | undefined;

  willUpdate(): void {
    const tracking = this.tracking;
    if (tracking && tracking !== this.queriedWith) {
      this.queriedWith = tracking;
      this.experiments.setQuery(() => tracking.searchExperiments({ viewType: 'ALL' }));
    }
  }

  render() {
    const all = this.experiments.value;
    // Deleted experiments are offered only when chosen (<experiment-deleted-notice> says so and offers Restore).
    const list = all?.filter((e) => e.lifecycleStage === 'active' || e.experimentId === this.value);
    // An id from a link whose experiment does not exist here (from another browser) stays visible, named as such.
    const missing = all !== undefined && !all.some((e) => e.experimentId === this.value);
    return html`
      <label>Experiment
        <select aria-label="Experiment" ?disabled=${this.disabled} @change=${this.onChange}>
          ${list?.map((e) => html`<option .value=${e.experimentId} ?selected=${e.experimentId === this.value}>${e.lifecycleStage === 'deleted' ? `${e.name} (deleted)` : e.name}</option>`)}
          ${missing ? html`<option .value=${this.value} selected disabled>Missing experiment (id ${this.value})</option>` : nothing}
        </select>
      </label>
      ${missing ? html`<p class="problems" role="alert">This experiment does not exist here: choose another one for the runs.</p>` : nothing}
      ${this.experiments.error ? html`<p class="problems" role="alert">The experiments could not be listed: ${errorMessage(this.experiments.error)}</p>` : nothing}
    `;
  }

  private onChange(event: Event): void {
    const experimentId = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(
      new CustomEvent('experiment-change', { detail: { experimentId }, bubbles: true, composed: true }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experiment-select': ExperimentSelect;
  }
}
