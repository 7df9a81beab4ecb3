import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { downloadBlob } from '../../charts/download';
import { formatNumber } from '../../format';
import type { Run } from '../../tracking';
import { compareChange } from './compare-change';
import { diffToCsv, type DiffRow, type DiffSection, type Direction } from './diff';
import { touchTargets } from '../primitives/touch-targets';
import { runHref } from '../links';
import { columnWindow, VIRTUAL_COLUMN_WIDTH, VIRTUAL_COLUMNS_FROM, type ColumnWindow } from './column-window';

/** The row-header column's width (CSS px) when run columns are virtualized (fixed layout). */
const ROW_HEADER_WIDTH = 220;

const SECTION_TITLES: Record<DiffSection, string> = {
  param: 'Parameters',
  metric: 'Metrics (latest value)',
  tag: 'Tags',
};

/**
 * `<compare-diff-table>`: runs as columns; params, latest metrics and tags as rows. Rows whose values differ
 * are highlighted (and say "differs" to screen readers), each metric's best value is starred, and the
 * direction that decides "best" is editable per metric.
 *
 * @fires compare-change - `{ onlyDifferences }` or `{ directions }` when the user changes them.
 */
@customElement('compare-diff-table')
export class CompareDiffTable extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    .bar { display: flex; align-items: center; gap: 16px; margin-bottom: 8px; }
    .bar label { display: flex; align-items: center; gap: 6px; font-size: var(--tf-font-size); cursor: pointer; }
    .bar .spacer { flex: 1; }
    button { font: inherit; font-size: var(--tf-font-size); padding: 4px 10px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); cursor: pointer; }
    /* position: relative keeps the screen-reader-only text of far-right cells inside the scroll box, or the
       whole page would scroll sideways with 100 runs. */
    /* No height cap: an inner scroll box hid the metrics below the params; the page scrolls instead. */
    .scroll { position: relative; overflow-x: auto; border: 1px solid var(--tf-color-border); border-radius: 8px; background: var(--tf-color-surface); }
    table { border-collapse: separate; border-spacing: 0; width: 100%; font-size: var(--tf-font-size); }
    th, td { padding: 6px 10px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); text-align: left; white-space: nowrap; }
    thead th { position: sticky; top: 0; background: var(--tf-color-surface-2); z-index: 2; font-weight: 600; }
    th[scope='row'] { position: sticky; left: 0; background: var(--tf-color-surface); z-index: 1; font-weight: 500; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
    .section th { background: var(--tf-color-surface-2); color: var(--tf-color-text-muted); font-size: var(--tf-font-size-sm); text-transform: uppercase; letter-spacing: .04em; position: sticky; left: 0; }
    tr.differs td, tr.differs th[scope='row'] { background: color-mix(in srgb, var(--tf-color-warning) 14%, var(--tf-color-surface)); }
    /* Left, like the run names above them: a value sits under its own run's name, not under the next column's. */
    td.num { font-variant-numeric: tabular-nums; text-align: left; }
    td.best { font-weight: 700; color: var(--tf-color-success); }
    td.best .star { color: var(--tf-color-warning); margin-right: 4px; }
    td.missing { color: var(--tf-color-text-muted); }
    .run { display: inline-flex; align-items: center; gap: 6px; color: inherit; text-decoration: none; }
    .run:hover { text-decoration: underline; }
    .swatch { width: 10px; height: 10px; border-radius: 50%; flex: none; }
    select { font: inherit; font-size: var(--tf-font-size-sm); margin-left: 8px; }
    .key { display: flex; align-items: center; justify-content: space-between; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .empty { padding: 16px; color: var(--tf-color-text-muted); }
    /* Many runs: fixed column widths (see column-window.ts); cut values keep their full text in the title. */
    table.virtual { table-layout: fixed; }
    table.virtual th, table.virtual td { overflow: hidden; text-overflow: ellipsis; }
    table.virtual .gap { padding: 0; border: 0; }
  `,
  ];

  @property({ attribute: false }) runs: Run[] = [];
  @property({ attribute: false }) rows: DiffRow[] = [];
  @property({ attribute: false }) colors: ReadonlyMap<string, string> = new Map();
  @property({ type: Boolean }) onlyDifferences = false;

  /** The run columns in the DOM (all of them below VIRTUAL_COLUMNS_FROM runs). */
  @state() private columns: ColumnWindow = { first: 0, end: 0 };
  private scrollBox: HTMLElement | null = null;
  private resizeObserver = new ResizeObserver(() => this.updateColumns());

  private get virtual(): boolean {
    return this.runs.length >= VIRTUAL_COLUMNS_FROM;
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.scrollBox = null;
  }

  protected willUpdate(): void {
    // Before the first layout the scroll box has no width yet: assume the window's.
    if (!this.scrollBox) this.columns = columnWindow(this.runs.length, 0, globalThis.innerWidth ?? 1280);
    else this.columns = this.windowFor(this.scrollBox);
  }

  protected updated(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.scroll');
    if (box && box !== this.scrollBox) {
      this.scrollBox = box;
      this.resizeObserver.disconnect();
      this.resizeObserver.observe(box);
    }
  }

  private windowFor(box: HTMLElement): ColumnWindow {
    return columnWindow(this.runs.length, box.scrollLeft, box.clientWidth - ROW_HEADER_WIDTH);
  }

  private updateColumns(): void {
    if (!this.scrollBox || !this.virtual) return;
    const next = this.windowFor(this.scrollBox);
    if (next.first !== this.columns.first || next.end !== this.columns.end) this.columns = next;
  }

  private setDirection(key: string, direction: Direction): void {
    compareChange(this, { directions: { [key]: direction } });
  }

  private downloadCsv(): void {
    const csv = diffToCsv(
      this.runs,
      this.rows.filter((r) => !this.onlyDifferences || r.differs),
    );
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), 'compare-runs.csv');
  }

  private cell(row: DiffRow, value: string | number | undefined, column: number) {
    if (value === undefined) return html`<td class="missing" aria-colindex=${column + 2}>—</td>`;
    const best = row.best?.includes(column) ?? false;
    const text = typeof value === 'number' ? formatNumber(value) : value;
    return html`<td class="${typeof value === 'number' ? 'num' : ''} ${best ? 'best' : ''}" aria-colindex=${column + 2} title=${String(value)}>
      ${best ? html`<span class="star" aria-hidden="true">★</span><span class="sr">best: </span>` : nothing}${text}
    </td>`;
  }

  private rowHeader(row: DiffRow) {
    const differs = row.differs ? html`<span class="sr"> (differs)</span>` : nothing;
    if (row.section !== 'metric') return html`<th scope="row" aria-colindex="1">${row.key}${differs}</th>`;
    return html`<th scope="row" aria-colindex="1"><span class="key"><span>${row.key}${differs}</span>
      <select aria-label="Best value of ${row.key}" @change=${(e: Event) => this.setDirection(row.key, (e.target as HTMLSelectElement).value as Direction)}>
        <option value="min" ?selected=${row.direction === 'min'}>lowest is best</option>
        <option value="max" ?selected=${row.direction === 'max'}>highest is best</option>
      </select></span></th>`;
  }

  render() {
    const shown = this.rows.filter((r) => !this.onlyDifferences || r.differs);
    const sections = (['param', 'metric', 'tag'] as const).map(
      (section) => [section, shown.filter((r) => r.section === section)] as const,
    );
    const { first, end } = this.columns;
    const virtual = this.virtual;
    const shownRuns = this.runs.slice(first, end);
    // Spacers stand in for the columns left out either side, so the table keeps its full width.
    const before = first * VIRTUAL_COLUMN_WIDTH;
    const after = (this.runs.length - end) * VIRTUAL_COLUMN_WIDTH;
    const gap = (width: number, cell: 'th' | 'td') =>
      width <= 0
        ? nothing
        : cell === 'th'
          ? html`<th class="gap" aria-hidden="true" style="width:${width}px"></th>`
          : html`<td class="gap" aria-hidden="true"></td>`;
    const columns = 1 + shownRuns.length + (before > 0 ? 1 : 0) + (after > 0 ? 1 : 0);
    const width = ROW_HEADER_WIDTH + this.runs.length * VIRTUAL_COLUMN_WIDTH;
    return html`
      <div class="bar">
        <label><input type="checkbox" role="switch" .checked=${this.onlyDifferences}
          @change=${(e: Event) => compareChange(this, { onlyDifferences: (e.target as HTMLInputElement).checked })} />Only differences</label>
        <span class="spacer"></span>
        <button type="button" @click=${this.downloadCsv}>Download CSV</button>
      </div>
      <div class="scroll" @scroll=${this.updateColumns}>
        <table aria-label="Differences between runs" aria-colcount=${this.runs.length + 1} class=${virtual ? 'virtual' : ''}
          style=${virtual ? `width:${width}px` : ''}>
          <thead>
            <tr>
              <th scope="col" aria-colindex="1" style=${virtual ? `width:${ROW_HEADER_WIDTH}px` : ''}>Run</th>
              ${gap(before, 'th')}
              ${shownRuns.map(
                (
                  run,
                  i,
                ) => html`<th scope="col" aria-colindex=${first + i + 2} style=${virtual ? `width:${VIRTUAL_COLUMN_WIDTH}px` : ''}>
                <a class="run" href=${runHref(run.info.runId)}>
                  <span class="swatch" style="background:${this.colors.get(run.info.runId)}"></span>${run.info.runName || run.info.runId}
                </a></th>`,
              )}
              ${gap(after, 'th')}
            </tr>
          </thead>
          <tbody>
            ${sections.map(([section, rows]) =>
              rows.length === 0
                ? nothing
                : html`
              <tr class="section"><th colspan=${columns} scope="colgroup">${SECTION_TITLES[section]}</th></tr>
              ${rows.map(
                (row) => html`<tr class=${row.differs ? 'differs' : ''}>
                ${this.rowHeader(row)}${gap(before, 'td')}${row.values.slice(first, end).map((v, i) => this.cell(row, v, first + i))}${gap(after, 'td')}
              </tr>`,
              )}`,
            )}
          </tbody>
        </table>
        ${
          shown.length === 0
            ? html`<p class="empty">${this.onlyDifferences ? 'These runs have the same params, metrics and tags.' : 'These runs logged no params, metrics or tags.'}</p>`
            : nothing
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-diff-table': CompareDiffTable;
  }
}
