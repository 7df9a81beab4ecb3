import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { AppServices, PageRoute } from '../services';
import '../settings/app-status';
import '../settings/appearance-section';
import '../settings/data-section';
import '../settings/mlflow-section';
import '../settings/storage-panel';
import '../settings/training-threads';
import type { StoragePanel } from '../settings/storage-panel';
import '../primitives/page-header';

/**
 * #/settings: storage (persistence, space used per experiment, freeing space), exporting and importing
 * everything, and what this copy of tabflow is.
 */
@customElement('settings-page')
export class SettingsPage extends LitElement {
  static styles = css`
    :host { display: block; padding: 16px 24px; overflow: auto; }
    .column { max-width: 880px; display: flex; flex-direction: column; gap: 16px; }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) route!: PageRoute;
  @query('storage-panel') private storagePanel!: StoragePanel;

  render() {
    return html`<div class="column">
      <page-header heading="Settings" lead="Where tabflow keeps your runs, how it looks, and what this copy is."></page-header>
      <appearance-section></appearance-section>
      <section aria-label="Storage"><storage-panel .services=${this.services}></storage-panel></section>
      <data-section .services=${this.services} @import-complete=${() => void this.storagePanel.refresh()}></data-section>
      <mlflow-section .services=${this.services}></mlflow-section>
      <training-threads .services=${this.services}></training-threads>
      <app-status></app-status>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-page': SettingsPage;
  }
}
