import { liveQuery } from 'dexie';

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
