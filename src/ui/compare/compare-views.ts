import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Experiment } from '../../tracking';
import '../experiments/saved-views-bar';
import { serializeView, viewTagKey, type SavedView } from '../experiments/saved-views';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import { viewFromCompare } from './chart-view';
import { compareChange } from './compare-change';
import type { CompareSettings } from './compare-settings';

/**
 * `<compare-views>`: "Save view" and the "Views" list on Compare, for the experiment of the compared runs. A
 * view keeps the charts' settings (group by, band, smoothing, x axis, metrics, log scale) as the experiment tag
 * `tabflow.view.<name>`, so it travels in the zip export; opening one applies them to the runs shown.
 *
 * @fires compare-change - the opened view's chart settings.
 */
@customElement('compare-views')
export class CompareViews extends LitElement {
  static styles = css`
    :host { display: block; }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property() experimentId = '';
  @property({ attribute: false }) settings!: CompareSettings;
  @state() private error = '';

  private experiment = new LiveQueryController<Experiment>(this);
  private queried = '';

  protected willUpdate(): void {
    if (this.experimentId && this.experimentId !== this.queried) {
      const id = (this.queried = this.experimentId);
      this.experiment.setQuery(() => this.services.tracking.getExperiment(id));
    }
  }

  private async save(name: string): Promise<void> {
    try {
      await this.services.tracking.setExperimentTag(
        this.experimentId,
        viewTagKey(name),
        serializeView(viewFromCompare(this.settings)),
      );
      this.error = '';
    } catch (error) {
      this.error = `Could not save the view: ${errorMessage(error)}`;
    }
  }

  private open(view: SavedView): void {
    if (view.charts) compareChange(this, { ...view.charts });
  }

  render() {
    return html`<saved-views-bar chartsOnly .tags=${this.experiment.value?.tags ?? {}} error=${this.error}
      @save-view=${(e: CustomEvent<string>) => {
        e.stopPropagation();
        void this.save(e.detail);
      }}
      @open-view=${(e: CustomEvent<SavedView>) => {
        e.stopPropagation();
        this.open(e.detail);
      }}></saved-views-bar>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-views': CompareViews;
  }
}
