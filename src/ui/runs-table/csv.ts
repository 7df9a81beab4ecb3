import type { Run } from '../../tracking';
import { cellValue, type Column } from './columns';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space, quotes doubled.
 * Text starting with = + - @ (that is not a number) gets a leading apostrophe so that a spreadsheet opening the
 * file shows it instead of running it as a formula (a run name like `=HYPERLINK(...)` comes from user data).
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !Number.isFinite(Number(text))) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function header(column: Column): string {
  return column.kind === 'attribute' ? column.label : column.id;
}

function exportValue(run: Run, column: Column): string | number | undefined {
  const value = cellValue(run, column);
  if (column.kind === 'attribute' && column.key === 'start_time' && typeof value === 'number') return new Date(value).toISOString();
  if (column.kind === 'attribute' && column.key === 'duration' && typeof value === 'number') return value / 1000;
  return value;
}

/** The table as CSV: a run id column, then the given columns, one line per run, CRLF line ends. */
export function runsToCsv(runs: readonly Run[], columns: readonly Column[]): string {
  const named = columns.map((c) => (c.kind === 'attribute' && c.key === 'duration' ? { ...c, label: 'Duration (s)' } : c));
  const lines = [['Run ID', ...named.map(header)].map(csvField).join(',')];
  for (const run of runs) lines.push([run.info.runId, ...named.map((c) => exportValue(run, c))].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
