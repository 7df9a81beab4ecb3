/**
 * Typed errors of the tracking API. Each carries an MLflow-like error code so that callers (and the UI) can tell
 * a bad argument from a missing entity without parsing messages.
 */

export type TrackingErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'QUOTA_EXCEEDED';

export class TrackingError extends Error {
  readonly code: TrackingErrorCode;
  constructor(code: TrackingErrorCode, message: string) {
    super(message);
    this.name = 'TrackingError';
    this.code = code;
  }
}

/** A value breaks one of MLflow's validation rules; the message names the key and the rule. */
export class ValidationError extends TrackingError {
  constructor(message: string) {
    super('INVALID_PARAMETER_VALUE', message);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends TrackingError {
  constructor(message: string) {
    super('RESOURCE_DOES_NOT_EXIST', message);
    // Not 'NotFoundError': Dexie rewraps errors thrown in a transaction whose name matches a DOMException's.
    this.name = 'ResourceNotFoundError';
  }
}

export class AlreadyExistsError extends TrackingError {
  constructor(message: string) {
    super('RESOURCE_ALREADY_EXISTS', message);
    this.name = 'AlreadyExistsError';
  }
}

/** The browser refused a write because the origin's storage quota is used up. */
export class QuotaExceededError extends TrackingError {
  constructor(
    message = 'Storage is full: the browser refused to store more data. Delete runs, or export them and then delete them, to free space.',
  ) {
    super('QUOTA_EXCEEDED', message);
    this.name = 'StorageFullError';
  }
}

/** A malformed search filter or order_by clause. `position` is the 0-based character where parsing failed. */
export class SearchFilterError extends TrackingError {
  readonly position: number;
  constructor(message: string, position: number) {
    super('INVALID_PARAMETER_VALUE', message);
    this.name = 'SearchFilterError';
    this.position = position;
  }
}
