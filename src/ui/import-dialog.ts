import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { DirectoryHandleLike, ImportSource, ImportSummary } from '../io';
import { ioDialogStyles } from './io-dialog-styles';
import { modalDialog } from './primitives/modal-dialog';
import './mlflow/mlflow-pull';
import { errorMessage, type AppServices } from './services';
import { plural } from '../format';

type Phase =
  | { kind: 'choosing' }
  | { kind: 'reading'; done: number; total: number }
  | { kind: 'writing' }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'failed'; message: string };

/** Chromium's DataTransferItem.getAsFileSystemHandle, which also hands over dropped folders. */
interface DroppedItem {
  getAsFileSystemHandle?: () => Promise<{
    kind: 'file' | 'directory';
    name: string;
    getFile?: () => Promise<File>;
  } | null>;
}

const MAX_SKIPPED_SHOWN = 20;

/**
 * An "Import" button with a modal that imports a tabflow export, a zip of an MLflow `mlruns` folder, or a folder
 * (picked with the folder input or dropped). It asks what to do with runs that already exist, shows progress,
 * errors in words, and a summary of what was imported and what was skipped and why.
 *
 * @fires import-complete - detail: the ImportSummary.
 */
@customElement('import-dialog')
export class ImportDialog extends LitElement {
  static styles = [
    ioDialogStyles,
    css`
      .drop { border: 2px dashed var(--tf-color-border); border-radius: 8px; padding: 18px; text-align: center; color: var(--tf-color-text-muted); font-size: var(--tf-font-size); margin: 8px 0; }
      .drop.over { border-color: var(--tf-color-accent); background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); }
      .pickers { display: grid; gap: 8px; font-size: var(--tf-font-size); }
      .pickers label { display: grid; gap: 4px; }
      fieldset { border: 1px solid var(--tf-color-border); border-radius: 6px; margin: 12px 0 0; font-size: var(--tf-font-size); }
      fieldset label { display: block; margin: 4px 0; }
      .chosen { font-weight: 600; word-break: break-all; }
      ul { margin: 6px 0; padding-left: 20px; font-size: var(--tf-font-size); }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  /** The trigger button's text. */
  @property() label = 'Import';

  @state() private phase: Phase = { kind: 'choosing' };
  @state() private source: { value: ImportSource; name: string } | null = null;
  @state() private onExisting: 'skip' | 'replace' = 'skip';
  @state() private dragOver = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  private controller: AbortController | null = null;

  open(): void {
    this.phase = { kind: 'choosing' };
    this.source = null;
    this.dialog.showModal();
  }

  /** The single write cannot be interrupted half way (imports are all-or-nothing), so Escape waits for it. */
  private onEscape(): void {
    if (this.phase.kind !== 'writing') this.close();
  }

  private close(): void {
    this.controller?.abort();
    this.dialog.close();
  }

  private pickZip(e: Event): void {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) this.source = { value: file, name: file.name };
  }

  private pickFolder(e: Event): void {
    const files = (e.target as HTMLInputElement).files;
    if (!files || files.length === 0) return;
    const folder = files[0].webkitRelativePath.split('/')[0] || 'folder';
    this.source = { value: Array.from(files), name: `${folder}/ (${plural(files.length, 'file')})` };
  }

  private async drop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.dragOver = false;
    const transfer = e.dataTransfer;
    if (!transfer) return;
    // Items must be read during the event; after the first await the DataTransfer is emptied.
    const handles = Array.from(
      transfer.items,
      (item) => (item as unknown as DroppedItem).getAsFileSystemHandle?.() ?? null,
    );
    const files = Array.from(transfer.files);
    try {
      const handle = handles[0] ? await handles[0] : null;
      if (handle?.kind === 'directory') {
        this.source = { value: handle as unknown as DirectoryHandleLike, name: `${handle.name}/` };
      } else if (files[0]) {
        this.source = { value: files[0], name: files[0].name };
      }
    } catch (error) {
      this.phase = { kind: 'failed', message: `The dropped item could not be read: ${errorMessage(error)}` };
    }
  }

  private async run(): Promise<void> {
    if (!this.source) return;
    const controller = (this.controller = new AbortController());
    this.phase = { kind: 'reading', done: 0, total: 0 };
    try {
      // Loaded on the first import, after the progress already shows (as the export dialog does).
      const { importRunsInWorker } = await import('../io/worker-bridge');
      const summary = await importRunsInWorker(this.services.tracking, this.source.value, {
        onExisting: this.onExisting,
        signal: controller.signal,
        onProgress: (p) => {
          if (controller.signal.aborted) return;
          this.phase = p.phase === 'writing' ? { kind: 'writing' } : { kind: 'reading', done: p.done, total: p.total };
        },
      });
      this.phase = { kind: 'done', summary };
      this.dispatchEvent(new CustomEvent('import-complete', { detail: summary, bubbles: true, composed: true }));
    } catch (error) {
      this.phase = controller.signal.aborted
        ? { kind: 'choosing' }
        : { kind: 'failed', message: `${errorMessage(error)}\nNothing was imported; your data is unchanged.` };
    } finally {
      this.controller = null;
    }
  }

  private renderChoosing() {
    return html`
      <p>Import a zip exported from tabflow, a zip of an MLflow <code>mlruns</code> folder, or the folder itself.</p>
      <div
        class="drop ${this.dragOver ? 'over' : ''}"
        aria-label="Drop a zip or a folder here"
        @dragover=${(e: DragEvent) => (e.preventDefault(), (this.dragOver = true))}
        @dragleave=${() => (this.dragOver = false)}
        @drop=${(e: DragEvent) => void this.drop(e)}
      >
        Drop a zip or an mlruns folder here
      </div>
      <div class="pickers">
        <label>Zip file <input type="file" accept=".zip,application/zip" @change=${this.pickZip} /></label>
        <label>Folder <input type="file" webkitdirectory @change=${this.pickFolder} /></label>
      </div>
      ${this.source ? html`<p>Selected: <span class="chosen">${this.source.name}</span></p>` : nothing}
      <mlflow-pull .services=${this.services} .onExisting=${this.onExisting}></mlflow-pull>
      <fieldset>
        <legend>When a run already exists here</legend>
        <label><input type="radio" name="existing" .checked=${this.onExisting === 'skip'} @change=${() => (this.onExisting = 'skip')} /> Skip it (keep mine)</label>
        <label><input type="radio" name="existing" .checked=${this.onExisting === 'replace'} @change=${() => (this.onExisting = 'replace')} /> Replace it with the imported one</label>
      </fieldset>
      <div class="actions">
        <button @click=${this.close}>Close</button>
        <button class="primary" ?disabled=${!this.source} @click=${() => void this.run()}>Import runs</button>
      </div>
    `;
  }

  private renderSummary(s: ImportSummary) {
    const skipped = s.skipped.slice(0, MAX_SKIPPED_SHOWN);
    return html`
      <div class="done" role="status">
        Imported ${plural(s.runs, 'run')} into ${plural(s.experiments, 'experiment')}, with ${plural(s.metricPoints, 'metric point')},
        ${plural(s.artifacts, 'artifact')} and ${plural(s.models, 'registered model version')}.
      </div>
      ${
        s.skipped.length
          ? html`<p>Skipped ${plural(s.skipped.length, 'item')}:</p>
            <ul>
              ${skipped.map((x) => html`<li>${x.kind} ${x.id}: ${x.reason}</li>`)}
              ${s.skipped.length > skipped.length ? html`<li>and ${s.skipped.length - skipped.length} more</li>` : nothing}
            </ul>`
          : nothing
      }
      <div class="actions"><button class="primary" @click=${this.close}>Close</button></div>
    `;
  }

  private renderBody() {
    const p = this.phase;
    switch (p.kind) {
      case 'reading':
        return html`
          <p>Reading and checking ${this.source?.name ?? 'the import'}…</p>
          <progress aria-label="Import progress" max=${p.total || 1} value=${p.done}></progress>
          <div class="actions"><button @click=${() => this.controller?.abort()}>Cancel</button></div>
        `;
      case 'writing':
        return html`
          <p>Saving everything in one step…</p>
          <progress aria-label="Import progress"></progress>
        `;
      case 'done':
        return this.renderSummary(p.summary);
      case 'failed':
        return html`
          <p class="error" role="alert">${p.message}</p>
          <div class="actions">
            <button @click=${this.close}>Close</button>
            <button @click=${() => (this.phase = { kind: 'choosing' })}>Choose another</button>
          </div>
        `;
      default:
        return this.renderChoosing();
    }
  }

  render() {
    return html`
      <button @click=${this.open}>${this.label}</button>
      ${modalDialog({ id: 'import', heading: 'Import runs', body: this.renderBody(), onCancel: () => this.onEscape() })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'import-dialog': ImportDialog;
  }
}
