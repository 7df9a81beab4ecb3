import { describe, expect, it } from 'vitest';
import { columnWindow, VIRTUAL_COLUMNS_FROM } from '../../../../src/ui/compare/column-window';

describe('columnWindow', () => {
  it('renders every column below the virtualization threshold, whatever the scroll', () => {
    expect(columnWindow(VIRTUAL_COLUMNS_FROM - 1, 5000, 300, 100)).toEqual({ first: 0, end: VIRTUAL_COLUMNS_FROM - 1 });
  });

  it('renders the columns in view plus three either side', () => {
    // 200 columns of 100 px; the view shows 1,000..1,450 px: columns 10..14, so 7..18 with the overscan.
    expect(columnWindow(200, 1000, 450, 100)).toEqual({ first: 7, end: 18 });
  });

  it('clamps at both ends', () => {
    expect(columnWindow(200, 0, 450, 100)).toEqual({ first: 0, end: 8 });
    expect(columnWindow(200, 19_700, 450, 100)).toEqual({ first: 194, end: 200 });
    expect(columnWindow(200, -50, 0, 100)).toEqual({ first: 0, end: 3 });
  });
});
