import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { reportError } from '../services';
import { sectionStyles } from './settings-styles';

type Persistence = 'unknown' | 'unsupported' | 'persistent' | 'best-effort' | 'declined';

/**
 * Whether the browser keeps tabflow's data when disk space runs low ("persistent") or may evict it
 * ("best effort"), with a button to ask for persistence.
 */
@customElement('storage-persistence')
export class StoragePersistence extends LitElement {
  static styles = sectionStyles;

  @state() private persistence: Persistence = 'unknown';
  @state() private requesting = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!navigator.storage?.persisted) {
      this.persistence = 'unsupported';
      return;
    }
    try {
      this.persistence = (await navigator.storage.persisted()) ? 'persistent' : 'best-effort';
    } catch (error) {
      reportError(this, new Error(`Could not ask the browser whether storage is persistent: ${String(error)}`));
    }
  }

  private async request(): Promise<void> {
    this.requesting = true;
    try {
      this.persistence = (await navigator.storage.persist()) ? 'persistent' : 'declined';
    } catch (error) {
      reportError(this, new Error(`The request for persistent storage failed: ${String(error)}`));
    } finally {
      this.requesting = false;
    }
  }

  render() {
    return html`
      <h2>Persistence</h2>
      ${this.describe()}
      ${
        this.persistence === 'best-effort' || this.persistence === 'declined'
          ? html`<div class="actions">
            <button class="primary" ?disabled=${this.requesting} @click=${this.request}>Request persistent storage</button>
          </div>`
          : null
      }
    `;
  }

  private describe() {
    switch (this.persistence) {
      case 'unknown':
        return html`<p class="muted">Asking the browser…</p>`;
      case 'unsupported':
        return html`<p class="warn">This browser does not say whether it keeps tabflow's data. Export runs you want to keep.</p>`;
      case 'persistent':
        return html`<p class="ok">Storage is persistent: the browser will not delete tabflow's data to make room.</p>`;
      case 'best-effort':
        return html`<p class="warn">Storage is not persistent: if the disk runs low, the browser may delete tabflow's data without asking.</p>`;
      case 'declined':
        return html`<p class="warn">The browser declined to make storage persistent. Browsers grant it to sites used often, bookmarked or installed: install tabflow as an app, then ask again. Until then, export runs you want to keep.</p>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-persistence': StoragePersistence;
  }
}
