import { describe, expect, it } from 'vitest';
import { MetricBuffer, type BufferedPoints } from '../../../src/tracking/metric-buffer';

/** A buffer whose writes are recorded, and held open until released, to observe what each flush writes. */
function recordingBuffer(maxPoints: number, fail?: Error) {
  const writes: number[] = [];
  const background: unknown[] = [];
  let release: () => void = () => {};
  let gate: Promise<void> | null = null;
  const buffer = new MetricBuffer(
    async (points: BufferedPoints) => {
      writes.push([...points.values()].reduce((n, batch) => n + batch.values.length, 0));
      if (gate) await gate;
      if (fail) throw fail;
    },
    { flushDelayMs: 60_000, maxPoints },
    (error) => background.push(error),
  );
  const hold = () => {
    gate = new Promise((r) => (release = r));
  };
  return { buffer, writes, background, hold, release: () => release() };
}

describe('metric buffer', () => {
  it('writes points logged without yielding in one batch, however many times they cross the threshold', async () => {
    const { buffer, writes } = recordingBuffer(100);
    for (let i = 0; i < 1_000; i++) buffer.add('loss', i, i, i);
    await buffer.flush();
    expect(writes).toEqual([1_000]);
    expect(buffer.size).toBe(0);
  });

  it('writes points logged during a write in the next one, and flush waits for both', async () => {
    const { buffer, writes, hold, release } = recordingBuffer(1_000);
    hold();
    for (let i = 0; i < 10; i++) buffer.add('loss', i, i, i);
    const first = buffer.flush();
    await Promise.resolve();
    await Promise.resolve();
    for (let i = 10; i < 15; i++) buffer.add('acc', i, i, i);
    const second = buffer.flush();
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(writes).toEqual([10]);
    expect(secondDone).toBe(false);
    release();
    await Promise.all([first, second]);
    expect(writes).toEqual([10, 5]);
  });

  it('rejects every later flush with the first write error and reports a background failure once', async () => {
    const failure = new Error('disk full');
    const { buffer, writes, background } = recordingBuffer(100, failure);
    for (let i = 0; i < 250; i++) buffer.add('loss', i, i, i);
    await expect(buffer.flush()).rejects.toBe(failure);
    expect(background).toEqual([failure]);
    buffer.add('loss', 1, 1, 1);
    await expect(buffer.flush()).rejects.toBe(failure);
    expect(writes).toEqual([250]);
  });
});
