import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * `<empty-state>`: what a page says when it has nothing to show yet, and a link to the step that fills it
 * (an empty experiment → the Playground). The slot holds the explanation.
 */
@customElement('empty-state')
export class EmptyState extends LitElement {
  static styles = css`
    :host { display: block; background: var(--tf-color-surface); border: 1px dashed var(--tf-color-border); border-radius: var(--tf-radius-lg); padding: var(--tf-space-6) var(--tf-space-5); text-align: center; color: var(--tf-color-text-muted); font-size: var(--tf-font-size); }
    p { margin: 0; }
    a { display: inline-flex; align-items: center; min-height: 32px; margin-top: var(--tf-space-3); padding: 0 var(--tf-space-4); border-radius: var(--tf-radius); background: var(--tf-color-accent); color: var(--tf-color-on-accent); font-weight: 600; text-decoration: none; }
    a:focus-visible { outline: 2px solid var(--tf-color-focus); outline-offset: 2px; }
    @media (max-width: 719px), (pointer: coarse) { a { min-height: 44px; } }
  `;

  /** Where the next step is; no link without it. */
  @property() href = '';
  /** The link's words: say what happens, e.g. "Train a model in the Playground". */
  @property() action = '';

  render() {
    return html`<p><slot></slot></p>${this.href && this.action ? html`<a href=${this.href}>${this.action}</a>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'empty-state': EmptyState;
  }
}
