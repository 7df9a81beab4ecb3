import type { Run } from '../../tracking';
import { cellValue, type CellValue, type Column } from './columns';

export interface SortState {
  columnId: string;
  ascending: boolean;
}

/** 0 for a value, 1 for NaN, 2 for missing: compared before values, so no direction moves gaps to the top. */
function rank(value: CellValue): number {
  if (value === undefined) return 2;
  return Number.isNaN(value) ? 1 : 0;
}

/**
 * Sorts runs by one column: numbers numerically, text by code unit (locale-independent, as MLflow), missing
 * values last in both directions, ties by newest start then run id. Decorated: each value is read once.
 */
export function sortByColumn(runs: readonly Run[], column: Column, ascending: boolean, now = Date.now()): Run[] {
  const values = runs.map((run) => cellValue(run, column, now));
  const ranks = Uint8Array.from(values, rank);
  const order = runs.map((_, i) => i);
  order.sort((i, j) => {
    if (ranks[i] !== ranks[j]) return ranks[i] - ranks[j];
    if (ranks[i] === 0) {
      const a = values[i]!;
      const b = values[j]!;
      if (a !== b) return (a < b ? -1 : 1) * (ascending ? 1 : -1);
    }
    const startOrder = runs[j].info.startTime - runs[i].info.startTime;
    if (startOrder !== 0) return startOrder;
    return runs[i].info.runId < runs[j].info.runId ? -1 : 1;
  });
  return order.map((i) => runs[i]);
}
