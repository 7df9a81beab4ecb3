import { Dexie, liveQuery, type ObservabilitySet } from 'dexie';
import type { TrackingClient } from './client';
import type { RunRow } from './db';
import { rowToRun } from './rows';
import { sortRuns } from './search';
import type { Run, ViewType } from './types';

export interface Subscription {
  unsubscribe(): void;
}

export interface LiveObservable<T> {
  subscribe(observer: { next?: (value: T) => void; error?: (error: unknown) => void }): Subscription;
}

/**
 * Re-runs `query` whenever a table it read changes — in this context, in a worker or in another tab — and
 * emits the new result. Queries must only await tracking-client calls (Dexie promises), so that Dexie can see
 * which tables they read.
 */
export function observe<T>(query: () => Promise<T>): LiveObservable<T> {
  return liveQuery(query);
}

export interface ObserveRunsOptions {
  experimentIds: string[];
  viewType?: ViewType;
  /** Least time between two reads after changes (ms): a training run's flushes are coalesced into one read. */
  minIntervalMs?: number;
  /** Past this many changed runs, one full read is cheaper than reading each changed run. */
  maxPatchedRuns?: number;
}

/** Dexie's change sets are interval trees; each node holds one key range and its left and right subtrees. */
interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The single keys a change set names, or null when it names a range (a bulk write, a clear, a range delete). */
function singleKeys(node: RangeNode | undefined, into: Set<string>): boolean {
  if (!node || !('from' in node)) return true;
  if (node.from !== node.to || typeof node.from !== 'string') return false;
  into.add(node.from);
  return singleKeys(node.l ?? undefined, into) && singleKeys(node.r ?? undefined, into);
}

/**
 * The runs of some experiments, live, for a page that shows thousands of them while a run trains.
 *
 * A plain `observe(() => searchRuns(...))` re-reads and re-clones every run after every write to any of them, and
 * a training run rewrites its row on every metric flush (every 50–250 ms): with 10,000 runs the page did nothing
 * else. Here Dexie's `storagemutated` events (which carry the changed primary keys, from this context, workers
 * and other tabs alike) drive the updates instead:
 * - changes are coalesced: at most one read per `minIntervalMs`, trailing, so the last change always shows;
 * - when they name a few runs, only those rows are read and patched into the previous result. Unchanged runs keep
 *   their object identity, so the table can tell what changed by comparing references;
 * - a bulk write, a range delete or many changed runs fall back to one full read.
 * Every emission is a new array, in `searchRuns`' default order (newest first).
 */
export function observeRuns(client: TrackingClient, options: ObserveRunsOptions): LiveObservable<Run[]> {
  const { experimentIds, viewType = 'ACTIVE_ONLY', minIntervalMs = 400, maxPatchedRuns = 200 } = options;
  const experiments = new Set(experimentIds);
  const runsPart = `idb://${client.db.name}/runs/`;
  const matches = (row: RunRow) =>
    experiments.has(row.experimentId) && (viewType === 'ALL' || (viewType === 'ACTIVE_ONLY') === (row.lifecycleStage === 'active'));

  // One `equals` per experiment rather than searchRuns' `anyOf`: Dexie answers `equals` with a single getAll,
  // while `anyOf` walks a cursor one row per event-loop task, holding the store for a second at 10,000 runs and
  // stalling the training run's writes meanwhile.
  const readRows = async (): Promise<RunRow[]> => {
    const perExperiment = await Promise.all(
      experimentIds.map((id) =>
        viewType === 'ALL'
          ? client.db.runs.where('experimentId').equals(id).toArray()
          : client.db.runs.where('[experimentId+lifecycleStage]').equals([id, viewType === 'ACTIVE_ONLY' ? 'active' : 'deleted']).toArray(),
      ),
    );
    return perExperiment.flat();
  };

  return {
    subscribe(observer) {
      let closed = false;
      let runs: Run[] | null = null;
      let indexById = new Map<string, number>();
      let needsFullRead = true;
      const changedIds = new Set<string>();
      let reading = false;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let lastReadAt = -Infinity;

      const emit = (next: Run[], sameOrder = false) => {
        if (closed) return; // unsubscribed while the read was under way
        runs = next;
        if (!sameOrder) indexById = new Map(next.map((run, i) => [run.info.runId, i]));
        observer.next?.(next);
      };

      const fullRead = async () => {
        emit(sortRuns((await readRows()).map(rowToRun), undefined));
      };

      const patch = async (current: Run[], ids: string[]) => {
        const rows = await client.db.runs.bulkGet(ids);
        const next = current.slice();
        let added = false;
        let replaced = false;
        const removed = new Set<number>();
        rows.forEach((row, i) => {
          const at = indexById.get(ids[i]);
          if (row && matches(row)) {
            if (at === undefined) {
              next.push(rowToRun(row));
              added = true;
            } else {
              next[at] = rowToRun(row);
              replaced = true;
            }
          } else if (at !== undefined) removed.add(at);
        });
        // Runs of other experiments changed: nothing to show.
        if (!added && !replaced && removed.size === 0) return;
        const kept = removed.size ? next.filter((_, i) => !removed.has(i)) : next;
        // New runs are rare next to metric flushes; re-sorting then keeps searchRuns' order.
        emit(added ? sortRuns(kept, undefined) : kept, !added && removed.size === 0);
      };

      const read = async () => {
        timer = null;
        if (closed || reading) return;
        reading = true;
        lastReadAt = performance.now();
        const full = needsFullRead || runs === null || changedIds.size > maxPatchedRuns;
        const ids = [...changedIds];
        needsFullRead = false;
        changedIds.clear();
        try {
          if (full) await fullRead();
          else await patch(runs!, ids);
        } catch (error) {
          if (!closed) observer.error?.(error);
          closed = true;
        } finally {
          reading = false;
        }
        if (!closed && (needsFullRead || changedIds.size)) schedule();
      };

      const schedule = () => {
        if (timer !== null || reading || closed) return;
        timer = setTimeout(() => void read(), Math.max(0, lastReadAt + minIntervalMs - performance.now()));
      };

      const onChange = (parts: ObservabilitySet) => {
        if (parts.all) needsFullRead = true;
        else {
          const runKeys = parts[runsPart] as RangeNode | undefined;
          if (!runKeys) return;
          if (!singleKeys(runKeys, changedIds)) needsFullRead = true;
        }
        schedule();
      };

      Dexie.on('storagemutated', onChange);
      void read();
      return {
        unsubscribe() {
          closed = true;
          if (timer !== null) clearTimeout(timer);
          Dexie.on.storagemutated.unsubscribe(onChange);
        },
      };
    },
  };
}
