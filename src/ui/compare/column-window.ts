/**
 * Which run columns of the Compare diff table to put in the DOM. With many runs the table has hundreds of
 * columns (200 runs × a dozen rows is 2,400 cells: ~60 ms of Lit rendering and ~140 ms of style and layout in one
 * task), so past `VIRTUAL_COLUMNS_FROM` runs the columns get one fixed width and only those in view, plus a few
 * either side, are rendered; spacer cells keep the table its full width so the scroll bar stays true.
 */

/** Below this many runs every column is rendered, at its natural width. */
export const VIRTUAL_COLUMNS_FROM = 24;
/** A run column's width (CSS px) once columns are virtualized; longer values are cut, their cell's title holds all. */
export const VIRTUAL_COLUMN_WIDTH = 150;
/** Columns rendered beyond each edge of the view, so a short scroll shows no blank before the next frame. */
const OVERSCAN = 3;

export interface ColumnWindow {
  /** First rendered run column (0-based). */
  first: number;
  /** One past the last rendered run column. */
  end: number;
}

/**
 * The run columns to render when the scroll box shows `[scrollLeft, scrollLeft + viewWidth)` of the table's run
 * columns (the sticky row-header column excluded), each `columnWidth` wide.
 */
export function columnWindow(
  columnCount: number,
  scrollLeft: number,
  viewWidth: number,
  columnWidth = VIRTUAL_COLUMN_WIDTH,
): ColumnWindow {
  if (columnCount < VIRTUAL_COLUMNS_FROM) return { first: 0, end: columnCount };
  const visibleFirst = Math.floor(Math.max(0, scrollLeft) / columnWidth);
  const visibleEnd = Math.ceil((Math.max(0, scrollLeft) + Math.max(0, viewWidth)) / columnWidth);
  const first = Math.max(0, Math.min(columnCount, visibleFirst - OVERSCAN));
  const end = Math.max(first, Math.min(columnCount, visibleEnd + OVERSCAN));
  return { first, end };
}
