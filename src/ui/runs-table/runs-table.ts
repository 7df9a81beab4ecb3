import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cellValue, NAME_COLUMN, type Column } from './columns';
import { columnGroupSpans, columnWidth, groupMetricText } from './group-cells';
import { sameColumnRange, visibleColumnRange, type ColumnRange } from './column-range';
import { formatCell } from './format';
import {
  distinctValues,
  groupExpandKey,
  isGroupRow,
  listedRunIds,
  sharedValue,
  type AnyTableRow,
  type GroupTableRow,
} from './group-rows';
import type { TableRow } from './nest-runs';
import type { SortState } from './sort-rows';
import { runHref } from '../links';

const ROW_HEIGHT = 36;
/**
 * Rows drawn above and below the visible window, so a fast flick shows no blank space before the next frame redraws
 * (scrolling redraws once a frame). Four rows (144 px) cover that; each extra row costs every update its cells —
 * with 8, the bench's 800 px table drew 31 rows for 23 in view.
 */
const OVERSCAN = 4;
const CHECK_WIDTH = 40;
const NAME_WIDTH = 240;
/** Grid columns before the first data column: the checkbox and the run name. */
const PINNED_COLUMNS = 2;
const WIDTHS: Record<string, number> = {
  'attributes.status': 120,
  'attributes.start_time': 160,
  'attributes.duration': 100,
};

/**
 * A virtualized runs table: only the rows in view (plus overscan) exist in the DOM, positioned over a spacer as
 * tall as all rows, so 10,000 runs scroll as smoothly as 10; of a table wider than its box, only the columns in
 * view (plus overscan, see column-range.ts) are drawn. It keeps the ARIA table roles (rowcount, rowindex, colcount
 * and colindex tell assistive tech where the drawn cells sit) and draws what it is given: the page owns
 * filtering, sorting, nesting and selection.
 *
 * @fires sort-column - detail: the clicked column's id
 * @fires toggle-run - detail: { runId, selected }
 * @fires toggle-all - detail: whether every listed run should be selected
 * @fires toggle-children - detail: the parent run id (or a group's expand key) whose runs to show or hide
 * @fires toggle-runs - detail: { runIds, selected } for every run of a group
 */
@customElement('runs-table')
export class RunsTable extends LitElement {
  static styles = css`
    :host { display: block; min-height: 0; flex: 1; position: relative; }
    .scroller { position: absolute; inset: 0; overflow: auto; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 8px; }
    .row { display: grid; grid-template-columns: var(--columns); height: ${ROW_HEIGHT}px; align-items: center; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); font-size: var(--tf-font-size); min-width: var(--width); box-sizing: border-box; }
    .header { position: sticky; top: 0; z-index: 2; font-weight: 600; color: var(--tf-color-text-muted); }
    .header .row { background: var(--tf-color-surface-2); }
    .body { position: relative; min-width: var(--width); }
    .body .row { position: absolute; left: 0; right: 0; background: var(--tf-color-surface); }
    .body .row:hover { background: var(--tf-color-surface-2); }
    .body .row.selected { background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); }
    /* The checkbox and run name stay in view while wide tables scroll sideways, as MLflow pins the name. */
    .row > :nth-child(1), .row > :nth-child(2) { position: sticky; z-index: 1; background: inherit; height: 100%; }
    .row > :nth-child(1) { left: 0; }
    .row > :nth-child(2) { left: ${CHECK_WIDTH}px; box-shadow: inset -1px 0 0 color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
    [role='cell'], [role='columnheader'] { padding: 0 10px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .check { display: flex; justify-content: center; align-items: center; padding: 0; }
    [role='columnheader'] button { all: unset; cursor: pointer; display: flex; gap: 4px; align-items: center; max-width: 100%; }
    [role='columnheader'] button:focus-visible { outline: 2px solid var(--tf-color-accent); border-radius: 4px; }
    [role='columnheader'].num button { margin-left: auto; }
    .label { overflow: hidden; text-overflow: ellipsis; }
    /* Params and metrics are told apart by a coloured rule above their header, as MLflow groups them. */
    [role='columnheader'].param { box-shadow: inset 0 3px 0 var(--tf-color-warning); }
    [role='columnheader'].metric { box-shadow: inset 0 3px 0 var(--tf-color-accent); }
    [role='columnheader'] { height: 100%; display: flex; align-items: center; }
    .arrow { color: var(--tf-color-accent); }
    .name { display: flex; align-items: center; gap: 4px; }
    .name a { color: var(--tf-color-accent); text-decoration: none; overflow: hidden; text-overflow: ellipsis; }
    .name a:hover { text-decoration: underline; }
    .twisty { border: 0; background: color-mix(in srgb, var(--tf-color-border) 55%, transparent); border-radius: 10px; font-size: var(--tf-font-size-sm); padding: 1px 6px; cursor: pointer; color: var(--tf-color-text-muted); flex: none; }
    .twisty:focus-visible { outline: 2px solid var(--tf-color-accent); }
    .status { display: inline-flex; align-items: center; gap: 6px; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--dot); flex: none; }
    .RUNNING { --dot: var(--tf-color-accent); } .FINISHED { --dot: var(--tf-color-success); } .FAILED { --dot: var(--tf-color-danger); } .KILLED { --dot: var(--tf-color-text-muted); } .SCHEDULED { --dot: var(--tf-color-warning); }
    .RUNNING .dot { animation: pulse 1.2s ease-in-out infinite; }
    @keyframes pulse { 50% { opacity: .35; } }
    /* Long header labels wrap onto a second line instead of being cut off; the full id is in the tooltip. */
    .header .row:not(.kinds) { height: auto; min-height: ${ROW_HEIGHT}px; }
    .header [role='columnheader'] .label { white-space: normal; overflow-wrap: anywhere; line-height: 1.2; padding: var(--tf-space-1) 0; }
    .pick { color: var(--tf-color-text-muted); font-weight: 400; }
    /* The band naming the column kinds; it scrolls with the columns, so nothing in it is pinned. */
    .row.kinds { height: 24px; font-size: var(--tf-font-size-sm); text-transform: uppercase; letter-spacing: .04em; }
    .row.kinds > * { position: static; box-shadow: none; }
    .kind { padding: 0 10px; height: 100%; display: flex; align-items: center; overflow: hidden; white-space: nowrap; }
    .kind.metric { color: var(--tf-color-accent); box-shadow: inset 0 -2px 0 var(--tf-color-accent); }
    .kind.param { color: var(--tf-color-warning); box-shadow: inset 0 -2px 0 var(--tf-color-warning); }
    .kind.tag { color: var(--tf-color-success); box-shadow: inset 0 -2px 0 var(--tf-color-success); }
    [role='columnheader'].tag { box-shadow: inset 0 3px 0 var(--tf-color-success); }
    .body .row.group { background: var(--tf-color-surface-2); font-weight: 600; }
    .group-name { overflow: hidden; text-overflow: ellipsis; }
    .muted { color: var(--tf-color-text-muted); font-weight: 400; }
    .gap { grid-column: span var(--gap); }
  `;

