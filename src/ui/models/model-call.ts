import { errorMessage, isAbortError } from '../../shared/errors';

/** The words a panel shows when a model call fails, or null when it was only stopped (the panel closed). */
export function failureText(what: string, error: unknown): string | null {
  return isAbortError(error) ? null : `${what}: ${errorMessage(error)}`;
}
