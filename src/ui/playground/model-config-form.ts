import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DERIVED_FEATURES, FEATURE_LABELS } from '../../ml/features';
import { ACTIVATIONS, BACKENDS, OPTIMIZERS, validateModelConfig, type ModelConfig } from '../../ml/model-config';
import { formStyles, numberOf } from './form-styles';

/** The Playground's input features, in its order: the raw columns, then the derived ones. */
const FEATURE_CHOICES = ['x', 'y', ...DERIVED_FEATURES] as const;
const RAW_FEATURES = ['x', 'y'];

const REGULARIZATIONS = ['None', 'L1', 'L2'] as const;
type Regularization = (typeof REGULARIZATIONS)[number];

const BACKEND_LABELS: Record<string, string> = { auto: 'auto', cpu: 'cpu', wasm: 'wasm', webgl: 'webgl (GPU)' };

/** "8, 8" → [8, 8]; an empty text is no hidden layer (a linear model); anything unreadable becomes NaN. */
function parseLayers(text: string): number[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/[\s,]+/).map((unit) => (unit === '' ? NaN : Number(unit)));
}

/**
 * `<model-config-form>`: the multilayer perceptron and how it trains. Each field's problem shows under the
 * form in words and marks the field invalid; the page refuses to train while there is one.
 *
 * @fires config-change - `{ config: ModelConfig }` on every edit.
 */
@customElement('model-config-form')
export class ModelConfigForm extends LitElement {
  static styles = [formStyles, css`:host { display: block; }`];

  @property({ attribute: false }) config!: ModelConfig;
  /** The dataset's raw column names; the Playground's derived features need columns named x and y. */
  @property({ attribute: false }) columns: string[] = RAW_FEATURES;
  @property({ type: Boolean }) disabled = false;
  /**
   * The choice and rate shown while both penalties are 0 (None, or L1/L2 while a rate is typed through "0.0…"),
   * so the fields do not jump when the config alone cannot tell.
   */
  @state() private chosen: Regularization = 'None';
  @state() private keptRate = 0.001;

  render() {
    const c = this.config;
    const problems = validateModelConfig(c);
    const invalid = (field: keyof ModelConfig) => (problems.some((p) => p.field === field) ? 'true' : 'false');
    const num = (
      label: string,
      field: keyof ModelConfig,
      attrs: { min: number; max?: number; step: number | 'any' },
    ) => {
      const value = c[field] as number;
      return html`<label>${label}
        <input type="number" aria-label=${label} .value=${Number.isNaN(value) ? '' : String(value)} min=${attrs.min} max=${attrs.max ?? nothing} step=${attrs.step}
          aria-invalid=${invalid(field)} ?disabled=${this.disabled} @input=${(e: Event) => this.change({ [field]: numberOf(e) })} />
      </label>`;
    };
    const choice = (
      label: string,
      field: 'activation' | 'optimizer' | 'backend',
      options: readonly string[],
      names?: Record<string, string>,
    ) => html`
      <label>${label}
        <select aria-label=${label} ?disabled=${this.disabled} @change=${(e: Event) => this.change({ [field]: (e.target as HTMLSelectElement).value })}>
          ${options.map((o) => html`<option .value=${o} ?selected=${c[field] === o}>${names?.[o] ?? o}</option>`)}
        </select>
      </label>`;
    return html`
      <fieldset>
        <legend>Model</legend>
        <label class="wide">Hidden layers (units per layer, comma-separated)
          <input aria-label="Hidden layers" .value=${c.hiddenLayers.join(', ')} aria-invalid=${invalid('hiddenLayers')} ?disabled=${this.disabled}
            @input=${(e: Event) => this.change({ hiddenLayers: parseLayers((e.target as HTMLInputElement).value) })} />
        </label>
        ${choice('Activation', 'activation', ACTIVATIONS)}
        ${choice('Optimizer', 'optimizer', OPTIMIZERS)}
        ${num('Learning rate', 'learningRate', { min: 0, step: 'any' })}
        ${num('Batch size', 'batchSize', { min: 1, step: 1 })}
        ${num('Epochs', 'epochs', { min: 1, step: 1 })}
        ${this.renderRegularization(invalid)}
        ${num('Dropout', 'dropout', { min: 0, max: 0.95, step: 0.05 })}
        ${num('Model seed', 'seed', { min: 0, step: 1 })}
        ${choice('Backend', 'backend', BACKENDS, BACKEND_LABELS)}
        ${this.renderFeatures()}
        ${problems.length > 0 ? html`<ul class="problems" role="alert">${problems.map((p) => html`<li>${p.message}</li>`)}</ul>` : nothing}
      </fieldset>
    `;
  }

  /**
   * The Playground's two fields over the config's two penalties: "Regularization" picks which one is on, and
   * "Regularization rate" is its rate. The rate is kept while None is chosen, so switching back restores it.
   */
  private renderRegularization(invalid: (field: keyof ModelConfig) => string) {
    const { l1, l2 } = this.config;
    const kind: Regularization = l1 > 0 ? 'L1' : l2 > 0 ? 'L2' : this.chosen;
    const rate = l1 > 0 ? l1 : l2 > 0 ? l2 : this.keptRate;
    const apply = (next: Regularization, value: number) => {
      this.chosen = next;
      this.keptRate = value;
      this.change({ l1: next === 'L1' ? value : 0, l2: next === 'L2' ? value : 0 });
    };
    return html`<label>Regularization
        <select aria-label="Regularization" ?disabled=${this.disabled} @change=${(e: Event) => apply((e.target as HTMLSelectElement).value as Regularization, rate)}>
          ${REGULARIZATIONS.map((o) => html`<option .value=${o} ?selected=${kind === o}>${o}</option>`)}
        </select>
      </label>
      <label>Regularization rate
        <input type="number" aria-label="Regularization rate" .value=${Number.isNaN(rate) ? '' : String(rate)} min="0" step="any"
          aria-invalid=${kind === 'L1' ? invalid('l1') : invalid('l2')} ?disabled=${this.disabled || kind === 'None'}
          @input=${(e: Event) => apply(kind, numberOf(e))} />
      </label>`;
  }

  private renderFeatures() {
    if (!RAW_FEATURES.every((name) => this.columns.includes(name))) {
      return html`<p class="note">Input features: the table's own columns.</p>`;
    }
    const chosen = this.config.inputFeatures.length === 0 ? RAW_FEATURES : this.config.inputFeatures;
    return html`<fieldset class="checks">
      <legend class="note">Input features</legend>
      ${FEATURE_CHOICES.map(
        (name) => html`<label><input type="checkbox" .checked=${chosen.includes(name)} ?disabled=${this.disabled}
          @change=${(e: Event) => this.toggleFeature(name, (e.target as HTMLInputElement).checked)} />${FEATURE_LABELS[name]}</label>`,
      )}
    </fieldset>`;
  }

  private toggleFeature(name: string, on: boolean): void {
    const current = this.config.inputFeatures.length === 0 ? RAW_FEATURES : this.config.inputFeatures;
    const next = FEATURE_CHOICES.filter((f) => (f === name ? on : current.includes(f)));
    // Exactly the raw columns is the default, stored as [] so links and params stay short.
    const isDefault = next.length === RAW_FEATURES.length && RAW_FEATURES.every((f) => next.includes(f as 'x' | 'y'));
    this.change({ inputFeatures: isDefault ? [] : [...next] });
  }

  private change(patch: Partial<ModelConfig>): void {
    this.dispatchEvent(
      new CustomEvent('config-change', {
        detail: { config: { ...this.config, ...patch } },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-config-form': ModelConfigForm;
  }
}
