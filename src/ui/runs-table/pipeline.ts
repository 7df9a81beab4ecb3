import { filterRuns, type Run } from '../../tracking';
import { ATTRIBUTE_COLUMNS, NAME_COLUMN, discoverColumns, identicalColumnIds, type Column } from './columns';
import { nestRuns, type TableRow } from './nest-runs';
import { sortByColumn, type SortState } from './sort-rows';

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

/**
 * From loaded runs to drawn rows, in memory: filter (MLflow's grammar; throws SearchFilterError when malformed),
 * sort, nest, pick columns. Each stage is cached on its own inputs, so expanding a parent does not re-filter
 * and a live metric update does not re-parse the filter.
 */
export class TablePipeline {
  private cache = new Map<string, { deps: unknown[]; value: unknown }>();

  private memo<T>(name: string, deps: unknown[], compute: () => T): T {
    const hit = this.cache.get(name);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.value as T;
    const value = compute();
    this.cache.set(name, { deps, value });
    return value;
  }

  compute(inputs: TableInputs): TableView {
    const { runs, filter, sort, hiddenIds, hideIdentical, expanded } = inputs;
    const allColumns = this.memo('columns', [runs], () => [...ATTRIBUTE_COLUMNS, ...discoverColumns(runs)]);
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
}
