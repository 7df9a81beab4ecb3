import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * `<page-header>`: a page's title (its only h1), an optional line under it, and its main actions in the slot,
 * which wrap under the title on a narrow screen.
 */
@customElement('page-header')
export class PageHeader extends LitElement {
  static styles = css`
    :host { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--tf-space-2) var(--tf-space-4); }
    .titles { flex: 1 1 240px; min-width: 0; }
    h1 { font-size: var(--tf-font-size-xl); margin: 0; overflow-wrap: anywhere; }
    p { margin: var(--tf-space-1) 0 0; color: var(--tf-color-text-muted); font-size: var(--tf-font-size); }
    .actions { display: flex; flex-wrap: wrap; gap: var(--tf-space-2); align-items: center; }
  `;

  @property() heading = '';
  @property() lead = '';

  render() {
    return html`<div class="titles"><h1>${this.heading}</h1>${this.lead ? html`<p>${this.lead}</p>` : nothing}</div>
      <div class="actions"><slot></slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'page-header': PageHeader;
  }
}
