import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { GENERATOR_NAMES, MAX_NOISE, type GeneratorName } from '../../ml/generators';
import type { DatasetChoice } from '../../ml/model-dataset';
import { touchTargets } from '../primitives/touch-targets';

export type GeneratedChoice = Extract<DatasetChoice, { kind: 'generated' }>;

/**
 * Picks a seeded generated dataset: generator, number of points, noise and seed. A new seed gives new data of the
 * same shape, which is how a model is tried on data it has never seen.
 *
 * @fires dataset-change - detail: the GeneratedChoice, whenever a field changes to a valid value
 */
@customElement('dataset-picker')
export class DatasetPicker extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; }
    label { display: flex; flex-direction: column; gap: 2px; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
    input, select { font: inherit; font-size: var(--tf-font-size); padding: 4px 6px; border: 1px solid var(--tf-color-border); border-radius: 6px; width: 90px; }
    select { width: 110px; }
    .problem { color: var(--tf-color-danger); font-size: var(--tf-font-size); flex-basis: 100%; margin: 0; }
  `,
  ];

  @property({ attribute: false }) value: GeneratedChoice = {
    kind: 'generated',
    generator: 'spiral',
    numPoints: 300,
    noise: 0,
    seed: 7,
  };
  /** Only generators whose data the model can read (same task, same columns). */
  @property({ attribute: false }) generators: readonly GeneratorName[] = GENERATOR_NAMES;
  @state() private problem = '';

  private setField(field: keyof GeneratedChoice, raw: string): void {
    const next: GeneratedChoice = { ...this.value };
    if (field === 'generator') next.generator = raw as GeneratorName;
    else {
      const n = Number(raw);
      const limits = { numPoints: [2, 100_000], noise: [0, MAX_NOISE], seed: [0, 0xffffffff] } as const;
      const [min, max] = limits[field as keyof typeof limits];
      const whole = field !== 'noise';
      if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
        this.problem = `${{ numPoints: 'Points', noise: 'Noise', seed: 'Seed' }[field as 'numPoints' | 'noise' | 'seed']} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}.`;
        return;
      }
      (next as unknown as Record<string, number>)[field] = n;
    }
    this.problem = '';
    this.value = next;
    this.dispatchEvent(new CustomEvent('dataset-change', { detail: next }));
  }

  render() {
    const v = this.value;
    const input = (field: 'numPoints' | 'noise' | 'seed', label: string, value: number) =>
      html`<label>${label}<input type="number" .value=${String(value)} @change=${(e: Event) => this.setField(field, (e.target as HTMLInputElement).value)} /></label>`;
    return html`
      <label>Dataset
        <select @change=${(e: Event) => this.setField('generator', (e.target as HTMLSelectElement).value)}>
          ${this.generators.map((g) => html`<option value=${g} ?selected=${g === v.generator}>${g}</option>`)}
        </select>
      </label>
      ${input('numPoints', 'Points', v.numPoints)} ${input('noise', 'Noise', v.noise)} ${input('seed', 'Seed', v.seed)}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dataset-picker': DatasetPicker;
  }
}
