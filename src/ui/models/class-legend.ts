import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssColor, pointColor } from '../../ml/boundary-palette';

/**
 * `<class-legend>`: which colour is which class on a decision-boundary plot, in the plot's own palette (the
 * boundary pictures use data colours, the same in every theme).
 */
@customElement('class-legend')
export class ClassLegend extends LitElement {
  static styles = css`
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: var(--tf-space-1) var(--tf-space-3); font-size: var(--tf-font-size-sm); color: var(--tf-color-text); }
    li { display: flex; align-items: center; gap: var(--tf-space-1); }
    .swatch { width: 12px; height: 12px; border-radius: 50%; border: 1px solid var(--tf-color-border); flex: none; }
  `;

  /** The name of each class index, as the model was trained with them (classNamesOf its signature). */
  @property({ attribute: false }) classNames: readonly string[] = [];

  render() {
    if (this.classNames.length === 0) return nothing;
    const scale = { task: 'classification' as const, numClasses: this.classNames.length };
    return html`<ul aria-label="Class colours">
      ${this.classNames.map(
        (label, index) =>
          html`<li><span class="swatch" style="background:${cssColor(pointColor(index, scale))}"></span>class ${label}</li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'class-legend': ClassLegend;
  }
}
