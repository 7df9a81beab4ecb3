import { LitElement, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { StorageUsage } from '../../tracking';
import { reportError, type AppServices } from '../services';
import { formatBytes, plural } from '../../format';
import { modalDialog, modalDialogStyles } from '../primitives/modal-dialog';
import { sectionStyles } from './settings-styles';

/**
 * How to free space. Deleting a run only moves it to the trash (MLflow's lifecycle: it can be restored), so the
 * space comes back when deleted runs are removed permanently, here, after a confirmation.
 *
 * @fires storage-freed - deleted runs were removed; the figures are out of date.
 */
@customElement('storage-cleanup')
export class StorageCleanup extends LitElement {
  static styles = [sectionStyles, modalDialogStyles];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) usage: StorageUsage | null = null;
  @state() private purging = false;
  @query('dialog') private confirmation!: HTMLDialogElement;

  private get deletedRuns(): number {
    return this.usage?.experiments.reduce((n, u) => n + u.deletedRuns, 0) ?? 0;
  }

  private get deletedBytes(): number {
    return this.usage?.experiments.reduce((n, u) => n + u.deletedBytes, 0) ?? 0;
  }

  private async purge(): Promise<void> {
    this.purging = true;
    try {
      const tracking = this.services.tracking;
      const deleted = await tracking.searchAllRuns({ viewType: 'DELETED_ONLY' });
      await tracking.purgeRuns(deleted.map((r) => r.info.runId));
      this.dispatchEvent(new CustomEvent('storage-freed', { bubbles: true, composed: true }));
    } catch (error) {
      reportError(this, error);
    } finally {
      this.purging = false;
      this.confirmation.close();
    }
  }

  render() {
    const count = this.deletedRuns;
    return html`
      <h2>Free space</h2>
      <p>
        To free space, delete runs you no longer need on the Experiments page, then remove them permanently here.
        To keep a copy, export them first (a zip in MLflow's layout that tabflow and MLflow can import), then delete them.
      </p>
      ${
        count === 0
          ? html`<p class="muted">No deleted runs are waiting to be removed.</p>`
          : html`<p>${count} deleted ${count === 1 ? 'run still takes' : 'runs still take'} about ${formatBytes(this.deletedBytes)}.</p>
            <div class="actions"><button @click=${() => this.confirmation.showModal()}>Remove deleted runs permanently…</button></div>`
      }
      ${modalDialog({
        id: 'purge',
        heading: 'Remove deleted runs permanently?',
        body: html`<p>Remove ${plural(count, 'deleted run')} with ${count === 1 ? 'its' : 'their'} metrics and artifacts for good? This cannot be undone.</p>`,
        // Removal is one transaction: once started it finishes, so the dialog stays until it has.
        onCancel: () => this.purging || this.confirmation.close(),
        confirm: {
          label: 'Remove permanently',
          danger: true,
          disabled: this.purging,
          onConfirm: () => void this.purge(),
        },
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-cleanup': StorageCleanup;
  }
}
