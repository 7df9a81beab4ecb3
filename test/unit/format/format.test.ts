import { describe, expect, it } from 'vitest';
import {
  fileTimestamp,
  formatBytes,
  formatCount,
  formatDuration,
  formatNumber,
  formatShortTime,
  formatTime,
  plural,
} from '../../../src/format';

describe('formatNumber', () => {
  it('keeps at most four decimals and five significant digits, whichever is shorter', () => {
    expect(formatNumber(0.123456, 'en-US')).toBe('0.1235');
    expect(formatNumber(0.9558, 'en-US')).toBe('0.9558');
    expect(formatNumber(1234.5678, 'en-US')).toBe('1234.6');
    expect(formatNumber(0, 'en-US')).toBe('0');
    expect(formatNumber(-0.5, 'en-US')).toBe('-0.5');
  });

  it("groups only from five digits, in the person's locale", () => {
    expect(formatNumber(1234, 'en-US')).toBe('1234');
    expect(formatNumber(98765.4, 'en-US')).toBe('98,765');
    expect(formatNumber(98765.4, 'de-DE')).toBe('98.765');
    expect(formatNumber(0.25, 'de-DE')).toBe('0,25');
  });

  it('switches to exponents for extreme magnitudes and names the non-finite', () => {
    expect(formatNumber(1.5e-7, 'en-US')).toBe('1.5e-7');
    expect(formatNumber(123456789, 'en-US')).toBe('1.235e8');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
  });

  it('counts and plurals', () => {
    expect(formatCount(12000, 'en-US')).toBe('12,000');
    expect(plural(1, 'run')).toBe('1 run');
    expect(plural(12000, 'metric point', undefined, 'en-US')).toBe('12,000 metric points');
    expect(plural(2, 'child', 'children')).toBe('2 children');
  });
});

describe('formatBytes', () => {
  it('uses decimal units (1 KB = 1,000 bytes), one decimal below ten', () => {
    expect(formatBytes(0, 'en-US')).toBe('0 bytes');
    expect(formatBytes(1, 'en-US')).toBe('1 byte');
    expect(formatBytes(999, 'en-US')).toBe('999 bytes');
    expect(formatBytes(1000, 'en-US')).toBe('1.0 KB');
    expect(formatBytes(500_000, 'en-US')).toBe('500 KB');
    expect(formatBytes(1_440_000, 'en-US')).toBe('1.4 MB');
    expect(formatBytes(12_300_000_000, 'en-US')).toBe('12 GB');
    expect(formatBytes(5e15, 'en-US')).toBe('5,000 TB');
    expect(formatBytes(Number.NaN, 'en-US')).toBe('0 bytes');
    expect(formatBytes(1_440_000, 'de-DE')).toBe('1,4 MB');
  });
});

describe('formatDuration', () => {
  it('is precise while short and coarse when long', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345, 'en-US')).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(2 * 3_600_000 + 3 * 60_000)).toBe('2 h 03 min');
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('dates', () => {
  const ms = new Date(2026, 10, 28, 18, 42, 10).getTime();

  it('formats in the locale, leaving out this year in table cells', () => {
    expect(formatTime(ms, 'en-GB')).toBe('28 Nov 2026, 18:42:10');
    expect(formatShortTime(ms, new Date(2026, 0, 1).getTime(), 'en-GB')).toBe('28 Nov, 18:42:10');
    expect(formatShortTime(ms, new Date(2027, 0, 1).getTime(), 'en-GB')).toBe('28 Nov 2026, 18:42:10');
  });

  it('stamps file names with local date and time, safe on every file system', () => {
    expect(fileTimestamp(new Date(ms))).toBe('2026-11-28_18-42-10');
  });
});
