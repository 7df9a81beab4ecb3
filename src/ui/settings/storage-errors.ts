/**
 * Whether an error means the browser refused a write for lack of space: tracking's QuotaExceededError (also
 * after comlink carried it out of the training worker, which keeps name and message but not the class), or a
 * raw DOMException from code that wrote outside the tracking client.
 */
export function isStorageFullError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'StorageFullError' || name === 'QuotaExceededError' || code === 'QUOTA_EXCEEDED';
}
