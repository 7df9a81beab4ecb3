import type { RunRow } from './db';
import { rowToRun } from './rows';
import { sortRuns } from './search';
import type { Run } from './types';

/** A live list of runs in searchRuns' default order (newest first), with each run's position by id. */
export interface RunList {
  runs: Run[];
  indexById: Map<string, number>;
}

export function runListOf(runs: Run[]): RunList {
  return { runs, indexById: new Map(runs.map((run, i) => [run.info.runId, i])) };
}

/** Stored rows as a sorted list. */
export function runListFromRows(rows: RunRow[]): RunList {
  return runListOf(sortRuns(rows.map(rowToRun), undefined));
}

/**
 * The list after some runs changed: `rows[i]` is the stored row of `ids[i]` now (undefined when deleted), and
 * `shows` says whether the list shows a row. Unchanged runs keep their object identity, so a table can tell what
 * changed by comparing references. Returns null when nothing the list shows changed.
 */
export function patchRunList(
  list: RunList,
  ids: string[],
  rows: (RunRow | undefined)[],
  shows: (row: RunRow) => boolean,
): RunList | null {
  const next = list.runs.slice();
  let added = false;
  let replaced = false;
  const removed = new Set<number>();
  rows.forEach((row, i) => {
    const at = list.indexById.get(ids[i]);
    if (row && shows(row)) {
      if (at === undefined) {
        next.push(rowToRun(row));
        added = true;
      } else {
        next[at] = rowToRun(row);
        replaced = true;
      }
    } else if (at !== undefined) removed.add(at);
  });
  if (!added && !replaced && removed.size === 0) return null;
  // Only replaced in place: every run keeps its position, so the index stays valid.
  if (!added && removed.size === 0) return { runs: next, indexById: list.indexById };
  const kept = removed.size ? next.filter((_, i) => !removed.has(i)) : next;
  // New runs are rare next to metric flushes; re-sorting then keeps searchRuns' order.
  return runListOf(added ? sortRuns(kept, undefined) : kept);
}
