import { Dexie, liveQuery, type ObservabilitySet } from 'dexie';
import type { TrackingClient } from './client';
import type { RunRow } from './db';
import { runChangesOf } from './run-changes';
import { patchRunList, runListFromRows, type RunList } from './run-list';
import { TrailingReader } from './trailing-reader';
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

/** Which runs a live list shows: some experiments, in one lifecycle view. */
function runScope(client: TrackingClient, experimentIds: string[], viewType: ViewType) {
  const experiments = new Set(experimentIds);
  return {
    shows: (row: RunRow) =>
      experiments.has(row.experimentId) &&
      (viewType === 'ALL' || (viewType === 'ACTIVE_ONLY') === (row.lifecycleStage === 'active')),
    // One `equals` per experiment rather than searchRuns' `anyOf`: Dexie answers `equals` with a single getAll,
    // while `anyOf` walks a cursor one row per event-loop task, holding the store for a second at 10,000 runs and
    // stalling the training run's writes meanwhile.
    async readAll(): Promise<RunRow[]> {
      const perExperiment = await Promise.all(
        experimentIds.map((id) =>
          viewType === 'ALL'
            ? client.db.runs.where('experimentId').equals(id).toArray()
            : client.db.runs
                .where('[experimentId+lifecycleStage]')
                .equals([id, viewType === 'ACTIVE_ONLY' ? 'active' : 'deleted'])
                .toArray(),
        ),
      );
      return perExperiment.flat();
    },
  };
}

/**
 * The runs of some experiments, live, for a page that shows thousands of them while a run trains.
 *
 * A plain `observe(() => searchRuns(...))` re-reads and re-clones every run after every write to any of them, and
 * a training run rewrites its row on every metric flush (every 50–250 ms): with 10,000 runs the page did nothing
 * else. Here Dexie's `storagemutated` events (which carry the changed primary keys, from this context, workers
 * and other tabs alike) drive the updates instead:
 * - changes are coalesced: at most one read per `minIntervalMs`, trailing, so the last change always shows
 *   (trailing-reader.ts);
 * - when they name a few runs, only those rows are read and patched into the previous result (run-list.ts).
 *   Unchanged runs keep their object identity, so the table can tell what changed by comparing references;
 * - a bulk write, a range delete or many changed runs fall back to one full read (run-changes.ts says which).
 * Every emission is a new array, in `searchRuns`' default order (newest first).
 */
export function observeRuns(client: TrackingClient, options: ObserveRunsOptions): LiveObservable<Run[]> {
  const { experimentIds, viewType = 'ACTIVE_ONLY', minIntervalMs = 400, maxPatchedRuns = 200 } = options;
  const scope = runScope(client, experimentIds, viewType);

  return {
    subscribe(observer) {
      let closed = false;
      let list: RunList | null = null;
      let needsFullRead = true;
      const changedIds = new Set<string>();

      const nextList = async (): Promise<RunList | null> => {
        const full = needsFullRead || list === null || changedIds.size > maxPatchedRuns;
        const ids = [...changedIds];
        needsFullRead = false;
        changedIds.clear();
        if (full) return runListFromRows(await scope.readAll());
        return patchRunList(list!, ids, await client.db.runs.bulkGet(ids), scope.shows);
      };

      const reader = new TrailingReader(async () => {
        try {
          const next = await nextList();
          // Closed while the read was under way, or only runs this list does not show changed.
          if (closed || !next) return;
          list = next;
          observer.next?.(next.runs);
        } catch (error) {
          if (!closed) observer.error?.(error);
          close();
        }
      }, minIntervalMs);

      const onChange = (parts: ObservabilitySet) => {
        const changes = runChangesOf(parts, client.db.name, changedIds);
        if (changes === 'none') return;
        if (changes === 'all') needsFullRead = true;
        reader.request();
      };

      const close = () => {
        closed = true;
        reader.close();
        Dexie.on.storagemutated.unsubscribe(onChange);
      };

      Dexie.on('storagemutated', onChange);
      reader.readNow();
      return { unsubscribe: close };
    },
  };
}
