import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Run } from '../../tracking';
import '../run/run-confusion';
import type { AppServices } from '../services';
import { StagedReveal } from './staged-reveal';

/** Runs whose matrix is looked up per frame: each starts an artifact read and renders an element. */
const RUNS_PER_FRAME = 10;

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

  private reveal = new StagedReveal(this, () => this.runs.length, RUNS_PER_FRAME, RUNS_PER_FRAME);

  private shownIds = '';

  protected willUpdate(changed: PropertyValues<this>): void {
    // Restart only for other runs: the same runs arrive as a new array whenever the database changes (a run
    // still training), and restarting would remove and re-read every matrix each time.
    const ids = this.runs.map((r) => r.info.runId).join(',');
    if (changed.has('runs') && ids !== this.shownIds) {
      this.shownIds = ids;
      this.reveal.restart();
    }
  }

  render() {
    return this.runs
      .slice(0, this.reveal.shown)
      .map(
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
