import type { Column, ColumnKind } from './columns';
import { formatNumber } from '../../format';
import type { GroupMetric } from './grouping';

/**
 * How the runs table draws what grouping and column kinds add: the labelled band above the headers, header
 * widths that fit their label, and a group's metric cell. Pure, so it is tested without a DOM.
 */

const KIND_LABELS: Record<ColumnKind, string> = { attribute: 'Run', metric: 'Metrics', param: 'Params', tag: 'Tags' };

export interface ColumnGroupSpan {
  kind: ColumnKind;
  label: string;
  /** Grid columns spanned (the first span also covers the checkbox and run name). */
  count: number;
}

/**
 * Consecutive columns of one kind share one labelled span: Run | Metrics | Params | Tags | Run. `pinnedApart`: the
 * columns are a sideways-scrolled range that does not start right after the pinned checkbox and name, so the
 * first span (those two) stays on its own.
 */
export function columnGroupSpans(columns: readonly Column[], pinnedApart = false): ColumnGroupSpan[] {
  const spans: ColumnGroupSpan[] = [{ kind: 'attribute', label: KIND_LABELS.attribute, count: 2 }];
  for (const column of columns) {
    const last = spans[spans.length - 1];
    if (last.kind === column.kind && !(pinnedApart && spans.length === 1)) last.count++;
    else
      spans.push({ kind: column.kind, label: column.kind === 'attribute' ? '' : KIND_LABELS[column.kind], count: 1 });
  }
  return spans;
}

const MIN_WIDTH = 120;
const MAX_WIDTH = 220;
/** Pixels per character of a 13 px header label, plus room for the sort arrow and padding. */
const CHAR_WIDTH = 7.5;
const CHROME_WIDTH = 40;

/** Wide enough for the label on one line up to MAX_WIDTH; longer labels wrap onto a second line, never clipped. */
export function columnWidth(column: Column): number {
  const label = column.label.length + (column.pick && column.pick !== 'last' ? column.pick.length + 3 : 0);
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, label * CHAR_WIDTH + CHROME_WIDTH)));
}

/** "0.912 ± 0.012" (mean) or "median 0.91", with "· n=2" when some runs lack the metric; the title says it in full. */
export function groupMetricText(
  metric: GroupMetric | undefined,
  runCount: number,
  column: Column,
): { text: string; title: string } {
  if (!metric?.description) return { text: '', title: `No run in this group logged ${column.key}.` };
  const { description: d } = metric;
  const aggregate = metric.aggregate;
  const main =
    aggregate === 'mean'
      ? `${formatNumber(d.mean)} ± ${formatNumber(d.std)}`
      : `${aggregate} ${formatNumber(d[aggregate])}`;
  const missing = d.n < runCount ? ` · n=${d.n}` : '';
  const which = column.pick && column.pick !== 'last' ? `${column.pick} ${column.key}` : `last ${column.key}`;
  const title = `${which} over ${d.n} of ${runCount} runs: mean ${d.mean} ± ${d.std} (sample std), median ${d.median}, min ${d.min}, max ${d.max}`;
  return { text: main + missing, title };
}
