import type { Run } from '../../tracking';
import { isSystemTag, metricValue, type MetricPick } from './grouping';
import { ownValue } from '../../tracking/keyed-record';

/**
 * The runs table's columns. Pure (no DOM): column discovery, cell values and the identical-column test, so the
 * logic is unit-tested in Node and the element only draws.
 */

export type ColumnKind = 'attribute' | 'param' | 'metric' | 'tag';

export interface Column {
  /** Stable id, also the key the column chooser stores: `attributes.start_time`, `params.lr`, `metrics.loss`. */
  id: string;
  kind: ColumnKind;
  key: string;
  label: string;
  /** Sorted and aligned as numbers (metrics, numeric attributes, params whose every value is a number). */
  numeric: boolean;
  /** Metric columns: which stored number a run's cell shows (default the latest). */
  pick?: MetricPick;
}

export type CellValue = number | string | undefined;

/** The fixed columns after the checkbox and run name, which MLflow's table always shows. */
export const ATTRIBUTE_COLUMNS: readonly Column[] = [
  { id: 'attributes.status', kind: 'attribute', key: 'status', label: 'Status', numeric: false },
  { id: 'attributes.start_time', kind: 'attribute', key: 'start_time', label: 'Started', numeric: true },
  { id: 'attributes.duration', kind: 'attribute', key: 'duration', label: 'Duration', numeric: true },
];

export const NAME_COLUMN: Column = {
  id: 'attributes.run_name',
  kind: 'attribute',
  key: 'run_name',
  label: 'Run name',
  numeric: false,
};

function isNumberText(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

/**
 * Every metric, param and user tag key logged by any of the runs: metrics first (what a person compares), then
 * params, then tags, each group in key order. A param column is numeric when every value it holds reads as a
 * finite number (learning rates sort as 0.001 < 0.01 < 0.1). Tags tabflow and MLflow write themselves are left
 * out: they describe the bookkeeping, not the experiment.
 */
export function discoverColumns(runs: readonly Run[]): Column[] {
  const params = new Map<string, boolean>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  for (const run of runs) {
    for (const [key, value] of Object.entries(run.data.params)) {
      params.set(key, (params.get(key) ?? true) && isNumberText(value));
    }
    for (const key of Object.keys(run.data.metrics)) metrics.add(key);
    for (const key of Object.keys(run.data.tags)) if (!isSystemTag(key)) tags.add(key);
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [
    ...[...metrics]
      .sort(byKey)
      .map((key): Column => ({ id: `metrics.${key}`, kind: 'metric', key, label: key, numeric: true })),
    ...[...params.keys()]
      .sort(byKey)
      .map((key): Column => ({ id: `params.${key}`, kind: 'param', key, label: key, numeric: params.get(key)! })),
    ...[...tags]
      .sort(byKey)
      .map((key): Column => ({ id: `tags.${key}`, kind: 'tag', key, label: key, numeric: false })),
  ];
}

/** Milliseconds a run took, or has taken so far when it is still running (`now`). */
export function runDuration(run: Run, now = Date.now()): number | undefined {
  const end = run.info.endTime ?? (run.info.status === 'RUNNING' ? now : null);
  return end === null ? undefined : Math.max(0, end - run.info.startTime);
}

/** The raw value of a cell: numbers for numeric columns, strings otherwise, undefined when the run lacks it. */
export function cellValue(run: Run, column: Column, now = Date.now()): CellValue {
  switch (column.kind) {
    case 'metric':
      return metricValue(run, column.key, column.pick ?? 'last');
    case 'tag':
      return ownValue(run.data.tags, column.key);
    case 'param': {
      const text = ownValue(run.data.params, column.key);
      if (text === undefined) return undefined;
      return column.numeric ? Number(text) : text;
    }
    case 'attribute':
      switch (column.key) {
        case 'run_name':
          return run.info.runName;
        case 'status':
          return run.info.status;
        case 'start_time':
          return run.info.startTime;
        case 'duration':
          return runDuration(run, now);
      }
      return undefined;
  }
}

function sameValue(a: CellValue, b: CellValue): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Ids of the param and metric columns whose value is the same in every run (a run lacking it counts as a
 * different value), which the "hide columns with identical values" switch removes. Needs at least two runs:
 * with one run every column would be "identical" and the table would go blank.
 */
export function identicalColumnIds(runs: readonly Run[], columns: readonly Column[]): Set<string> {
  const identical = new Set<string>();
  if (runs.length < 2) return identical;
  for (const column of columns) {
    if (column.kind === 'attribute') continue;
    const first = cellValue(runs[0], column);
    if (first === undefined) continue;
    let same = true;
    for (let i = 1; i < runs.length && same; i++) same = sameValue(cellValue(runs[i], column), first);
    if (same) identical.add(column.id);
  }
  return identical;
}
