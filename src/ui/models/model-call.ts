import { errorMessage } from '../services';

/** True for the rejection of a call stopped on purpose (the panel closed), which needs no message. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The words a panel shows when a model call fails, or null when it was only stopped. */
export function failureText(what: string, error: unknown): string | null {
  return isAbort(error) ? null : `${what}: ${errorMessage(error)}`;
}

/** Saves text or bytes as a file through a temporary link (no server involved). */
export function saveFile(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