  /** The visible lines, already filtered, sorted and nested (or grouped). */
  @property({ attribute: false }) rows: AnyTableRow[] = [];
  /** Columns after the run name. */
  @property({ attribute: false }) columns: Column[] = [];
  @property({ attribute: false }) sort: SortState | null = null;
  @property({ attribute: false }) selected: ReadonlySet<string> = new Set();
  @state() private scrolledTo = 0;
  @state() private viewportHeight = 600;
  /** Before the first layout the scroll box has no width yet: the window's is the widest it can be. */
  @state() private viewportWidth = window.innerWidth;
  private scrolledLeft = 0;
  /** Data column widths (after the checkbox and name), measured when the columns change. */
  private dataWidths: number[] = [];
  private drawnColumns: ColumnRange = { first: 0, end: 0 };
  private resizeObserver = new ResizeObserver(([entry]) => {
    this.viewportHeight = entry.contentRect.height;
    this.viewportWidth = entry.contentRect.width;
  });
  private scrollFrame = 0;
  /** How many listed runs are selected; counted when rows or selection change, not on every scroll frame. */
  private selectedListed = 0;
  private listed: string[] = [];

  firstUpdated(): void {
    this.resizeObserver.observe(this.scroller);
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('columns')) this.dataWidths = this.columns.map((c) => WIDTHS[c.id] ?? columnWidth(c));
    this.drawnColumns = this.columnRange();
    if (changed.has('rows') || changed.has('selected')) {
      this.listed = listedRunIds(this.rows);
      this.selectedListed =
        this.selected.size === 0 ? 0 : this.listed.reduce((n, id) => n + (this.selected.has(id) ? 1 : 0), 0);
    }
  }

  /** A new order starts at the top, where the best (or newest) runs now are. */
  protected updated(changed: PropertyValues<this>): void {
    if (changed.has('sort') && changed.get('sort') !== undefined && this.scroller.scrollTop > 0)
      this.scroller.scrollTop = 0;
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.scrollFrame);
  }

  private get scroller(): HTMLElement {
    return this.renderRoot.querySelector('.scroller') as HTMLElement;
  }

  /** Scroll events come faster than frames; reading scrollTop once per frame keeps re-renders to one a frame. */
  private onScroll(): void {
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.scrolledTo = this.scroller.scrollTop;
      this.scrolledLeft = this.scroller.scrollLeft;
      this.redrawIfColumnsMoved();
    });
  }

  private columnRange(): ColumnRange {
    return visibleColumnRange(this.dataWidths, CHECK_WIDTH + NAME_WIDTH, this.scrolledLeft, this.viewportWidth);
  }

  /** A sideways scroll redraws only when it brings other columns into view, not on every frame. */
  private redrawIfColumnsMoved(): void {
    if (!sameColumnRange(this.columnRange(), this.drawnColumns)) this.requestUpdate();
  }

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private header(column: Column, colIndex: number) {
    const sorted = this.sort?.columnId === column.id;
    const direction = sorted ? (this.sort!.ascending ? 'ascending' : 'descending') : 'none';
    const kind = column.kind === 'attribute' ? '' : column.kind;
    const align = column.numeric && kind ? 'num' : '';
    const picked = column.pick && column.pick !== 'last' ? ` (${column.pick})` : '';
    return html`<div role="columnheader" aria-sort=${direction} aria-colindex=${colIndex} class="${kind} ${align}" title=${`${column.id}${picked}`}>
      <button @click=${() => this.emit('sort-column', column.id)} aria-label=${`Sort by ${column.label}${kind ? ` (${kind})` : ''}`}>
        <span class="label">${column.label}${picked ? html`<span class="pick">${picked}</span>` : nothing}</span>
        ${sorted ? html`<span class="arrow" aria-hidden="true">${this.sort!.ascending ? '▲' : '▼'}</span>` : nothing}
      </button>
    </div>`;
  }

  private nameCell(row: TableRow) {
    const { run } = row;
    return html`<div role="cell" aria-colindex="2" class="name" style="padding-left:${10 + row.depth * 20}px">
      ${
        row.childCount > 0
          ? html`<button class="twisty" aria-expanded=${row.expanded ? 'true' : 'false'}
            aria-label=${`${row.expanded ? 'Hide' : 'Show'} ${row.childCount} child runs of ${run.info.runName}`}
            @click=${() => this.emit('toggle-children', run.info.runId)}>${row.expanded ? '▾' : '▸'} ${row.childCount}</button>`
          : nothing
      }
      <a href=${runHref(run.info.runId)} title=${run.info.runName}>${run.info.runName}</a>
    </div>`;
  }

  private dataCell(row: TableRow, column: Column, colIndex: number) {
    const value = cellValue(row.run, column);
    if (column.id === 'attributes.status') {
      return html`<div role="cell" aria-colindex=${colIndex}><span class="status ${row.run.info.status}"><span class="dot"></span>${row.run.info.status}</span></div>`;
    }
    const text = formatCell(value, column);
    return html`<div role="cell" aria-colindex=${colIndex} class=${column.numeric && column.kind !== 'attribute' ? 'num' : ''} title=${value === undefined ? '' : String(value)}>${text}</div>`;
  }

  private groupCell(row: GroupTableRow, column: Column, colIndex: number) {
    if (column.kind === 'metric') {
      const metric = row.metrics.get(column.id);
      const { text, title } = groupMetricText(metric, row.group.runs.length, column);
      return html`<div role="cell" aria-colindex=${colIndex} class="num" title=${title}>${text}</div>`;
    }
    const value = sharedValue(row.group.runs, column);
    const align = column.numeric && column.kind !== 'attribute' ? 'num' : '';
    if (value !== undefined)
      return html`<div role="cell" aria-colindex=${colIndex} class=${align}>${formatCell(value, column)}</div>`;
    const distinct = distinctValues(row.group.runs, column);
    return html`<div role="cell" aria-colindex=${colIndex} class="${align} muted">${distinct > 1 ? `${distinct} values` : ''}</div>`;
  }

  /** The drawn data columns with their 1-based aria-colindex, and what stands in for the columns before them. */
  private drawnCells<T>(cell: (column: Column, colIndex: number) => T) {
    const { first, end } = this.drawnColumns;
    const cells = [];
    for (let i = first; i < end; i++) cells.push(cell(this.columns[i], i + PINNED_COLUMNS + 1));
    return html`${this.gap()}${cells}`;
  }

  /** Spans the grid tracks of the columns left out left of the drawn range, so the drawn ones keep their place. */
  private gap() {
    const { first } = this.drawnColumns;
    return first > 0 ? html`<div class="gap" aria-hidden="true" style="--gap:${first}"></div>` : nothing;
  }

  private groupRow(row: GroupTableRow, index: number) {
    const { group, name } = row;
    const runIds = group.runs.map((r) => r.info.runId);
    const selectedCount = runIds.reduce((n, id) => n + (this.selected.has(id) ? 1 : 0), 0);
    return html`<div role="row" class="row group" aria-label=${name} aria-rowindex=${index + 2} aria-expanded=${row.expanded ? 'true' : 'false'}
      style="transform:translateY(${index * ROW_HEIGHT}px)">
      <div role="cell" aria-colindex="1" class="check">
        <input type="checkbox" .checked=${selectedCount === runIds.length} .indeterminate=${selectedCount > 0 && selectedCount < runIds.length}
          aria-label=${`Select the ${runIds.length} runs of ${name}`}
          @change=${(e: Event) => this.emit('toggle-runs', { runIds, selected: (e.target as HTMLInputElement).checked })} />
      </div>
      <div role="cell" aria-colindex="2" class="name">
        <button class="twisty" aria-expanded=${row.expanded ? 'true' : 'false'} aria-label=${`${row.expanded ? 'Hide' : 'Show'} the runs of ${name}`}
          @click=${() => this.emit('toggle-children', groupExpandKey(group))}>${row.expanded ? '▾' : '▸'} ${runIds.length}</button>
        <span class="group-name" title=${name}>${name.replace(/^Group /, '').replace(/ · \d+ runs?$/, '')}</span>
      </div>
      ${this.drawnCells((column, colIndex) => this.groupCell(row, column, colIndex))}
    </div>`;
  }

  private bodyRow(row: TableRow, index: number) {
    const { runId, runName } = row.run.info;
    const selected = this.selected.has(runId);
    return html`<div role="row" class="row ${selected ? 'selected' : ''}" aria-rowindex=${index + 2} aria-selected=${selected ? 'true' : 'false'} style="transform:translateY(${index * ROW_HEIGHT}px)">
      <div role="cell" aria-colindex="1" class="check">
        <input type="checkbox" .checked=${selected} aria-label=${`Select run ${runName}`}
          @change=${(e: Event) => this.emit('toggle-run', { runId, selected: (e.target as HTMLInputElement).checked })} />
      </div>
      ${this.nameCell(row)}
      ${this.drawnCells((column, colIndex) => this.dataCell(row, column, colIndex))}
    </div>`;
  }

  render() {
    const widths = [CHECK_WIDTH, NAME_WIDTH, ...this.dataWidths];
    const drawn = this.drawnColumns;
    const total = widths.reduce((a, b) => a + b, 0);
    // Past the box's width flexible tracks sit at their minimum anyway; fixed ones spare every drawn row's grid
    // the flexible sizing (about 1 ms of the bench update's 13 ms of layout in Chrome traces).
    const fixed = total > this.viewportWidth;
    const template = widths
      .map((w, i) => (i === 0 || fixed ? `${w}px` : `minmax(${w}px, ${i === 1 ? 2 : 1}fr)`))
      .join(' ');
    const count = this.rows.length;
    // A filter can shrink the list below the old scroll position before the browser's clamping scroll event.
    const top = Math.min(this.scrolledTo, Math.max(0, count * ROW_HEIGHT - this.viewportHeight));
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + this.viewportHeight) / ROW_HEIGHT) + OVERSCAN);
    const allSelected = count > 0 && this.selectedListed === count;
    const someSelected = this.selectedListed > 0 && !allSelected;
    const visible = [];
    for (let i = first; i < last; i++) {
      const row = this.rows[i];
      visible.push(isGroupRow(row) ? this.groupRow(row, i) : this.bodyRow(row, i));
    }
    return html`<div class="scroller" role="table" aria-label="Runs" aria-rowcount=${count + 1} aria-colcount=${widths.length}
      style="--columns:${template};--width:${total}px" @scroll=${this.onScroll}>
      <div role="rowgroup" class="header">
        <!-- The kind band is for the eye: each header's sort button already names its kind, "(metric)", "(param)". -->
        <div class="row kinds" aria-hidden="true">
          ${columnGroupSpans(this.columns.slice(drawn.first, drawn.end), drawn.first > 0).map(
            (span, i) =>
              html`${i === 1 ? this.gap() : nothing}<div class="kind ${span.kind}" style="grid-column: span ${span.count}">${span.label}</div>`,
          )}
        </div>
        <div role="row" class="row" aria-rowindex="1">
          <div role="columnheader" aria-colindex="1" class="check">
            <input type="checkbox" aria-label="Select all listed runs" .checked=${allSelected} .indeterminate=${someSelected}
              @change=${(e: Event) => this.emit('toggle-all', (e.target as HTMLInputElement).checked)} />
          </div>
          ${this.header(NAME_COLUMN, 2)}
          ${this.drawnCells((column, colIndex) => this.header(column, colIndex))}
        </div>
      </div>
      <div role="rowgroup" class="body" style="height:${count * ROW_HEIGHT}px">${visible}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'runs-table': RunsTable;
  }
}
