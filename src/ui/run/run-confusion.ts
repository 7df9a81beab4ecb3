import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../charts/confusion-matrix';
import { CONFUSION_MATRIX_PATH, parseConfusionFile, type ConfusionMatrixData } from '../../ml/confusion-file';
import { errorMessage, type AppServices } from '../services';
import { runSectionStyles } from './run-styles';

/**
 * A run's confusion matrix (its confusion_matrix.json, from a training or an evaluation run) as a picture, in a
 * section headed `heading`. Renders nothing, hidden, for a run without one. Children slotted into `cell` pass to
 * the matrix, which shows them for the chosen cell (its `cell-select` event bubbles out of this element).
 */
@customElement('run-confusion')
export class RunConfusion extends LitElement {
  static styles = [runSectionStyles, css`:host([hidden]) { display: none; }`];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @property() heading = 'Confusion matrix';
  @state() private data: ConfusionMatrixData | null = null;
  @state() private problem = '';
  private loadingFor = '';

  willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId') && this.runId !== this.loadingFor) void this.load(this.runId);
  }

  protected updated(): void {
    this.hidden = this.data === null && this.problem === '';
  }

  private async load(runId: string): Promise<void> {
    this.loadingFor = runId;
    this.data = null;
    this.problem = '';
    const tracking = this.services.tracking;
    try {
      const files = await tracking.listArtifacts(runId);
      if (!files.some((f) => f.path === CONFUSION_MATRIX_PATH)) return;
      const data = parseConfusionFile(await (await tracking.getArtifact(runId, CONFUSION_MATRIX_PATH)).text());
      if (this.loadingFor === runId) this.data = data;
    } catch (error) {
      if (this.loadingFor === runId) this.problem = errorMessage(error);
    }
  }

  render() {
    if (this.problem) return html`<h2>${this.heading}</h2><p class="error" role="alert">${this.problem}</p>`;
    const data = this.data;
    if (!data) return nothing;
    return html`<h2>${this.heading}</h2>
      <confusion-matrix .labels=${data.labels} .matrix=${data.matrix} caption=${data.split ? `on the ${data.split} data` : ''}><slot name="cell" slot="cell"></slot></confusion-matrix>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-confusion': RunConfusion;
  }
}
