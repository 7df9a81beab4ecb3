import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { parseCsv, readCsvHeader } from '../../ml/csv';
import type { Dataset } from '../../ml/dataset';

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
  static styles = css`
    :host { display: grid; gap: 8px; }
    label { display: grid; gap: 4px; font-size: 13px; color: #57606a; }
    select, input { font: inherit; font-size: 14px; color: #1c2128; }
    select { padding: 4px 6px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
    .error { margin: 0; color: #82071e; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; padding: 6px 8px; font-size: 13px; }
    .hint { margin: 0; font-size: 13px; color: #57606a; }
  `;

  @property({ type: Boolean }) disabled = false;
  /** The file a link or run named: shown as a reminder until it is uploaded again. */
  @property() expectedFile = '';
  /** The target column to pick when the file has it (from a link). */
  @property() preferredTarget = '';

  @state() private text = '';
  @state() private fileName = '';
  @state() private header: string[] = [];
  @state() private target = '';
  @state() private problem = '';

  render() {
    return html`
      <label>Upload CSV <input type="file" aria-label="Upload CSV" accept=".csv,text/csv,text/plain" ?disabled=${this.disabled} @change=${this.onFile} /></label>
      ${!this.fileName && this.expectedFile
        ? html`<p class="hint">This exercise used “${this.expectedFile}”: upload it to train on it.</p>`
        : nothing}
      ${this.header.length > 0
        ? html`<label>Target column
            <select aria-label="Target column" ?disabled=${this.disabled} @change=${(e: Event) => this.parse((e.target as HTMLSelectElement).value)}>
              ${this.header.map((name) => html`<option .value=${name} ?selected=${name === this.target}>${name}</option>`)}
            </select>
          </label>`
        : nothing}
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
      this.fail(error);
      return;
    }
    const wanted = this.preferredTarget || this.target;
    this.parse(this.header.includes(wanted) ? wanted : this.header[this.header.length - 1]);
  }

  private parse(target: string): void {
    this.target = target;
    try {
      const dataset = parseCsv(this.text, { target, name: this.fileName });
      this.problem = '';
      this.emit(dataset);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.problem = error instanceof Error ? error.message : String(error);
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
