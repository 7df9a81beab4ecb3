import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/**
 * Tells the user a new version of tabflow is installed and waiting. Reloading is their choice, never automatic,
 * so a form being filled in is not lost.
 *
 * @fires update-reload - the user asked to reload into the new version.
 */
@customElement('update-banner')
export class UpdateBanner extends LitElement {
  static styles = css`
    :host { display: block; }
    div { display: flex; align-items: center; gap: 12px; padding: 8px 20px; background: #ddf4ff; border-bottom: 1px solid #54aeff; color: #0a3069; font-size: 14px; }
    p { margin: 0; flex: 1; }
    button { font: inherit; padding: 4px 14px; border-radius: 6px; border: 1px solid #1f6feb; background: #1f6feb; color: #fff; cursor: pointer; }
    button:hover { background: #1a5fd0; }
  `;

  render() {
    return html`<div role="status">
      <p><strong>Update available.</strong> A new version of tabflow is ready; reload when your work is saved.</p>
      <button type="button" @click=${this.reload}>Reload</button>
    </div>`;
  }

  private reload(): void {
    this.dispatchEvent(new CustomEvent('update-reload', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'update-banner': UpdateBanner;
  }
}
