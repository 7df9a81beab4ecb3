import type { Run } from '../../tracking';
import { cellValue, type CellValue, type Column } from './columns';
import {
  groupKeyLabel,
  groupMetric,
  groupRuns,
  PARENT_GROUP,
  summaryFor,
  type GroupMetric,
  type RunGroup,
  type SummaryChoices,
} from './grouping';
import type { TableRow } from './nest-runs';
import type { SortState } from './sort-rows';

/** A group's line in the runs table: its runs, and per metric column id the summary of their values. */
export interface GroupTableRow {
  group: RunGroup;
  /** The row's accessible name: "Group lr = 0.01, optimizer = adam · 3 runs". */
  name: string;
  metrics: ReadonlyMap<string, GroupMetric>;
  expanded: boolean;
}

export type AnyTableRow = TableRow | GroupTableRow;

export const isGroupRow = (row: AnyTableRow): row is GroupTableRow => 'group' in row;

/** Expanded groups are remembered by this key, apart from expanded parent runs. */
export const groupExpandKey = (group: RunGroup) => `group:${group.id}`;

/** Every run a line stands for, once each: what "select all listed runs" selects. */
export function listedRunIds(rows: readonly AnyTableRow[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    if (isGroupRow(row)) for (const run of row.group.runs) ids.add(run.info.runId);
    else ids.add(row.run.info.runId);
  }
  return [...ids];
}

/** The value a group shows in a non-metric column: the one its runs share, else undefined. */
export function sharedValue(runs: readonly Run[], column: Column): CellValue {
  const first = cellValue(runs[0], column);
  return runs.every((run) => cellValue(run, column) === first) ? first : undefined;
}

/** How many different values (missing counts as none) a group's runs hold in a column. */
export function distinctValues(runs: readonly Run[], column: Column): number {
  const values = new Set<CellValue>();
  for (const run of runs) {
    const value = cellValue(run, column);
    if (value !== undefined) values.add(value);
  }
  return values.size;
}

/** "Group lr = 0.01, parent run = sweep-3 · 3 runs"; a parent shows by name when it is among `names`. */
export function groupName(group: RunGroup, names: ReadonlyMap<string, string>): string {
  const parts = group.keys.map((key, i) => {
    const value = group.values[i];
    const shown = value === undefined ? '(not set)' : key === PARENT_GROUP ? (names.get(value) ?? value) : value;
    return `${groupKeyLabel(key)} = ${shown}`;
  });
  const count = group.runs.length;
  return `Group ${parts.join(', ')} · ${count} run${count === 1 ? '' : 's'}`;
}

/**
 * Groups the sorted runs and orders the groups by the sort column: a metric column by the group's summary (mean
 * by default, missing last); any other column keeps the order of each group's first run, which the runs' sort
 * already put in order. An expanded group is followed by its runs, flat and in the table's order.
 */
export function buildGroupRows(
  sorted: readonly Run[],
  groupBy: readonly string[],
  metricColumns: readonly Column[],
  summaries: SummaryChoices | undefined,
  sort: SortState | null,
  expanded: ReadonlySet<string>,
): AnyTableRow[] {
  const names = new Map(
    groupBy.includes(PARENT_GROUP) ? sorted.map((r) => [r.info.runId, r.info.runName] as const) : [],
  );
  const groups: GroupTableRow[] = groupRuns(sorted, groupBy).map((group) => ({
    group,
    name: groupName(group, names),
    metrics: new Map(metricColumns.map((c) => [c.id, groupMetric(group.runs, c.key, summaryFor(summaries, c.key))])),
    expanded: expanded.has(groupExpandKey(group)),
  }));
  const sortColumn = sort ? metricColumns.find((c) => c.id === sort.columnId) : undefined;
  if (sort && sortColumn) {
    const direction = sort.ascending ? 1 : -1;
    const keyed = groups.map((row, index) => ({ row, index, value: row.metrics.get(sortColumn.id)?.value }));
    keyed.sort((a, b) => {
      const aMissing = a.value === undefined || Number.isNaN(a.value);
      const bMissing = b.value === undefined || Number.isNaN(b.value);
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      if (!aMissing && a.value !== b.value) return (a.value! < b.value! ? -1 : 1) * direction;
      return a.index - b.index;
    });
    groups.splice(0, groups.length, ...keyed.map((k) => k.row));
  }
  return groups.flatMap((row): AnyTableRow[] => [
    row,
    ...(row.expanded ? row.group.runs.map((run): TableRow => ({ run, depth: 1, childCount: 0, expanded: false })) : []),
  ]);
}
