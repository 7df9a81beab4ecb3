import { QuotaExceededError } from '../../tracking';

/** The words tracking uses for a refused write; a training outcome from the worker carries only these words. */
const STORAGE_FULL_MESSAGE = new QuotaExceededError().message;

/**
 * Whether an error means the browser refused a write for lack of space: tracking's QuotaExceededError (also
 * after comlink carried it out of the training worker, which keeps name and message but not the class), a
 * failed training's error text, or a raw DOMException from code that wrote outside the tracking client.
 */
export function isStorageFullError(error: unknown): boolean {
  if (typeof error === 'string') return error === STORAGE_FULL_MESSAGE;
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  return (
    name === 'StorageFullError' ||
    name === 'QuotaExceededError' ||
    code === 'QUOTA_EXCEEDED' ||
    message === STORAGE_FULL_MESSAGE
  );
}
