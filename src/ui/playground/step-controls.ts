import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { STEP_SIZES, type StepSize } from '../../ml/stepped-training';
import { formStyles } from './form-styles';

const STEP_SIZE_LABELS: Record<StepSize, string> = { epoch: 'Epoch', batch: 'Batch' };

/**
 * `<step-controls>`: the TensorFlow Playground's step-by-step training. "Step" trains one more epoch or batch
 * ("Step size") of one run that stays open between steps; "Reset" ends that run, so the next Step starts a
 * new one from weights initialized with the model seed.
 *
 * @fires step - detail: StepSize, the size of the step asked for
 * @fires reset - when Reset is pressed
 */
@customElement('step-controls')
export class StepControls extends LitElement {
  static styles = [
    formStyles,
    css`
      :host { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-2); }
      label { display: flex; align-items: center; gap: var(--tf-space-2); }
      button { font: inherit; font-size: var(--tf-font-size); font-weight: 600; padding: 6px 14px; border-radius: var(--tf-radius); border: 1px solid var(--tf-color-border); background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
      button:disabled { opacity: 0.5; cursor: not-allowed; }
    `,
  ];

  @property() size: StepSize = 'epoch';
  /** Step is possible (the setup is valid and no normal training runs). */
  @property({ type: Boolean }) canStep = false;
  /** A stepped run is open, which Reset ends. */
  @property({ type: Boolean }) stepping = false;

  render() {
    return html`
      <button ?disabled=${!this.canStep} @click=${() => this.emit('step', this.size)}>Step</button>
      <button ?disabled=${!this.stepping} @click=${() => this.emit('reset', null)}>Reset</button>
      <label>Step size
        <select aria-label="Step size" @change=${(e: Event) => (this.size = (e.target as HTMLSelectElement).value as StepSize)}>
          ${STEP_SIZES.map((s) => html`<option .value=${s} ?selected=${s === this.size}>${STEP_SIZE_LABELS[s]}</option>`)}
        </select>
      </label>
    `;
  }

  private emit(type: 'step' | 'reset', detail: StepSize | null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'step-controls': StepControls;
  }
}
