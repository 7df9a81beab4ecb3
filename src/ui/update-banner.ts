import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { touchTargets } from './primitives/touch-targets';

/**
 * Tells the user a new version of tabflow is installed and waiting. Reloading is their choice, never automatic,
 * so a form being filled in is not lost.
 *
 * @fires update-reload - the user asked to reload into the new version.
 */
@customElement('update-banner')
export class UpdateBanner extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    div { display: flex; align-items: center; gap: 12px; padding: 8px 20px; background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); border-bottom: 1px solid var(--tf-color-accent); color: var(--tf-color-accent); font-size: var(--tf-font-size); }
    p { margin: 0; flex: 1; }
    button { font: inherit; padding: 4px 14px; border-radius: 6px; border: 1px solid var(--tf-color-accent); background: var(--tf-color-accent); color: var(--tf-color-on-accent); cursor: pointer; }
    button:hover { background: var(--tf-color-accent); }
  `,
  ];

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
