import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Experiment, TrackingClient } from '../../tracking';
import { NotFoundError } from '../../tracking/errors';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage } from '../services';

/**
 * `<experiment-deleted-notice>`: says, in the Playground, that its experiment was deleted (here or in another
 * tab) and offers to restore it. A run already training into it keeps training and keeps every point; new runs
 * cannot start there until it is restored, so the page disables Train while this reports `deleted`.
 *
 * @fires experiment-deleted-change - `{ deleted }` whenever the experiment's state is known or changes.
 */
@customElement('experiment-deleted-notice')
export class ExperimentDeletedNotice extends LitElement {
  static styles = css`
    :host { display: block; }
    .notice {
      margin: var(--tf-space-2) 0; padding: var(--tf-space-2) var(--tf-space-3); border: 1px solid var(--tf-color-warning);
      border-radius: var(--tf-radius); background: var(--tf-color-surface-2); color: var(--tf-color-text);
    }
    p { margin: 0 0 var(--tf-space-2); }
    button {
      font: inherit; padding: var(--tf-space-1) var(--tf-space-3); border-radius: var(--tf-radius-sm); cursor: pointer;
      border: 1px solid var(--tf-color-accent); background: var(--tf-color-accent); color: var(--tf-color-on-accent);
    }
    button:focus-visible { outline: 2px solid var(--tf-color-focus); outline-offset: 2px; }
    .error { color: var(--tf-color-danger); }
  `;

  @property({ attribute: false }) tracking: TrackingClient | undefined;
  @property() experimentId = '';
  /** Whether a run is training into the experiment now. */
  @property({ type: Boolean }) training = false;
  @state() private restoreError = '';
  @state() private restoring = false;

  private experiment = new LiveQueryController<Experiment | null>(this);
  private queried: [TrackingClient | undefined, string] = [undefined, ''];
  private reported: boolean | null = null;

  willUpdate(): void {
    const { tracking, experimentId } = this;
    if (tracking && (tracking !== this.queried[0] || experimentId !== this.queried[1])) {
      this.queried = [tracking, experimentId];
      this.restoreError = '';
      // A missing experiment is <experiment-select>'s to report; this element speaks of deleted ones.
      this.experiment.setQuery(() =>
        tracking
          .getExperiment(experimentId)
          .catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e))),
      );
    }
  }

  updated(): void {
    const deleted = this.experiment.value?.lifecycleStage === 'deleted';
    if (this.experiment.value === undefined || deleted === this.reported) return;
    this.reported = deleted;
    this.dispatchEvent(
      new CustomEvent('experiment-deleted-change', { detail: { deleted }, bubbles: true, composed: true }),
    );
  }

  render() {
    const experiment = this.experiment.value;
    if (!experiment || experiment.lifecycleStage !== 'deleted') return nothing;
    const name = experiment.name;
    return html`<div class="notice" role="alert">
      <p>
        ${
          this.training
            ? html`The experiment “${name}” was deleted while this run trains into it. The run goes on and keeps every point, but it
              stays hidden with the experiment until you restore it.`
            : html`The experiment “${name}” was deleted. Restore it to train runs in it, or choose another experiment.`
        }
      </p>
      <button ?disabled=${this.restoring} @click=${this.restore}>Restore experiment “${name}”</button>
      ${this.restoreError ? html`<p class="error">${this.restoreError}</p>` : nothing}
    </div>`;
  }

  private async restore(): Promise<void> {
    if (!this.tracking) return;
    this.restoring = true;
    try {
      await this.tracking.restoreExperiment(this.experimentId);
      this.restoreError = '';
    } catch (error) {
      this.restoreError = `The experiment could not be restored: ${errorMessage(error)}`;
    } finally {
      this.restoring = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'experiment-deleted-notice': ExperimentDeletedNotice;
  }
}
