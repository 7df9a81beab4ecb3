import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  cnnFields,
  isCnn,
  POOLINGS,
  validateImageModel,
  type ImageModelFields,
  type Pooling,
} from '../../ml/image-model-config';
import type { ModelConfig } from '../../ml/model-config';
import { formStyles, numberOf } from '../playground/form-styles';

const POOLING_LABELS: Record<Pooling, string> = { max: 'Max', avg: 'Average', none: 'None' };

/** "8, 16" → [8, 16]; an unreadable entry becomes NaN, which validation reports in words. */
function parseFilters(text: string): number[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
}

/**
 * `<image-model-fields>`: the image-model part of the Playground's model form, shown for image data: "Model
 * type" (MLP over the flattened pixels, or a CNN) and, for a CNN, "Filters", "Kernel size" and "Pooling". The
 * dense layers, dropout and the rest stay in <model-config-form>, which also lists every problem in words.
 *
 * @fires config-change - { config: ModelConfig }, on every edit (the same event as <model-config-form>).
 */
@customElement('image-model-fields')
export class ImageModelFieldsElement extends LitElement {
  static styles = [formStyles, css`:host { display: block; }`];

  @property({ attribute: false }) config!: ModelConfig;
  @property({ type: Boolean }) disabled = false;

  render() {
    const c = this.config;
    const cnn = isCnn(c);
    const fields = cnnFields(c);
    const invalid = (field: keyof ImageModelFields) =>
      validateImageModel(c).some((p) => p.field === field) ? 'true' : 'false';
    return html`
      <fieldset>
        <legend>Image model</legend>
        <label>Model type
          <select aria-label="Model type" ?disabled=${this.disabled} @change=${this.onType}>
            <option value="mlp" ?selected=${!cnn}>MLP</option>
            <option value="cnn" ?selected=${cnn}>CNN</option>
          </select>
        </label>
        ${
          cnn
            ? html`
              <label>Filters (per convolution)
                <input aria-label="Filters" .value=${fields.filters.join(', ')} aria-invalid=${invalid('filters')} ?disabled=${this.disabled}
                  @input=${(e: Event) => this.change({ filters: parseFilters((e.target as HTMLInputElement).value) })} />
              </label>
              <label>Kernel size
                <input type="number" aria-label="Kernel size" min="1" max="7" step="1" .value=${Number.isNaN(fields.kernelSize) ? '' : String(fields.kernelSize)}
                  aria-invalid=${invalid('kernelSize')} ?disabled=${this.disabled} @input=${(e: Event) => this.change({ kernelSize: numberOf(e) })} />
              </label>
              <label>Pooling
                <select aria-label="Pooling" ?disabled=${this.disabled} @change=${(e: Event) => this.change({ pooling: (e.target as HTMLSelectElement).value as Pooling })}>
                  ${POOLINGS.map((p) => html`<option .value=${p} ?selected=${fields.pooling === p}>${POOLING_LABELS[p]}</option>`)}
                </select>
              </label>
              <p class="note">Each convolution is followed by 2 × 2 pooling; the hidden layers below come after them.</p>
            `
            : html`<p class="note">The MLP sees the pixels as one flat row.</p>`
        }
      </fieldset>
    `;
  }

  private onType(event: Event): void {
    const type = (event.target as HTMLSelectElement).value;
    if (type === 'cnn') {
      this.change(cnnFields(this.config));
      return;
    }
    // An MLP keeps no CNN fields, so its params are exactly those of any other MLP.
    const { modelType: _type, filters: _filters, kernelSize: _kernel, pooling: _pooling, ...mlp } = this.config;
    this.emit(mlp);
  }

  private change(patch: ImageModelFields): void {
    this.emit({ ...this.config, ...patch });
  }

  private emit(config: ModelConfig): void {
    this.dispatchEvent(new CustomEvent('config-change', { detail: { config }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'image-model-fields': ImageModelFieldsElement;
  }
}
