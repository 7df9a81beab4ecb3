import { describe, expect, it } from 'vitest';
import { sameColumnRange, visibleColumnRange } from '../../../../src/ui/runs-table/column-range';
import { columnGroupSpans } from '../../../../src/ui/runs-table/group-cells';
import type { Column } from '../../../../src/ui/runs-table/columns';

const TEN_WIDE = Array.from({ length: 10 }, () => 100);

describe('visibleColumnRange', () => {
  it('draws the columns right of the pinned ones that the view shows, plus one to the right', () => {
    // Pinned 280 px; the view's 800 px show data columns 0..5 (the sixth starts at 780 px).
    expect(visibleColumnRange(TEN_WIDE, 280, 0, 800)).toEqual({ first: 0, end: 7 });
  });

  it('follows a sideways scroll, with one column either side', () => {
    // Scrolled 300 px: data shows from 580 px (behind the pinned 280 px) to 1,100 px, columns 3..8.
    expect(visibleColumnRange(TEN_WIDE, 280, 300, 800)).toEqual({ first: 2, end: 10 });
  });

  it('uses each column its own width', () => {
    // Columns start at 100, 300, 350, 400, 450, 500, 550, 850, 950, 1,050; scrolled 300 px, the data in view
    // runs from 400 to 700 px: columns 3..6 (column 2 ends exactly at 400 px, column 7 starts at 850 px).
    const widths = [200, 50, 50, 50, 50, 50, 300, 100, 100, 100];
    expect(visibleColumnRange(widths, 100, 300, 400)).toEqual({ first: 2, end: 8 });
  });

  it('draws every column when the view is wider than the table', () => {
    expect(visibleColumnRange(TEN_WIDE, 280, 0, 2000)).toEqual({ first: 0, end: 10 });
  });

  it('clamps a scroll position the narrower table no longer has, as the browser is about to', () => {
    // 1,280 px of table in an 800 px view scroll at most 480 px: data in view from 760 px, column 4 on.
    expect(visibleColumnRange(TEN_WIDE, 280, 5000, 800)).toEqual({ first: 3, end: 10 });
    expect(visibleColumnRange(TEN_WIDE.slice(0, 3), 280, 5000, 800)).toEqual({ first: 0, end: 3 });
  });

  it('draws one column when the box has no width yet, and nothing when there are no columns', () => {
    expect(visibleColumnRange(TEN_WIDE, 280, 0, 0)).toEqual({ first: 0, end: 1 });
    expect(visibleColumnRange([], 280, 0, 800)).toEqual({ first: 0, end: 0 });
  });

  it('tells whether two ranges are the same', () => {
    expect(sameColumnRange({ first: 1, end: 4 }, { first: 1, end: 4 })).toBe(true);
    expect(sameColumnRange({ first: 1, end: 4 }, { first: 1, end: 5 })).toBe(false);
  });
});

describe('columnGroupSpans of a scrolled range', () => {
  const status: Column = { id: 'attributes.status', kind: 'attribute', key: 'status', label: 'Status', numeric: false };
  const loss: Column = { id: 'metrics.loss', kind: 'metric', key: 'loss', label: 'loss', numeric: true };
  const lr: Column = { id: 'params.lr', kind: 'param', key: 'lr', label: 'lr', numeric: true };
  const spans = (columns: Column[], pinnedApart?: boolean) =>
    columnGroupSpans(columns, pinnedApart).map((s) => [s.label, s.count]);

  it('keeps the pinned checkbox and name in a span of their own when columns before the range are left out', () => {
    expect(spans([status, loss, lr], true)).toEqual([
      ['Run', 2],
      ['', 1],
      ['Metrics', 1],
      ['Params', 1],
    ]);
    expect(spans([status, loss, lr])).toEqual([
      ['Run', 3],
      ['Metrics', 1],
      ['Params', 1],
    ]);
  });
});
