import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { downloadBlob } from '../charts/download';
import { fileTimestamp, formatBytes } from '../format';
import { ioDialogStyles } from './io-dialog-styles';
import { modalDialog } from './primitives/modal-dialog';
import { errorMessage, type AppServices } from './services';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; runs: number; bytes: number; fileName: string }
  | { kind: 'failed'; message: string };

/** Date and time, so two exports of one afternoon neither overwrite each other nor need renaming. */
function exportFileName(now = new Date()): string {
  return `tabflow-export-${fileTimestamp(now)}.zip`;
}

/**
 * An "Export" button that writes runs as a zip in MLflow's file-store layout and downloads it as
 * `tabflow-export-<date>_<time>.zip`, with a modal showing progress and a Cancel button.
 *
 * Set `.runIds` to export those runs, `.experimentIds` to export whole experiments, or neither to export
 * everything (with the model registry).
 *
 * @fires export-complete - detail `{ runs, bytes, fileName }` once the download has been handed to the browser.
 */
@customElement('export-dialog')
export class ExportDialog extends LitElement {
  static styles = ioDialogStyles;

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) runIds?: string[];
  @property({ attribute: false }) experimentIds?: string[];
  /** The trigger button's text. */
  @property() label = 'Export';
  @property({ type: Boolean }) disabled = false;

  @state() private phase: Phase = { kind: 'idle' };
  @query('dialog') private dialog!: HTMLDialogElement;
  private controller: AbortController | null = null;

  private get scope(): string {
    if (this.runIds) return this.runIds.length === 1 ? '1 run' : `${this.runIds.length} runs`;
    if (this.experimentIds)
      return this.experimentIds.length === 1 ? 'the experiment' : `${this.experimentIds.length} experiments`;
    return 'everything: all experiments, runs and registered models';
  }

  /** Opens the modal and starts the export. */
  async start(): Promise<void> {
    this.dialog.showModal();
    const controller = (this.controller = new AbortController());
    this.phase = { kind: 'running', done: 0, total: 0 };
    try {
      // The io worker's bridge loads on the first export, after the modal already shows: the pages holding this
      // button open without it.
      const { exportRunsInWorker } = await import('../io/worker-bridge');
      const blob = await exportRunsInWorker(this.services.tracking, {
        runIds: this.runIds,
        experimentIds: this.experimentIds,
        signal: controller.signal,
        onProgress: ({ done, total }) => {
          if (!controller.signal.aborted) this.phase = { kind: 'running', done, total };
        },
      });
      const fileName = exportFileName();
      downloadBlob(blob, fileName);
      const runs = this.phase.kind === 'running' ? this.phase.total : 0;
      this.phase = { kind: 'done', runs, bytes: blob.size, fileName };
      this.dispatchEvent(
        new CustomEvent('export-complete', {
          detail: { runs, bytes: blob.size, fileName },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      if (controller.signal.aborted) {
        this.close();
        return;
      }
      this.phase = {
        kind: 'failed',
        message: `The export failed: ${errorMessage(error)}. Nothing was downloaded; your runs are unchanged.`,
      };
    } finally {
      this.controller = null;
    }
  }

  private cancel(): void {
    this.controller?.abort();
  }

  /** Escape while writing stops the export (which then closes the dialog); otherwise it just closes. */
  private onEscape(): void {
    if (this.phase.kind === 'running') this.cancel();
    else this.close();
  }

  private close(): void {
    this.dialog.close();
    this.phase = { kind: 'idle' };
  }

  private renderBody() {
    const p = this.phase;
    switch (p.kind) {
      case 'running':
        return html`
          <p>Writing ${this.scope} into a zip in MLflow's "mlruns" layout…</p>
          <progress aria-label="Export progress" max=${p.total || 1} value=${p.done}></progress>
          <p class="muted">${p.total ? `${p.done} of ${p.total} runs` : 'Preparing…'}</p>
          <div class="actions"><button @click=${this.cancel}>Cancel</button></div>
        `;
      case 'done':
        return html`
          <p class="done" role="status">Exported ${p.runs === 1 ? '1 run' : `${p.runs} runs`} (${formatBytes(p.bytes)}) as ${p.fileName}.</p>
          <p class="muted">Unzip it and run <code>mlflow ui --backend-store-uri ./mlruns</code> in that folder to open it in MLflow, or import it into tabflow.</p>
          <div class="actions"><button class="primary" @click=${this.close}>Close</button></div>
        `;
      case 'failed':
        return html`
          <p class="error" role="alert">${p.message}</p>
          <div class="actions"><button @click=${this.close}>Close</button></div>
        `;
      default:
        return nothing;
    }
  }

  render() {
    return html`
      <button ?disabled=${this.disabled} @click=${() => void this.start()}>${this.label}</button>
      ${modalDialog({ id: 'export', heading: 'Export runs', body: this.renderBody(), onCancel: () => this.onEscape() })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'export-dialog': ExportDialog;
  }
}
