/**
 * Errors of export and import. An import that throws has written nothing; the message says, in words, what was
 * wrong with the input and where (the file, and the line for metric files).
 */
export type ImportErrorCode =
  'NOT_A_ZIP' | 'TRUNCATED' | 'UNSAFE_PATH' | 'TOO_LARGE' | 'INVALID_CONTENT' | 'NOT_MLRUNS';

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  /** The file inside the zip or folder the problem is in, when there is one. */
  readonly file?: string;
  constructor(code: ImportErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'ImportError';
    this.code = code;
    this.file = file;
  }
}

/** The long operations a signal can cancel: zip export/import and MLflow push/pull. */
export type CancellableWork = 'Export' | 'Import' | 'Push' | 'Pull';

/** Thrown when the caller's AbortSignal fires; nothing was written (import) or no file was produced (export). */
export class CancelledError extends Error {
  constructor(what: CancellableWork) {
    super(`${what} cancelled.`);
    this.name = 'AbortError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined, what: CancellableWork): void {
  if (signal?.aborted) throw new CancelledError(what);
}
