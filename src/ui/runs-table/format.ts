import type { CellValue, Column } from './columns';

/** Compact numbers for cells: 4 decimals at most, exponent notation for very large or small magnitudes. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-4)) return value.toExponential(3);
  return String(Number(value.toFixed(4)));
}

/** "850 ms", "12.3 s", "4m 05s", "2h 03m". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const thisYearFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatTime(ms: number): string {
  return timeFormat.format(ms);
}

/** A table cell's time: the year only when it is not this year, so the column stays narrow. */
export function formatShortTime(ms: number, now = Date.now()): string {
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? thisYearFormat.format(ms) : timeFormat.format(ms);
}

/** What a cell shows; the empty string for a value the run does not have. */
export function formatCell(value: CellValue, column: Column): string {
  if (value === undefined) return '';
  if (column.kind === 'attribute' && column.key === 'start_time') return formatShortTime(value as number);
  if (column.kind === 'attribute' && column.key === 'duration') return formatDuration(value as number);
  return typeof value === 'number' ? formatNumber(value) : value;
}
