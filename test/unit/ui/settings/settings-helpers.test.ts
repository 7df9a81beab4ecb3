import { describe, expect, it } from 'vitest';
import { QuotaExceededError, ValidationError } from '../../../../src/tracking';
import { isStorageFullError } from '../../../../src/ui/settings/storage-errors';

describe('isStorageFullError', () => {
  it("recognises the tracking error, its comlink copy from a worker, a failed training's message and the raw DOMException", () => {
    expect(isStorageFullError(new QuotaExceededError())).toBe(true);
    // comlink rebuilds a thrown error as a plain Error carrying the original name and message.
    expect(isStorageFullError(Object.assign(new Error('Storage is full'), { name: 'StorageFullError' }))).toBe(true);
    expect(isStorageFullError(new DOMException('quota', 'QuotaExceededError'))).toBe(true);
    // A FAILED training outcome carries the error's words only.
    expect(isStorageFullError(new QuotaExceededError().message)).toBe(true);
    expect(isStorageFullError(new Error(new QuotaExceededError().message))).toBe(true);
    expect(isStorageFullError(new ValidationError('bad'))).toBe(false);
    expect(isStorageFullError(new Error('Storage is full'))).toBe(false);
    expect(isStorageFullError('QuotaExceededError')).toBe(false);
    expect(isStorageFullError(null)).toBe(false);
  });
});
