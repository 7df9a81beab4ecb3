import type { TrackingClient } from './client';
import type { RunRow } from './db';
import { setOwn } from './keyed-record';
import { guardQuota } from './rows';

/**
 * Whether a RUNNING run still has a writer, told at once by the Web Locks API: the context that starts a run
 * (the training worker, the page for a sweep's parent) holds an exclusive lock named by the run until it ends
 * it, and the browser frees the lock the moment that context goes away — a reloaded or closed tab, a terminated
 * worker. Any tab can then end a RUNNING run whose lock is free as KILLED, keeping everything it logged.
 * Where navigator.locks is absent (Node, old browsers) the heartbeat of ActiveRun is the fallback.
 */

/** Imported RUNNING runs carry this heartbeat: no writer here owns them, so they are never ended as abandoned. */
export const FOREIGN_RUN_HEARTBEAT = Number.MAX_SAFE_INTEGER;

const LOCK_PREFIX = 'tabflow-run:';

export const runLockName = (runId: string): string => `${LOCK_PREFIX}${runId}`;

type Locks = LockManager;

function locks(): Locks | null {
  const nav = (globalThis as { navigator?: { locks?: Locks } }).navigator;
  return nav?.locks ?? null;
}

export function runLocksAvailable(): boolean {
  return locks() !== null;
}

/**
 * Takes the run's lock and resolves once it is held, with the function that releases it. Called before the run's
 * row is written, so a RUNNING row without a held lock always means its writer is gone.
 */
export async function acquireRunLock(runId: string): Promise<() => void> {
  const manager = locks();
  if (!manager) return () => {};
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((granted, failed) => {
    manager
      .request(runLockName(runId), { mode: 'exclusive' }, () => {
        granted();
        return held;
      })
      .catch(failed);
  });
  return release;
}

/** The names of every run lock held or waited for, in any tab or worker of this origin. */
async function liveRunIds(manager: Locks): Promise<Set<string>> {
  const { held = [], pending = [] } = await manager.query();
  const ids = new Set<string>();
  for (const lock of [...held, ...pending])
    if (lock.name?.startsWith(LOCK_PREFIX)) ids.add(lock.name.slice(LOCK_PREFIX.length));
  return ids;
}

function endAsKilled(row: RunRow, reason: string): void {
  row.status = 'KILLED';
  row.endTime = Math.max(row.startTime, Math.min(row.heartbeat, Date.now()));
  setOwn(row.tags, 'tabflow.killedReason', reason);
}

/**
 * Ends every RUNNING run of this browser whose lock is free as KILLED; returns their ids. The rows are read
 * before the locks are queried, and each is read again in the write, so a run that starts or finishes meanwhile
 * is left alone.
 */
export async function endRunsWithFreeLocks(client: TrackingClient): Promise<string[]> {
  const manager = locks();
  if (!manager) return [];
  const db = client.db;
  const running = await db.runs.where('status').equals('RUNNING').primaryKeys();
  if (running.length === 0) return [];
  const live = await liveRunIds(manager);
  const orphaned = running.filter((id) => !live.has(id));
  if (orphaned.length === 0) return [];
  const ended: string[] = [];
  await guardQuota(() =>
    db.transaction('rw', db.runs, async () => {
      for (const row of await db.runs.bulkGet(orphaned)) {
        if (!row || row.status !== 'RUNNING' || row.heartbeat === FOREIGN_RUN_HEARTBEAT) continue;
        endAsKilled(
          row,
          'The tab or worker that was training it closed, reloaded or crashed; everything it logged is kept.',
        );
        await db.runs.put(row);
        ended.push(row.runId);
      }
    }),
  );
  return ended;
}

/**
 * Checks now and every `intervalMs` for runs whose writer went away (another tab closed mid-training); returns
 * the function that stops watching. `onEnded` hears of each batch of runs ended.
 */
export function watchAbandonedRuns(
  client: TrackingClient,
  intervalMs = 2000,
  onEnded?: (runIds: string[]) => void,
): () => void {
  if (!runLocksAvailable()) return () => {};
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const ended = await endRunsWithFreeLocks(client);
      if (ended.length > 0) onEnded?.(ended);
    } catch {
      // A failed check (the database closing with the tab) is retried at the next interval.
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  return () => clearInterval(timer);
}
