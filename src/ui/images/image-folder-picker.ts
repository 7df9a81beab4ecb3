import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unzipSync } from 'fflate';
import {
  describeLayout,
  IMAGE_SIZES,
  readFolderLayout,
  type ImageFolderFiles,
  type ImageSizeKey,
} from '../../ml/image-folder';
import { formStyles } from '../playground/form-styles';
import { errorMessage } from '../services';

export interface FolderChangeDetail {
  /** null when the chosen files cannot train (the element says why). */
  folder: ImageFolderFiles | null;
  classNames: string[];
  size: ImageSizeKey;
}

/** Every file under a dropped directory entry, with its path from the dropped folder. */
async function filesUnder(entry: FileSystemEntry): Promise<{ path: string; file: File }[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ path: entry.fullPath.replace(/^\//, ''), file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns at most 100 entries per call; an empty batch means the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map(filesUnder))).flat();
}

/**
 * `<image-folder-picker>`: "Your own images" — a folder with one subfolder per class, picked ("Choose a
 * folder"), dropped, or zipped ("Choose a zip"), and the "Image size" to train at. It checks the layout from the
 * file names at once (classes, skipped files, or why it cannot train) and reads the files' bytes for the worker,
 * which decodes them.
 *
 * @fires folder-change - FolderChangeDetail, when files or the size change.
 */
@customElement('image-folder-picker')
export class ImageFolderPicker extends LitElement {
  static styles = [
    formStyles,
    css`
      :host { display: block; }
      .drop { grid-column: 1 / -1; border: 2px dashed var(--tf-color-border); border-radius: var(--tf-radius); padding: var(--tf-space-3); color: var(--tf-color-text-muted); font-size: var(--tf-font-size); text-align: center; }
      .drop.over { border-color: var(--tf-color-accent); background: var(--tf-color-surface-2); }
      .summary { grid-column: 1 / -1; margin: 0; font-size: var(--tf-font-size); color: var(--tf-color-text); overflow-wrap: anywhere; }
    `,
  ];

  @property({ type: Boolean }) disabled = false;
  @property() size: ImageSizeKey = '28-gray';
  /** Hides "Image size" where the size is not the person's choice (evaluation decodes at the model's size). */
  @property({ type: Boolean }) sizeFixed = false;
  /** The folder a link or "Re-run" names, so the person knows which one to pick again. */
  @property() expectedFolder = '';
  @state() private summary = '';
  @state() private problem = '';
  @state() private over = false;
  private folder: ImageFolderFiles | null = null;
  private classNames: string[] = [];

  private async choose(
    folderName: string,
    source: 'folder' | 'zip',
    files: { path: string; file: File }[],
  ): Promise<void> {
    this.problem = '';
    this.summary = 'Reading…';
    try {
      let paths = files.map((f) => f.path);
      if (source === 'zip') {
        // Names only: the filter declines every entry, so nothing is inflated here; the worker unzips.
        paths = [];
        unzipSync(new Uint8Array(await files[0].file.arrayBuffer()), {
          filter: (entry) => (entry.name.endsWith('/') || paths.push(entry.name), false),
        });
      }
      const layout = readFolderLayout(paths, folderName, source);
      const wanted = source === 'zip' ? files : files.filter((f) => layout.files.some((l) => l.path === f.path));
      const read = await Promise.all(wanted.map(async (f) => ({ path: f.path, bytes: await f.file.arrayBuffer() })));
      // A zip's own layout problems are found again when the worker unpacks it.
      this.folder = { folderName, source, files: read, skipped: source === 'zip' ? [] : layout.skipped };
      this.classNames = layout.classNames;
      const skipped = layout.skipped.length
        ? ` Skipped ${layout.skipped.length}: ${layout.skipped.slice(0, 3).join('; ')}${layout.skipped.length > 3 ? '; …' : ''}.`
        : '';
      this.summary = `“${folderName}”: ${layout.files.length} images in ${describeLayout(layout)}.${skipped}`;
    } catch (error) {
      this.folder = null;
      this.classNames = [];
      this.summary = '';
      this.problem = errorMessage(error);
    }
    this.emit();
  }

  private onFolder(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    const folderName = files[0].webkitRelativePath.split('/')[0] || 'folder';
    void this.choose(
      folderName,
      'folder',
      files.map((file) => ({ path: file.webkitRelativePath || file.name, file })),
    );
  }

  private onZip(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void this.choose(file.name, 'zip', [{ path: file.name, file }]);
  }

  private async onDrop(event: DragEvent): Promise<void> {
    event.preventDefault();
    this.over = false;
    const entry = event.dataTransfer?.items[0]?.webkitGetAsEntry();
    if (!entry) return;
    if (entry.isFile && entry.name.toLowerCase().endsWith('.zip')) {
      const [{ file }] = await filesUnder(entry);
      await this.choose(entry.name, 'zip', [{ path: entry.name, file }]);
    } else if (entry.isDirectory) {
      await this.choose(entry.name, 'folder', await filesUnder(entry));
    } else {
      this.problem = 'Drop a folder (one subfolder per class) or a zip of one.';
    }
  }

  private emit(): void {
    const detail: FolderChangeDetail = { folder: this.folder, classNames: this.classNames, size: this.size };
    this.dispatchEvent(new CustomEvent('folder-change', { detail, bubbles: true, composed: true }));
  }

  render() {
    return html`
      <fieldset>
        <legend>Your images</legend>
        <p class="note">One subfolder per class (cats/, dogs/, …), as Keras and Teachable Machine expect.${this.expectedFolder ? ` This setup used “${this.expectedFolder}”.` : ''}</p>
        <label>Folder
          <input type="file" webkitdirectory multiple aria-label="Choose a folder" ?disabled=${this.disabled} @change=${this.onFolder} />
        </label>
        <label>Zip
          <input type="file" accept=".zip,application/zip" aria-label="Choose a zip" ?disabled=${this.disabled} @change=${this.onZip} />
        </label>
        ${
          this.sizeFixed
            ? nothing
            : html`<label>Image size
          <select aria-label="Image size" ?disabled=${this.disabled} @change=${(e: Event) => {
            this.size = (e.target as HTMLSelectElement).value as ImageSizeKey;
            this.emit();
          }}>
            ${Object.entries(IMAGE_SIZES).map(([key, s]) => html`<option .value=${key} ?selected=${this.size === key}>${s.label}</option>`)}
          </select>
        </label>`
        }
        <div class="drop ${this.over ? 'over' : ''}" @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.over = true;
        }}
          @dragleave=${() => (this.over = false)} @drop=${this.onDrop}>…or drop a folder or a zip here</div>
        ${this.summary ? html`<p class="summary" aria-live="polite">${this.summary}</p>` : nothing}
        ${this.problem ? html`<p class="problems" role="alert">${this.problem}</p>` : nothing}
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'image-folder-picker': ImageFolderPicker;
  }
}
