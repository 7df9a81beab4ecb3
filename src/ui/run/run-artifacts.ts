import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ArtifactInfo } from '../../tracking';
import { downloadBlob } from '../../charts/download';
import { LiveQueryController } from '../live-query-controller';
import { errorMessage, type AppServices } from '../services';
import { formatBytes } from '../../format';
import { buildArtifactTree, previewKind, type ArtifactFolder } from './artifact-tree';
import { runSectionStyles } from './run-styles';

/** Text previews stop here: a multi-megabyte log would otherwise stall layout. The download has it all. */
const MAX_PREVIEW_CHARS = 200_000;

type Preview =
  | { path: string; kind: 'image'; url: string }
  | { path: string; kind: 'text'; text: string; truncated: boolean }
  | { path: string; kind: 'none' }
  | { path: string; kind: 'error'; message: string };

/** The run's files as a folder tree, with a preview of the chosen file (images, text, JSON) and a download. */
@customElement('run-artifacts')
export class RunArtifacts extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      .layout { display: grid; grid-template-columns: minmax(220px, 320px) 1fr; gap: 16px; min-height: 200px; }
      .tree { border: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); border-radius: 6px; padding: 6px; overflow: auto; max-height: 480px; font-size: var(--tf-font-size); }
      ul { list-style: none; margin: 0; padding-left: 14px; }
      .tree > ul { padding-left: 0; }
      summary { cursor: pointer; padding: 3px 4px; border-radius: 4px; }
      summary:hover { background: var(--tf-color-surface-2); }
      .file { all: unset; box-sizing: border-box; display: flex; justify-content: space-between; gap: 8px; width: 100%; padding: 3px 6px; border-radius: 4px; cursor: pointer; }
      .file:hover { background: var(--tf-color-surface-2); }
      .file:focus-visible { outline: 2px solid var(--tf-color-accent); }
      .file[aria-current='true'] { background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); }
      .size { color: var(--tf-color-text-muted); font-size: var(--tf-font-size-sm); flex: none; }
      .preview { border: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); border-radius: 6px; padding: 12px; min-width: 0; overflow: auto; max-height: 480px; }
      .preview header { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; }
      .preview header strong { flex: 1; overflow-wrap: anywhere; font-size: var(--tf-font-size); }
      pre { margin: 0; font-size: var(--tf-font-size-sm); white-space: pre-wrap; overflow-wrap: anywhere; }
      img { max-width: 100%; height: auto; image-rendering: auto; border: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); background: var(--tf-color-surface); }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @state() private preview: Preview | null = null;
  private artifacts = new LiveQueryController<ArtifactInfo[]>(this);
  private queriedRun = '';
  private loadToken = 0;
  private autoOpened = false;

  willUpdate(): void {
    if (this.runId === this.queriedRun) return;
    this.queriedRun = this.runId;
    const runId = this.runId;
    this.autoOpened = false;
    this.closePreview();
    this.artifacts.setQuery(() => this.services.tracking.listArtifacts(runId));
  }

  /** Opens the first picture (else the first text file) once, so the section shows something useful at once. */
  protected updated(): void {
    const artifacts = this.artifacts.value;
    if (this.autoOpened || !artifacts || artifacts.length === 0) return;
    this.autoOpened = true;
    const first = artifacts.find((a) => previewKind(a) === 'image') ?? artifacts.find((a) => previewKind(a) !== 'none');
    if (first) void this.open(first);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.closePreview();
  }

  private closePreview(): void {
    if (this.preview?.kind === 'image') URL.revokeObjectURL(this.preview.url);
    this.preview = null;
  }

  private async open(artifact: ArtifactInfo): Promise<void> {
    const token = ++this.loadToken;
    const kind = previewKind(artifact);
    let preview: Preview;
    try {
      const blob = await this.services.tracking.getArtifact(this.runId, artifact.path);
      if (kind === 'image') preview = { path: artifact.path, kind, url: URL.createObjectURL(blob) };
      else if (kind === 'none') preview = { path: artifact.path, kind };
      else {
        let text = await blob.slice(0, MAX_PREVIEW_CHARS * 4).text();
        if (kind === 'json' && blob.size <= MAX_PREVIEW_CHARS * 4) {
          try {
            text = JSON.stringify(JSON.parse(text), null, 2);
          } catch {
            // Not valid JSON: shown as the text it is.
          }
        }
        preview = {
          path: artifact.path,
          kind: 'text',
          text: text.slice(0, MAX_PREVIEW_CHARS),
          truncated: text.length > MAX_PREVIEW_CHARS || blob.size > MAX_PREVIEW_CHARS * 4,
        };
      }
    } catch (error) {
      preview = {
        path: artifact.path,
        kind: 'error',
        message: `Could not read ${artifact.path}: ${errorMessage(error)}`,
      };
    }
    if (token !== this.loadToken) {
      if (preview.kind === 'image') URL.revokeObjectURL(preview.url);
      return;
    }
    this.closePreview();
    this.preview = preview;
  }

  private async download(path: string): Promise<void> {
    try {
      const blob = await this.services.tracking.getArtifact(this.runId, path);
      downloadBlob(blob, path.slice(path.lastIndexOf('/') + 1));
    } catch (error) {
      this.preview = { path, kind: 'error', message: `Could not download ${path}: ${errorMessage(error)}` };
    }
  }

  private folder(folder: ArtifactFolder, depth: number): unknown {
    return html`<ul>
      ${folder.folders.map(
        (f) =>
          html`<li><details ?open=${depth < 1}><summary>${f.name}/ <span class="size">${formatBytes(f.size)}</span></summary>${this.folder(f, depth + 1)}</details></li>`,
      )}
      ${folder.files.map(
        (
          a,
        ) => html`<li><button class="file" aria-current=${this.preview?.path === a.path ? 'true' : 'false'} aria-label=${`Preview ${a.path} ${formatBytes(a.size)}`} @click=${() => this.open(a)}>
          <span>${a.path.slice(a.path.lastIndexOf('/') + 1)}</span> <span class="size">${formatBytes(a.size)}</span>
        </button></li>`,
      )}
    </ul>`;
  }

  private renderPreview(preview: Preview) {
    return html`<header>
        <strong>${preview.path}</strong>
        <button aria-label=${`Download ${preview.path}`} @click=${() => this.download(preview.path)}>Download</button>
      </header>
      ${preview.kind === 'image' ? html`<img src=${preview.url} alt=${`Artifact ${preview.path}`} />` : nothing}
      ${preview.kind === 'text' ? html`<pre>${preview.text}</pre>${preview.truncated ? html`<p class="empty">Preview cut short; download the file for all of it.</p>` : nothing}` : nothing}
      ${preview.kind === 'none' ? html`<p class="empty">No preview for this kind of file; download it to open it.</p>` : nothing}
      ${preview.kind === 'error' ? html`<p class="error" role="alert">${preview.message}</p>` : nothing}`;
  }

  render() {
    const artifacts = this.artifacts.value;
    if (!artifacts) return html`<h2>Artifacts</h2><p class="empty">Loading…</p>`;
    const tree = buildArtifactTree(artifacts);
    return html`<h2>Artifacts <span class="count">${artifacts.length} file${artifacts.length === 1 ? '' : 's'} · ${formatBytes(tree.size)}</span></h2>
      ${
        artifacts.length === 0
          ? html`<p class="empty">No artifacts logged.</p>`
          : html`<div class="layout">
            <nav class="tree" aria-label="Artifact files">${this.folder(tree, 0)}</nav>
            <div class="preview" aria-live="polite">${this.preview ? this.renderPreview(this.preview) : html`<p class="empty">Choose a file to preview it.</p>`}</div>
          </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-artifacts': RunArtifacts;
  }
}
