import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrailingReader } from '../../../src/tracking/trailing-reader';

/** A read the test finishes by hand, so it can ask for more reads while one is under way. */
function manualReads() {
  const pending: (() => void)[] = [];
  let started = 0;
  const read = () =>
    new Promise<void>((resolve) => {
      started++;
      pending.push(resolve);
    });
  return {
    read,
    started: () => started,
    finish: async () => {
      pending.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

describe('TrailingReader', () => {
  afterEach(() => vi.useRealTimers());

  it('coalesces requests into one read per interval, and a request during a read into exactly one more', async () => {
    vi.useFakeTimers();
    const reads = manualReads();
    const reader = new TrailingReader(reads.read, 400);
    reader.readNow();
    expect(reads.started()).toBe(1);
    reader.request();
    reader.request();
    await reads.finish();
    // Both requests came during the first read: one trailing read, not before 400 ms after the first began.
    await vi.advanceTimersByTimeAsync(399);
    expect(reads.started()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reads.started()).toBe(2);
    await reads.finish();

    for (let i = 0; i < 5; i++) reader.request();
    await vi.advanceTimersByTimeAsync(400);
    expect(reads.started()).toBe(3);
    await reads.finish();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reads.started()).toBe(3);
  });

  it('reads nothing more once closed', async () => {
    vi.useFakeTimers();
    const reads = manualReads();
    const reader = new TrailingReader(reads.read, 100);
    reader.request();
    reader.close();
    await vi.advanceTimersByTimeAsync(1_000);
    reader.request();
    reader.readNow();
    expect(reads.started()).toBe(0);
  });
});
