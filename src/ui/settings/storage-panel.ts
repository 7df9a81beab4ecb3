import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { estimateStorageUsage, type StorageUsage } from '../../tracking';
import { reportError, type AppServices } from '../services';
import './storage-cleanup';
import './storage-persistence';
import './storage-usage';
import type { OriginEstimate } from './storage-usage';

/**
 * The Storage part of Settings: persistence, space used (origin and per experiment) and how to free it. Figures
 * are measured on demand rather than live, because the per-experiment estimate reads every artifact's size.
 */
@customElement('storage-panel')
export class StoragePanel extends LitElement {
  static styles = css`
    :host { display: flex; flex-direction: column; gap: 16px; }
  `;

  @property({ attribute: false }) services!: AppServices;
  @state() private origin: OriginEstimate | null = null;
  @state() private usage: StorageUsage | null = null;
  @state() private loading = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Measures again; the Settings page calls it when an import added data. */
  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const [origin, usage] = await Promise.all([this.estimateOrigin(), estimateStorageUsage(this.services.tracking)]);
      this.origin = origin;
      this.usage = usage;
    } catch (error) {
      reportError(this, error);
    } finally {
      this.loading = false;
    }
  }

  private async estimateOrigin(): Promise<OriginEstimate | null> {
    if (!navigator.storage?.estimate) return null;
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return { usage, quota };
  }

  render() {
    return html`
      <storage-persistence></storage-persistence>
      <storage-usage .origin=${this.origin} .usage=${this.usage} ?loading=${this.loading} @storage-refresh=${this.refresh}></storage-usage>
      <storage-cleanup .services=${this.services} .usage=${this.usage} @storage-freed=${this.refresh}></storage-cleanup>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-panel': StoragePanel;
  }
}
