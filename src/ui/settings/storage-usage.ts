import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StorageUsage } from '../../tracking';
import { formatBytes } from '../../format';
import { sectionStyles } from './settings-styles';

export interface OriginEstimate {
  usage: number;
  quota: number;
}

/**
 * How much space tabflow uses: the browser's figure for the whole origin against its quota, and an estimate
 * per experiment from stored sizes.
 *
 * @fires storage-refresh - the user asked to measure again.
 */
@customElement('storage-usage')
export class StorageUsageSection extends LitElement {
  static styles = sectionStyles;

  /** The browser's figure for the whole origin; null when it does not report one. */
  @property({ attribute: false }) origin: OriginEstimate | null = null;
  @property({ attribute: false }) usage: StorageUsage | null = null;
  @property({ type: Boolean }) loading = false;

  render() {
    return html`
      <h2>Space used</h2>
      ${this.renderOrigin()}
      ${this.renderExperiments()}
      <div class="actions">
        <button ?disabled=${this.loading} @click=${this.requestRefresh}>Refresh storage figures</button>
      </div>
    `;
  }

  private requestRefresh(): void {
    this.dispatchEvent(new CustomEvent('storage-refresh', { bubbles: true, composed: true }));
  }

  private renderOrigin() {
    if (!this.origin) {
      return html`<p class="muted">${this.loading ? 'Measuring…' : 'This browser does not report how much space is used or available.'}</p>`;
    }
    const { usage, quota } = this.origin;
    const share = quota > 0 ? usage / quota : 0;
    return html`
      <p>
        <label for="quota-meter">tabflow uses ${formatBytes(usage)} of the ${formatBytes(quota)} this browser allows it
        (${(share * 100).toFixed(share < 0.01 ? 2 : 0)}%).</label>
      </p>
      <meter id="quota-meter" min="0" max=${quota} low=${quota * 0.7} high=${quota * 0.9} optimum="0" value=${usage}></meter>
    `;
  }

  private renderExperiments() {
    if (!this.usage) return null;
    const rows = this.usage.experiments;
    return html`
      <table aria-label="Storage per experiment" tabindex="0">
        <thead>
          <tr>
            <th scope="col">Experiment</th>
            <th scope="col" class="num">Runs</th>
            <th scope="col" class="num">Metric histories</th>
            <th scope="col" class="num">Artifacts and models</th>
            <th scope="col" class="num">Total (estimate)</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (u) => html`<tr>
              <th scope="row">${u.name}</th>
              <td class="num">${u.runs}${u.deletedRuns ? html` <span class="muted">+ ${u.deletedRuns} deleted</span>` : null}</td>
              <td class="num">${formatBytes(u.metricBytes)}</td>
              <td class="num">${formatBytes(u.artifactBytes)}</td>
              <td class="num">${formatBytes(u.totalBytes)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr><th scope="row">All experiments</th><td></td><td></td><td></td><td class="num">${formatBytes(this.usage.totalBytes)}</td></tr>
        </tfoot>
      </table>
      <p class="muted">Per-experiment figures add up the bytes tabflow stored. The browser's total above can be smaller, because it compresses data on disk, or larger, because it also counts the app's own files and database overhead.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-usage': StorageUsageSection;
  }
}
