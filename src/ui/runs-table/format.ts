import { formatDuration, formatNumber, formatShortTime } from '../../format';
import type { CellValue, Column } from './columns';

/** What a cell shows; the empty string for a value the run does not have. */
export function formatCell(value: CellValue, column: Column): string {
  if (value === undefined) return '';
  if (column.kind === 'attribute' && column.key === 'start_time') return formatShortTime(value as number);
  if (column.kind === 'attribute' && column.key === 'duration') return formatDuration(value as number);
  return typeof value === 'number' ? formatNumber(value) : value;
}
