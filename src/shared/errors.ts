/**
 * Error helpers every layer shares (page, workers, Node tests), so they live in DOM-free src/shared: the one
 * way to turn a thrown value into words and the one test for "this was an abort, not a failure".
 */

/** A readable one-line message for any thrown value: an Error's message (else its name), text as is, else JSON. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/**
 * True when `error` reports a cancellation rather than a failure. Checked by name, not by class: an AbortSignal's
 * DOMException, io's CancelledError, and an AbortError re-created by comlink on the page (which passes only the
 * name and message across) all count.
 */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
