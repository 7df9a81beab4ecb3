/**
 * The one way tabflow holds user-named keys (params, tags, metric summaries, experiment tags, registry tags and
 * aliases): null-prototype records, written and read only through these helpers.
 *
 * Why: MLflow accepts any key matching its pattern, and `constructor`, `toString`, `hasOwnProperty`, `valueOf`
 * and `__proto__` all do. In an ordinary object `record[key]` finds Object.prototype's members for the first four
 * and `record['__proto__'] = v` replaces the prototype instead of storing a value. A null-prototype record has
 * neither trap, but IndexedDB's structured clone, postMessage and JSON.parse hand back ordinary objects, so
 * reads go through `ownValue`/`hasOwnKey` and writes through `setOwn` whatever the record's prototype.
 */

export type KeyedRecord<T> = Record<string, T>;

/**
 * A fresh null-prototype record holding the own enumerable entries of `source` (a record or entry list).
 * A record is copied by spreading, which copies an own `__proto__` as data, and only then loses its prototype:
 * about 1 µs a record, where filling an empty null-prototype object key by key cost 10 µs (rowToRun runs for
 * every run of a 10,000-run table on each read).
 */
export function keyedRecord<T>(
  source?: Readonly<Record<string, T>> | Iterable<readonly [string, T]> | null,
): KeyedRecord<T> {
  if (!source) return Object.create(null) as KeyedRecord<T>;
  if (!(Symbol.iterator in source)) return Object.setPrototypeOf({ ...source }, null) as KeyedRecord<T>;
  const record = Object.create(null) as KeyedRecord<T>;
  // No prototype, so no inherited `__proto__` setter: a plain assignment stores every key as data.
  for (const [key, value] of source as Iterable<readonly [string, T]>) record[key] = value;
  return record;
}

/** The record's own value for `key`, never an inherited member (`constructor`, `toString`, …). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function hasOwnKey(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** Stores `value` under `key` as an own data property; `__proto__` included, on any record. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Removes an own key; returns whether it was there. */
export function deleteOwn(record: Record<string, unknown>, key: string): boolean {
  if (!Object.hasOwn(record, key)) return false;
  return delete record[key];
}
