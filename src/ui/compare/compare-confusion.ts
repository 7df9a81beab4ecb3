import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Run } from '../../tracking';
import '../run/run-confusion';
import type { AppServices } from '../services';

/**
 * `<compare-confusion>`: the confusion matrix of every compared run that has one, side by side, each headed by
 * its run's name. Runs without one (regression, or no classes) take no room.
 */
@customElement('compare-confusion')
export class CompareConfusion extends LitElement {
  static styles = css`
    :host { display: grid; gap: var(--tf-space-3); grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); align-items: start; }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) runs: Run[] = [];

  render() {
    return this.runs.map(
      (run) =>
        html`<run-confusion .services=${this.services} runId=${run.info.runId} heading="Confusion matrix: ${run.info.runName}"></run-confusion>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-confusion': CompareConfusion;
  }
}
