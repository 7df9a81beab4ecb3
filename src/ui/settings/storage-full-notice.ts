import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { touchTargets } from '../primitives/touch-targets';

/**
 * Shown when the browser refused a write because storage is full: what happened, that stored runs are intact,
 * and how to free space.
 *
 * @fires storage-full-dismiss - the user closed the notice.
 */
@customElement('storage-full-notice')
export class StorageFullNotice extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    div { display: flex; gap: 12px; align-items: flex-start; padding: 10px 20px; background: color-mix(in srgb, var(--tf-color-warning) 14%, var(--tf-color-surface)); border-bottom: 1px solid var(--tf-color-warning); color: var(--tf-color-warning); font-size: var(--tf-font-size); }
    p { margin: 0; flex: 1; line-height: 1.5; }
    a { color: var(--tf-color-accent); }
    button { border: 0; background: transparent; font-size: var(--tf-font-size-xl); cursor: pointer; color: inherit; }
  `,
  ];

  render() {
    return html`<div role="alert">
      <p>
        <strong>Storage is full.</strong> The browser refused to store more, so the last change was not saved;
        runs stored before are intact. To free space, delete runs you no longer need, or export them and then
        delete them, and remove deleted runs permanently in <a href="#/settings">Settings</a>.
      </p>
      <button aria-label="Dismiss the storage-full notice" @click=${this.dismiss}>×</button>
    </div>`;
  }

  private dismiss(): void {
    this.dispatchEvent(new CustomEvent('storage-full-dismiss', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-full-notice': StorageFullNotice;
  }
}
