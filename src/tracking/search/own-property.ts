/**
 * A record's own value for `key`. Runs keep params, tags and metrics in plain objects, where a key such as
 * "constructor" would otherwise find Object.prototype's.
 */
export function ownProperty<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
