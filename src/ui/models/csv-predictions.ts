import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CsvPredictions as CsvPredictionTable } from '../../ml/predict-api';
import type { AppServices } from '../services';
import { downloadBlob } from '../../charts/download';
import { failureText } from './model-call';
import { touchTargets } from '../primitives/touch-targets';

/** Rows shown in the page; the downloaded CSV holds them all. */
const SHOWN_ROWS = 200;

/**
 * Predictions for an uploaded CSV: the file must hold the model's feature columns (others are kept and echoed);
 * the result is a table and a CSV download. Wrong columns or non-numbers are named in the message.
 */
@customElement('csv-predictions')
export class CsvPredictions extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: grid; gap: 8px; }
    label { font-size: var(--tf-font-size); color: var(--tf-color-text-muted); display: grid; gap: 4px; max-width: 420px; }
    .scroll { max-height: 320px; overflow: auto; border: 1px solid var(--tf-color-border); border-radius: 6px; }
    table { border-collapse: collapse; font-size: var(--tf-font-size); background: var(--tf-color-surface); }
    th, td { padding: 4px 10px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); text-align: right; }
    th { position: sticky; top: 0; background: var(--tf-color-surface-2); }
    .error { color: var(--tf-color-danger); margin: 0; white-space: pre-wrap; }
    .note { color: var(--tf-color-text-muted); margin: 0; font-size: var(--tf-font-size); }
    button { justify-self: start; font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--tf-color-border); background: var(--tf-color-surface-2); cursor: pointer; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() modelUri = '';
  /** The columns the model reads, for the label. */
  @property({ attribute: false }) featureNames: string[] = [];
  @state() private table: CsvPredictionTable | null = null;
  @state() private fileName = '';
  @state() private error = '';
  @state() private busy = false;
  private controller = new AbortController();

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller.abort();
    this.controller = new AbortController();
  }

  private async onFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file || !this.services.predict) return;
    this.error = '';
    this.table = null;
    this.busy = true;
    try {
      this.fileName = file.name;
      this.table = await this.services.predict.predictCsv(this.controller.signal, this.modelUri, await file.text());
    } catch (error) {
      this.error = failureText(`Could not predict on "${file.name}"`, error) ?? '';
    } finally {
      this.busy = false;
    }
  }

  private download(): void {
    if (!this.table) return;
    downloadBlob(
      new Blob([this.table.csv], { type: 'text/csv' }),
      `${this.fileName.replace(/\.csv$/i, '')}-predictions.csv`,
    );
  }

  render() {
    const t = this.table;
    return html`
      <label>CSV file with the columns ${this.featureNames.join(', ')}
        <input type="file" accept=".csv,text/csv" @change=${this.onFile} ?disabled=${this.busy} />
      </label>
      ${this.busy ? html`<p class="note" role="status">Predicting…</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        t
          ? html`
            <p class="note" role="status">${t.rows.length} predictions${t.rows.length > SHOWN_ROWS ? `, the first ${SHOWN_ROWS} shown` : ''}.</p>
            <button @click=${this.download}>Download predictions CSV</button>
            <div class="scroll">
              <table aria-label="Predictions">
                <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
                <tbody>${t.rows.slice(0, SHOWN_ROWS).map((r) => html`<tr>${r.map((v) => html`<td>${v}</td>`)}</tr>`)}</tbody>
              </table>
            </div>
          `
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'csv-predictions': CsvPredictions;
  }
}
