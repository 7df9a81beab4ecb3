import type { Run } from '../../tracking';
import { cellValue, type Column } from './columns';
import { csvField } from '../../shared/csv-field';

function header(column: Column): string {
  return column.kind === 'attribute' ? column.label : column.id;
}

function exportValue(run: Run, column: Column): string | number | undefined {
  const value = cellValue(run, column);
  if (column.kind === 'attribute' && column.key === 'start_time' && typeof value === 'number')
    return new Date(value).toISOString();
  if (column.kind === 'attribute' && column.key === 'duration' && typeof value === 'number') return value / 1000;
  return value;
}

/** The table as CSV: a run id column, then the given columns, one line per run, CRLF line ends. */
export function runsToCsv(runs: readonly Run[], columns: readonly Column[]): string {
  const named = columns.map((c) =>
    c.kind === 'attribute' && c.key === 'duration' ? { ...c, label: 'Duration (s)' } : c,
  );
  const lines = [['Run ID', ...named.map(header)].map(csvField).join(',')];
  for (const run of runs)
    lines.push([run.info.runId, ...named.map((c) => exportValue(run, c))].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
