import { filterRuns, type Run } from '../../tracking';
import { ATTRIBUTE_COLUMNS, NAME_COLUMN, discoverColumns, identicalColumnIds, type Column } from './columns';
import { buildGroupRows, type AnyTableRow } from './group-rows';
import { summaryFor, type SummaryChoices } from './grouping';
import { nestRuns } from './nest-runs';
import { sortByColumn, type SortState } from './sort-rows';
import { hasOwnKey, ownValue } from '../../tracking/keyed-record';

export interface TableView {
  /** Every column the chooser offers: attributes, then params, then metrics. */
  allColumns: Column[];
  /** The columns drawn after the run name. */
  columns: Column[];
  /** Matching runs in display order (what the CSV holds). */
  sorted: Run[];
  /** Run lines, or group lines (each followed by its runs when expanded) when grouping. */
  rows: AnyTableRow[];
  /** Params every matching run holds with one value, folded out of `columns` into a "same for all" note. */
  identicalParams: { column: Column; value: string }[];
}

export interface TableInputs {
  runs: readonly Run[];
  filter: string;
  sort: SortState | null;
  hiddenIds: ReadonlySet<string>;
  hideIdentical: boolean;
  expanded: ReadonlySet<string>;
  /** Group keys (`params.lr`, `tags.x`, `attributes.parent_run`); none draws one line per run. */
  groupBy?: readonly string[];
  /** Per metric key: the value a run shows (last/min/max) and how a group sums its runs up. */
  summaries?: SummaryChoices;
  /** Draw params whose value is the same for all matching runs as columns instead of folding them. */
  showIdenticalParams?: boolean;
}

/** Past this many replaced runs, comparing them costs about as much as discovering the columns again. */
const MAX_REPLACED_RUNS = 200;

/** Same param entries and the same metric keys: such a change cannot add, drop or retype a column. */
function sameColumnsOf(a: Run, b: Run): boolean {
  if (a === b) return true;
  const aParams = Object.keys(a.data.params);
  const aMetrics = Object.keys(a.data.metrics);
  if (aParams.length !== Object.keys(b.data.params).length || aMetrics.length !== Object.keys(b.data.metrics).length)
    return false;
  return (
    aParams.every((key) => ownValue(a.data.params, key) === ownValue(b.data.params, key)) &&
    aMetrics.every((key) => hasOwnKey(b.data.metrics, key))
  );
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
    const {
      runs,
      filter,
      sort,
      hiddenIds,
      hideIdentical,
      expanded,
      groupBy = [],
      summaries,
      showIdenticalParams = false,
    } = inputs;
    const discovered = this.memo('columns', [runs], () => this.columnsOf(runs));
    // A metric column carries the value it shows (last/min/max), so sorting, cells and the CSV all read that one.
    const allColumns = this.memo('picked', [discovered, summaries], () =>
      summaries
        ? discovered.map((c) => (c.kind === 'metric' ? { ...c, pick: summaryFor(summaries, c.key).pick } : c))
        : discovered,
    );
    const filtered = this.memo('filter', [runs, filter], () => filterRuns(runs as Run[], filter));
    const sortColumn = sort && [NAME_COLUMN, ...allColumns].find((c) => c.id === sort.columnId);
    const sorted = this.memo('sort', [filtered, sortColumn, sort?.ascending], () =>
      sortColumn ? sortByColumn(filtered, sortColumn, sort!.ascending) : filtered,
    );
    const identical = this.memo('identical', [filtered, allColumns, hideIdentical], () =>
      identicalColumnIds(filtered, hideIdentical ? allColumns : allColumns.filter((c) => c.kind === 'param')),
    );
    const identicalParams = this.memo('identicalParams', [identical, allColumns, showIdenticalParams], () =>
      showIdenticalParams
        ? []
        : allColumns
            .filter((c) => c.kind === 'param' && identical.has(c.id))
            .map((column) => ({ column, value: ownValue(filtered[0].data.params, column.key) ?? '' })),
    );
    const columns = this.memo('visible', [allColumns, hiddenIds, identical, hideIdentical, showIdenticalParams], () =>
      allColumns.filter(
        (c) =>
          !hiddenIds.has(c.id) &&
          !(identical.has(c.id) && (hideIdentical || (c.kind === 'param' && !showIdenticalParams))),
      ),
    );
    const groupKey = groupBy.join('\u0000');
    const rows = this.memo('rows', [sorted, expanded, groupKey, columns, summaries, sort], () =>
      groupBy.length === 0
        ? nestRuns(sorted, expanded)
        : buildGroupRows(
            sorted,
            groupBy,
            columns.filter((c) => c.kind === 'metric'),
            summaries,
            sort,
            expanded,
          ),
    );
    return { allColumns, columns, sorted, rows, identicalParams };
  }

  /**
   * Live updates replace a few run objects in an otherwise identical list (a training run's latest metrics). When
   * none of the replaced runs gained or lost a param or metric key, the columns stay the same objects, so neither
   * the 10,000-run discovery nor the stages that depend on the columns run again.
   */
  private columnsOf(runs: readonly Run[]): Column[] {
    const previous = this.columnsSource;
    const unchanged =
      previous !== null && previous.runs.length === runs.length && onlyValuesChanged(previous.runs, runs);
    // Status stays beside the name (a running run is what one looks for); the times come after the settings.
    const columns = unchanged
      ? previous.columns
      : [ATTRIBUTE_COLUMNS[0], ...discoverColumns(runs), ...ATTRIBUTE_COLUMNS.slice(1)];
    this.columnsSource = { runs, columns };
    return columns;
  }
}
