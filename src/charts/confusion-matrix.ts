/**
 * `<confusion-matrix>`: a confusion matrix as a picture — a table with the actual classes as rows and the
 * predicted ones as columns, each cell its count shaded by its share of the row (so a small class's mistakes
 * show as clearly as a large one's). Every cell is a button: choosing one fires `cell-select`, and whatever is
 * slotted into `cell` (e.g. example images of that cell) shows under the table while it is chosen.
 *
 * Properties: `labels` (class names), `matrix` (counts[actual][predicted]), `caption`.
 *
 * @fires cell-select - detail: { actual, predicted } (class indices), or null when the chosen cell is chosen again
 * @slot cell - content for the chosen cell
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatNumber } from './format';

export interface ConfusionCell {
  actual: number;
  predicted: number;
}

@customElement('confusion-matrix')
export class ConfusionMatrix extends LitElement {
  static styles = css`
    :host { display: block; min-width: 0; }
    figure { margin: 0; display: grid; gap: var(--tf-space-2); }
    .scroll { overflow: auto; max-width: 100%; }
    table { border-collapse: collapse; font-size: var(--tf-font-size-sm); font-variant-numeric: tabular-nums; }
    th { font-weight: 600; color: var(--tf-color-text-muted); padding: var(--tf-space-1) var(--tf-space-2); white-space: nowrap; }
    th[scope='row'] { text-align: right; }
    .axis { color: var(--tf-color-text); }
    td { padding: 1px; }
    button { font: inherit; min-width: 44px; min-height: 36px; width: 100%; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); cursor: pointer; }
    button[aria-pressed='true'] { outline: 3px solid var(--tf-color-focus); outline-offset: 1px; }
    button.diagonal { font-weight: 700; }
    figcaption { font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
  `;

  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) matrix: number[][] = [];
  @property() caption = '';
  @state() private chosen: ConfusionCell | null = null;

  private choose(actual: number, predicted: number): void {
    const same = this.chosen?.actual === actual && this.chosen.predicted === predicted;
    this.chosen = same ? null : { actual, predicted };
    this.dispatchEvent(
      new CustomEvent<ConfusionCell | null>('cell-select', { detail: this.chosen, bubbles: true, composed: true }),
    );
  }

  render() {
    const { labels, matrix } = this;
    const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
    const correct = matrix.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
    return html`<figure aria-label="Confusion matrix">
      <div class="scroll">
        <table>
          <thead>
            <tr><th scope="col" class="axis">Actual ╲ Predicted</th>${labels.map((l) => html`<th scope="col">${l}</th>`)}</tr>
          </thead>
          <tbody>
            ${matrix.map((row, actual) => {
              const rowTotal = row.reduce((a, b) => a + b, 0);
              return html`<tr><th scope="row">${labels[actual]}</th>${row.map((count, predicted) => {
                const share = rowTotal > 0 ? count / rowTotal : 0;
                const percent = Math.round(share * 100);
                const pressed = this.chosen?.actual === actual && this.chosen.predicted === predicted;
                // Shading stops at 40% accent: up to there the text colour keeps 4.5:1 in both themes (past it, neither
                // the text nor the on-accent colour does for every share).
                const style = `background: color-mix(in srgb, var(--tf-color-accent) ${Math.round(share * 40)}%, var(--tf-color-surface)); color: var(--tf-color-text)`;
                return html`<td><button class=${actual === predicted ? 'diagonal' : ''} style=${style} aria-pressed=${pressed ? 'true' : 'false'}
                  aria-label="Actual ${labels[actual]}, predicted ${labels[predicted]}: ${count} (${percent}% of ${labels[actual]})"
                  @click=${() => this.choose(actual, predicted)}>${formatNumber(count)}</button></td>`;
              })}</tr>`;
            })}
          </tbody>
        </table>
      </div>
      <figcaption>
        Rows are the actual class, columns the predicted one; shading is the share of the row. ${formatNumber(correct)} of ${formatNumber(total)} right${this.caption ? ` · ${this.caption}` : ''}.
      </figcaption>
      ${this.chosen ? html`<slot name="cell"></slot>` : nothing}
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confusion-matrix': ConfusionMatrix;
  }
}
