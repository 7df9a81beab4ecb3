import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { parseCsv, readCsvHeader, type CsvOptions } from '../../ml/csv';
import type { Dataset } from '../../ml/dataset';
import { errorMessage } from '../../shared/errors';
import { touchTargets } from '../primitives/touch-targets';

export interface CsvChangeDetail {
  fileName: string;
  target: string;
  /** The parsed table, or null when the file has a problem (shown in the element). */
  dataset: Dataset | null;
}

/**
 * `<csv-upload>`: a numeric CSV file and its target column. A bad file gets its problem in words, naming the
 * row and column, and no dataset.
 *
 * @fires csv-change - CsvChangeDetail, whenever the file or the target column changes.
 */
@customElement('csv-upload')
export class CsvUpload extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: grid; gap: 8px; }
    label { display: grid; gap: 4px; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
    select, input { font: inherit; font-size: var(--tf-font-size); color: var(--tf-color-text); }
    select { padding: 4px 6px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); }
    .error { margin: 0; color: var(--tf-color-danger); background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); border: 1px solid var(--tf-color-danger); border-radius: 6px; padding: 6px 8px; font-size: var(--tf-font-size); }
    .hint { margin: 0; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
  `,
  ];

  @property({ type: Boolean }) disabled = false;
  /** The file a link or run named: shown as a reminder until it is uploaded again. */
  @property() expectedFile = '';
  /** The target column to pick when the file has it (from a link). */
  @property() preferredTarget = '';
  /**
   * Parses the whole file; the page passes the training worker's, so a large file never freezes the page.
   * Without one (no workers) the file is parsed here.
   */
  @property({ attribute: false }) parser: ((text: string, options: CsvOptions) => Promise<Dataset>) | undefined;

  @state() private text = '';
  @state() private fileName = '';
  @state() private header: string[] = [];
  @state() private target = '';
  @state() private problem = '';
  @state() private reading = false;
  /** Counts parses, so a slow parse of an older file or target never overwrites a newer one. */
  private parses = 0;

  render() {
    return html`
      <label>Upload CSV <input type="file" aria-label="Upload CSV" accept=".csv,text/csv,text/plain" ?disabled=${this.disabled} @change=${this.onFile} /></label>
      ${
        !this.fileName && this.expectedFile
          ? html`<p class="hint">This exercise used “${this.expectedFile}”: upload it to train on it.</p>`
          : nothing
      }
      ${
        this.header.length > 0
          ? html`<label>Target column
            <select aria-label="Target column" ?disabled=${this.disabled} @change=${(e: Event) => void this.parse((e.target as HTMLSelectElement).value)}>
              ${this.header.map((name) => html`<option .value=${name} ?selected=${name === this.target}>${name}</option>`)}
            </select>
          </label>`
          : nothing
      }
      ${this.reading ? html`<p class="hint">Reading ${this.fileName}…</p>` : nothing}
      ${this.problem ? html`<p class="error" role="alert">${this.fileName}: ${this.problem}</p>` : nothing}
    `;
  }

  private async onFile(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.fileName = file.name;
    this.header = [];
    try {
      this.text = await file.text();
      this.header = readCsvHeader(this.text);
    } catch (error) {
      this.parses++;
      this.reading = false;
      this.fail(error);
      return;
    }
    const wanted = this.preferredTarget || this.target;
    await this.parse(this.header.includes(wanted) ? wanted : this.header[this.header.length - 1]);
  }

  private async parse(target: string): Promise<void> {
    this.target = target;
    const parse = ++this.parses;
    this.reading = true;
    try {
      const options = { target, name: this.fileName };
      const dataset = this.parser ? await this.parser(this.text, options) : parseCsv(this.text, options);
      if (parse !== this.parses) return;
      this.problem = '';
      this.emit(dataset);
    } catch (error) {
      if (parse === this.parses) this.fail(error);
    } finally {
      if (parse === this.parses) this.reading = false;
    }
  }

  private fail(error: unknown): void {
    this.problem = errorMessage(error);
    this.emit(null);
  }

  private emit(dataset: Dataset | null): void {
    const detail: CsvChangeDetail = { fileName: this.fileName, target: this.target, dataset };
    this.dispatchEvent(new CustomEvent('csv-change', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'csv-upload': CsvUpload;
  }
}
