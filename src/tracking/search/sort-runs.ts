/**
 * MLflow's run ordering (SearchUtils.sort): the order_by keys in turn, then the natural order, start_time DESC
 * then run id ASC. For each key NaN and missing values come last, whatever the direction, NaN before missing
 * (as in MLflow). Strings compare by UTF-16 code unit, like Python's code-point order for all but astral
 * characters, and unlike localeCompare, so the order does not depend on the browser's locale.
 */
import type { Run } from '../types';
import { ATTRIBUTES } from './attributes';
import { ownValue } from '../keyed-record';
import { parseOrderBy } from './parse-order-by';
import type { OrderKey } from './types';

export type SortValue = number | string | undefined;
type Extract = (run: Run) => SortValue;

function extractor({ kind, key }: OrderKey): Extract {
  switch (kind) {
    case 'metric':
      return (run) => ownValue(run.data.metrics, key)?.value;
    case 'param':
      return (run) => ownValue(run.data.params, key);
    case 'tag':
      return (run) => ownValue(run.data.tags, key);
    case 'attribute': {
      const spec = ATTRIBUTES.get(key);
      if (!spec) throw new TypeError(`Unknown attribute "${key}" in an order_by key`);
      return (run) => spec.read(run.info);
    }
    case 'dataset':
      throw new TypeError('Runs cannot be ordered by a dataset field');
  }
}

/** 0 for a value, 1 for NaN, 2 for missing: compared before the values, so direction never moves them up. */
function rank(value: SortValue): number {
  if (value === undefined) return 2;
  return value !== value ? 1 : 0;
}

function compareValues(a: SortValue, b: SortValue, ascending: boolean): number {
  const rankA = rank(a);
  const rankB = rank(b);
  if (rankA !== rankB || rankA !== 0) return rankA - rankB;
  const order = a! < b! ? -1 : a! > b! ? 1 : 0;
  return ascending ? order : -order;
}

function compareNatural(startA: number, idA: string, startB: number, idB: string): number {
  if (startA !== startB) return startB - startA;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/** A position in a search's order: the sort values of a run, its start time and id (see paging.ts). */
export interface Cursor {
  runId: string;
  startTime: number;
  values: SortValue[];
}

export function cursorOf(run: Run, keys: OrderKey[]): Cursor {
  return { runId: run.info.runId, startTime: run.info.startTime, values: keys.map((key) => extractor(key)(run)) };
}

/** Where `run` falls against `cursor` in the order of `keys`: negative before it, 0 at it, positive after it. */
export function compareToCursor(run: Run, keys: OrderKey[], cursor: Cursor): number {
  for (let k = 0; k < keys.length; k++) {
    const order = compareValues(extractor(keys[k])(run), cursor.values[k], keys[k].ascending);
    if (order !== 0) return order;
  }
  return compareNatural(run.info.startTime, run.info.runId, cursor.startTime, cursor.runId);
}

/** A comparator for Array.prototype.sort; it reads the runs on every call, so prefer sortRuns for many runs. */
export function compareRuns(keys: OrderKey[]): (a: Run, b: Run) => number {
  const extracts = keys.map(extractor);
  return (a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const order = compareValues(extracts[k](a), extracts[k](b), keys[k].ascending);
      if (order !== 0) return order;
    }
    return compareNatural(a.info.startTime, a.info.runId, b.info.startTime, b.info.runId);
  };
}

/**
 * Returns a new array. Decorate-sort-undecorate: every sort value is read once into flat columns, so the
 * O(n log n) comparisons index arrays instead of walking nested run objects.
 */
export function sortRuns(runs: Run[], orderBy: string[] | undefined): Run[] {
  const keys = parseOrderBy(orderBy);
  const columns = keys.map((key) => runs.map(extractor(key)));
  const ascending = keys.map((key) => key.ascending);
  const startTimes = Float64Array.from(runs, (run) => run.info.startTime);
  const runIds = runs.map((run) => run.info.runId);

  const indices = runs.map((_, i) => i);
  indices.sort((i, j) => {
    for (let k = 0; k < columns.length; k++) {
      const order = compareValues(columns[k][i], columns[k][j], ascending[k]);
      if (order !== 0) return order;
    }
    return compareNatural(startTimes[i], runIds[i], startTimes[j], runIds[j]);
  });
  return indices.map((i) => runs[i]);
}
