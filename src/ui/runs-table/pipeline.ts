import { filterRuns, type Run } from '../../tracking';
import { ATTRIBUTE_COLUMNS, NAME_COLUMN, discoverColumns, identicalColumnIds, type Column } from './columns';
import { nestRuns, type TableRow } from './nest-runs';
import { sortByColumn, type SortState } from './sort-rows';
import { hasOwnKey, ownValue } from '../../tracking/keyed-record';

export interface TableView {
  /** Every column the chooser offers: attributes, then params, then metrics. */
  allColumns: Column[];
  /** The columns drawn after the run name. */
  columns: Column[];
  /** Matching runs in display order (what the CSV holds). */
  sorted: Run[];
  rows: TableRow[];
}

export interface TableInputs {
  runs: readonly Run[];
  filter: string;
  sort: SortState | null;
  hiddenIds: ReadonlySet<string>;
  hideIdentical: boolean;
  expanded: ReadonlySet<string>;
}

/** Past this many replaced runs, comparing them costs about as much as discovering the columns again. */
const MAX_REPLACED_RUNS = 200;

/** Same param entries and the same metric keys: such a change cannot add, drop or retype a column. */
function sameColumnsOf(a: Run, b: Run): boolean {
  if (a === b) return true;
  const aParams = Object.keys(a.data.params);
  const aMetrics = Object.keys(a.data.metrics);
  if (aParams.length !== Object.keys(b.data.params).length || aMetrics.length !== Object.keys(b.data.metrics).length) return false;
  return aParams.every((key) => ownValue(a.data.params, key) === ownValue(b.data.params, key)) && aMetrics.every((key) => hasOwnKey(b.data.metrics, key));
}

/** Whether `next` is `previous` with a few runs replaced by runs of the same columns (a full re-read is not). */
function onlyValuesChanged(previous: readonly Run[], next: readonly Run[]): boolean {
  let replaced = 0;
  for (let i = 0; i < next.length; i++) {
    if (previous[i] === next[i]) continue;
    if (++replaced > MAX_REPLACED_RUNS || !sameColumnsOf(previous[i], next[i])) return false;
  }
  return true;
}

/**
 * From loaded runs to drawn rows, in memory: filter (MLflow's grammar; throws SearchFilterError when malformed),
 * sort, nest, pick columns. Each stage is cached on its own inputs, so expanding a parent does not re-filter
 * and a live metric update does not re-parse the filter.
 */
export class TablePipeline {
  private cache = new Map<string, { deps: unknown[]; value: unknown }>();
  private columnsSource: { runs: readonly Run[]; columns: Column[] } | null = null;

  private memo<T>(name: string, deps: unknown[], compute: () => T): T {
    const hit = this.cache.get(name);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.value as T;
    const value = compute();
    this.cache.set(name, { deps, value });
    return value;
  }

  compute(inputs: TableInputs): TableView {
    const { runs, filter, sort, hiddenIds, hideIdentical, expanded } = inputs;
    const allColumns = this.memo('columns', [runs], () => this.columnsOf(runs));
    const filtered = this.memo('filter', [runs, filter], () => filterRuns(runs as Run[], filter));
    const sortColumn = sort && [NAME_COLUMN, ...allColumns].find((c) => c.id === sort.columnId);
    const sorted = this.memo('sort', [filtered, sortColumn, sort?.ascending], () =>
      sortColumn ? sortByColumn(filtered, sortColumn, sort!.ascending) : filtered,
    );
    const rows = this.memo('rows', [sorted, expanded], () => nestRuns(sorted, expanded));
    const identical = this.memo('identical', [filtered, allColumns, hideIdentical], () =>
      hideIdentical ? identicalColumnIds(filtered, allColumns) : new Set<string>(),
    );
    const columns = this.memo('visible', [allColumns, hiddenIds, identical], () =>
      allColumns.filter((c) => !hiddenIds.has(c.id) && !identical.has(c.id)),
    );
    return { allColumns, columns, sorted, rows };
  }

  /**
   * Live updates replace a few run objects in an otherwise identical list (a training run's latest metrics). When
   * none of the replaced runs gained or lost a param or metric key, the columns stay the same objects, so neither
   * the 10,000-run discovery nor the stages that depend on the columns run again.
   */
  private columnsOf(runs: readonly Run[]): Column[] {
    const previous = this.columnsSource;
    const unchanged = previous !== null && previous.runs.length === runs.length && onlyValuesChanged(previous.runs, runs);
    const columns = unchanged ? previous.columns : [...ATTRIBUTE_COLUMNS, ...discoverColumns(runs)];
    this.columnsSource = { runs, columns };
    return columns;
  }
}
