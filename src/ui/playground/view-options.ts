import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formStyles } from './form-styles';

export interface ViewOptions {
  /** Draw the held-out test points too (else only the training points). */
  showTestData: boolean;
  /** Colour the boundary and the unit heatmaps by side (class or sign) instead of by degree. */
  discretize: boolean;
}

/**
 * `<view-options>`: the TensorFlow Playground's two view switches, "Show test data" and "Discretize output".
 *
 * @fires view-change - detail: ViewOptions, on every change
 */
@customElement('view-options')
export class ViewOptionsElement extends LitElement {
  static styles = [
    formStyles,
    css`:host { display: flex; flex-wrap: wrap; gap: var(--tf-space-1) var(--tf-space-4); } label { display: flex; align-items: center; gap: var(--tf-space-1); color: var(--tf-color-text); }`,
  ];

  @property({ attribute: false }) options: ViewOptions = { showTestData: true, discretize: false };

  render() {
    const box = (
      label: string,
      key: keyof ViewOptions,
    ) => html`<label><input type="checkbox" .checked=${this.options[key]}
      @change=${(e: Event) => this.change({ [key]: (e.target as HTMLInputElement).checked })} />${label}</label>`;
    return html`${box('Show test data', 'showTestData')}${box('Discretize output', 'discretize')}`;
  }

  private change(patch: Partial<ViewOptions>): void {
    this.dispatchEvent(
      new CustomEvent<ViewOptions>('view-change', {
        detail: { ...this.options, ...patch },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'view-options': ViewOptionsElement;
  }
}
