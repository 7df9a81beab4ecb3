import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { isDigitsParams } from '../../ml/digits';
import { runSectionStyles } from '../run/run-styles';
import type { AppServices } from '../services';
import './digit-draw';

/**
 * `<draw-section>`: the "Try the model" card of the run page, a model version page and the Playground: draw a
 * digit or upload an image and see the stored model's class probabilities (see <digit-draw>). It shows itself
 * only when the model's run trained on digits, so pages can place it for any model.
 */
@customElement('draw-section')
export class DrawSection extends LitElement {
  static styles = [runSectionStyles, css`:host([hidden]) { display: none; }`];

  @property({ attribute: false }) services!: AppServices;
  /** The run the model was logged in, to tell whether it reads digits. */
  @property() runId = '';
  /** The stored model: runs:/<id>/model, models:/<name>/<version> or models:/<name>@<alias>. */
  @property() uri = '';
  @state() private digits = false;

  willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('runId')) return;
    const runId = this.runId;
    this.digits = false;
    if (!runId) return;
    void this.services.tracking
      .getRun(runId)
      .then((run) => {
        if (this.runId === runId) this.digits = isDigitsParams(run.data.params);
      })
      .catch(() => {});
  }

  protected updated(): void {
    this.hidden = !this.digits;
  }

  render() {
    if (!this.digits) return html``;
    return html`<h2>Try the model</h2>
      ${
        this.services.predict
          ? html`<digit-draw .predict=${this.services.predict} uri=${this.uri}></digit-draw>`
          : html`<p class="empty">Predicting needs Web Workers, which this browser does not offer here.</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'draw-section': DrawSection;
  }
}
