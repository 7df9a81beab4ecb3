import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DatasetConfig } from '../../ml/dataset-config';
import { DEFAULT_DIGITS_CONFIG } from '../../ml/digits';
import { GENERATOR_NAMES, generatorTask, type GeneratorName } from '../../ml/generators';
import { formStyles, numberOf } from './form-styles';

export interface DatasetChangeDetail {
  dataset: DatasetConfig;
  /** True when "Upload a CSV" is chosen instead of a generator. */
  csv: boolean;
  /** Set when "Digits" is chosen: how many of the shipped digits to use (0 for all). */
  digits: { subset: number } | null;
  /** True when "Image folder" is chosen (the folder itself is picked in <image-folder-picker>). */
  images: boolean;
}

const GENERATOR_LABELS: Record<GeneratorName, string> = {
  spiral: 'Spiral',
  xor: 'XOR',
  circle: 'Circle',
  gauss: 'Gaussian clusters',
  moons: 'Moons',
  plane: 'Plane (regression)',
  sine: 'Sine, 1-D (regression)',
};

const CSV_CHOICE = 'csv';
const DIGITS_CHOICE = 'digits';
const IMAGES_CHOICE = 'images';

/**
 * `<dataset-controls>`: which data to train on (a seeded generator or an uploaded CSV) and how to make and
 * split it. Problems are shown by the page, which knows the whole config.
 *
 * @fires dataset-change - DatasetChangeDetail, on every edit.
 */
@customElement('dataset-controls')
export class DatasetControls extends LitElement {
  static styles = [formStyles, css`:host { display: block; }`];

  /** Named `config` because `dataset` is every element's data-* attribute map. */
  @property({ attribute: false }) config!: DatasetConfig;
  @property({ type: Boolean }) csv = false;
  @property({ attribute: false }) digits: { subset: number } | null = null;
  @property({ type: Boolean }) images = false;
  @property({ type: Boolean }) disabled = false;

  render() {
    const d = this.config;
    const field = (
      label: string,
      value: number,
      key: keyof DatasetConfig,
      attrs: { min: number; max?: number; step: number },
    ) => html`
      <label>${label}
        <input type="number" aria-label=${label} .value=${Number.isNaN(value) ? '' : String(value)} min=${attrs.min} max=${attrs.max ?? nothing} step=${attrs.step}
          ?disabled=${this.disabled} @input=${(e: Event) => this.change({ ...this.config, [key]: numberOf(e) })} />
      </label>`;
    return html`
      <fieldset>
        <legend>Data</legend>
        <label class="wide">Dataset
          <select aria-label="Dataset" ?disabled=${this.disabled} @change=${this.onChoose}>
            ${GENERATOR_NAMES.map((name) => html`<option .value=${name} ?selected=${!this.csv && !this.digits && !this.images && d.generator === name}>${GENERATOR_LABELS[name]}</option>`)}
            <option .value=${DIGITS_CHOICE} ?selected=${this.digits !== null}>Digits</option>
            <option .value=${IMAGES_CHOICE} ?selected=${this.images}>Image folder</option>
            <option .value=${CSV_CHOICE} ?selected=${this.csv}>Upload a CSV…</option>
          </select>
        </label>
        ${
          this.digits
            ? html`<label>Subset (0 = all 10,000)
              <input type="number" aria-label="Subset" min="0" max="10000" step="500" .value=${String(this.digits.subset)} ?disabled=${this.disabled}
                @input=${(e: Event) => this.change(this.config, false, { subset: numberOf(e) })} />
            </label>`
            : nothing
        }
        ${
          this.csv || this.digits || this.images
            ? nothing
            : html`
              ${field('Points', d.numPoints, 'numPoints', { min: 2, step: 50 })}
              ${field('Noise (0–50)', d.noise, 'noise', { min: 0, max: 50, step: 5 })}
              ${d.generator === 'gauss' ? field('Clusters', d.numClasses ?? 2, 'numClasses', { min: 2, max: 8, step: 1 }) : nothing}
            `
        }
        ${field('Test fraction', d.testFraction, 'testFraction', { min: 0, max: 0.9, step: 0.05 })}
        ${field('Data seed', d.seed, 'seed', { min: 0, step: 1 })}
        ${this.digits ? html`<p class="note">Classification of 28 × 28 handwritten digits (MNIST, shipped with the app)</p>` : nothing}
        ${this.images ? html`<p class="note">Classification of your own pictures, one subfolder per class</p>` : nothing}
        ${this.csv || this.digits || this.images ? nothing : html`<p class="note">${generatorTask(d.generator) === 'classification' ? 'Classification' : 'Regression'}</p>`}
      </fieldset>
    `;
  }

  private onChoose(event: Event): void {
    const choice = (event.target as HTMLSelectElement).value;
    if (choice === CSV_CHOICE) {
      this.change(this.config, true, null, false);
      return;
    }
    if (choice === DIGITS_CHOICE) {
      this.change(this.config, false, { subset: DEFAULT_DIGITS_CONFIG.subset }, false);
      return;
    }
    if (choice === IMAGES_CHOICE) {
      this.change(this.config, false, null, true);
      return;
    }
    const generator = choice as GeneratorName;
    // Only the gauss generator takes a class count; every other one refuses it.
    const { numClasses: _dropped, ...rest } = this.config;
    this.change(
      generator === 'gauss' ? { ...rest, generator, numClasses: this.config.numClasses ?? 2 } : { ...rest, generator },
      false,
      null,
      false,
    );
  }

  private change(dataset: DatasetConfig, csv = this.csv, digits = this.digits, images = this.images): void {
    const detail: DatasetChangeDetail = { dataset, csv, digits, images };
    this.dispatchEvent(new CustomEvent('dataset-change', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dataset-controls': DatasetControls;
  }
}
