/**
 * Which of the runs table's data columns to put in the DOM. A table of 30 params, metrics and tags is 3–4 times
 * wider than its box; drawing only the columns in view (plus one either side) cuts each row's cells to about a
 * third, and with them the Lit, style, layout and paint work of every update (the bench's "runs table" figure:
 * 33 cells a row before). The columns keep their grid tracks, so widths, the scroll bar and the pinned checkbox and
 * run name stay as they were; a gap element spans the tracks of the columns left out before the range.
 *
 * Unlike Compare's column window (one fixed width for every run column), runs-table columns have their own widths.
 */

/**
 * Columns drawn beyond each edge of the view, so a short sideways scroll shows no blank before the next frame. One
 * (at least 100 px) is enough there: each drawn column costs every row a cell on every update.
 */
const OVERSCAN = 1;

export interface ColumnRange {
  /** First drawn data column (0-based, after the checkbox and run name). */
  first: number;
  /** One past the last drawn data column. */
  end: number;
}

/**
 * The data columns to draw when the scroll box, `viewWidth` wide and scrolled `scrollLeft` sideways, shows a row
 * whose pinned columns (checkbox and name, stuck to the left edge) are `pinnedWidth` wide and whose data columns
 * are `widths` wide. Past the view's width the grid tracks sit at their minimum widths, so these sums are exact;
 * a view wider than every column (where tracks stretch) draws them all.
 */
export function visibleColumnRange(
  widths: readonly number[],
  pinnedWidth: number,
  scrollLeft: number,
  viewWidth: number,
): ColumnRange {
  const total = widths.reduce((sum, w) => sum + w, pinnedWidth);
  // A filter can narrow the table below the old scroll position before the browser's clamping scroll event.
  const left = Math.min(Math.max(0, scrollLeft), Math.max(0, total - viewWidth));
  // The pinned columns cover the view's left edge, so the data in view starts right of them.
  const from = left + pinnedWidth;
  const to = left + Math.max(0, viewWidth);
  let first = widths.length;
  let end = 0;
  let x = pinnedWidth;
  for (let i = 0; i < widths.length; i++) {
    const right = x + widths[i];
    if (right > from && x < to) {
      first = Math.min(first, i);
      end = i + 1;
    }
    x = right;
  }
  if (end === 0) return { first: 0, end: Math.min(widths.length, OVERSCAN) };
  return { first: Math.max(0, first - OVERSCAN), end: Math.min(widths.length, end + OVERSCAN) };
}

export const sameColumnRange = (a: ColumnRange, b: ColumnRange) => a.first === b.first && a.end === b.end;
