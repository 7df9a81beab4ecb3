import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/io/errors';
import { csvField } from '../../../src/shared/csv-field';
import { errorMessage, isAbortError } from '../../../src/shared/errors';

describe('errorMessage', () => {
  it('turns any thrown value into one line of words', () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage(new TypeError(''))).toBe('TypeError');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage({ code: 7 })).toBe('{"code":7}');
    expect(errorMessage(undefined)).toBe('undefined');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorMessage(circular)).toBe('[object Object]');
  });
});

describe('isAbortError', () => {
  it('recognises every shape an abort arrives in, and nothing else', () => {
    expect(isAbortError(new DOMException('Stopped.', 'AbortError'))).toBe(true);
    expect(isAbortError(new CancelledError('Import'))).toBe(true);
    // comlink re-creates a worker's error on the page as a plain Error carrying the name.
    expect(isAbortError(Object.assign(new Error('Training was stopped'), { name: 'AbortError' }))).toBe(true);
    expect(isAbortError(new DOMException('Quota', 'QuotaExceededError'))).toBe(false);
    expect(isAbortError(new Error('AbortError'))).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
});

describe('csvField', () => {
  it('quotes, doubles quotes, keeps numbers, and defuses formulas but not negative numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(Number.NaN)).toBe('NaN');
    expect(csvField(undefined)).toBe('');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField('+3')).toBe('+3');
  });
});
