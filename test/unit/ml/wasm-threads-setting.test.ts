import { describe, expect, it } from 'vitest';
import {
  effectiveWasmThreads,
  maxWasmThreads,
  storedWasmThreads,
  tfjsDefaultThreads,
} from '../../../src/ml/wasm-threads-setting';

describe('wasm thread setting', () => {
  it("gives tfjs's own count: half the logical cores, 1 to 8, and 1 without isolation", () => {
    expect([1, 2, 3, 4, 16, 32].map((cores) => tfjsDefaultThreads(true, cores))).toEqual([1, 1, 1, 2, 8, 8]);
    expect(tfjsDefaultThreads(false, 16)).toBe(1);
  });

  it('offers one thread per logical core, at most 8', () => {
    expect([1, 2, 6, 12].map(maxWasmThreads)).toEqual([1, 2, 6, 8]);
  });

  it('reads back only a whole count this machine can use; anything else means tfjs decides', () => {
    expect(storedWasmThreads(2, 2)).toBe(2);
    expect(storedWasmThreads(1, 2)).toBe(1);
    for (const bad of [3, 0, -1, 1.5, '2', null, undefined, NaN, { threads: 2 }])
      expect(storedWasmThreads(bad, 2)).toBeNull();
  });

  it('trains with the chosen count when isolated, else on one thread', () => {
    expect(effectiveWasmThreads(2, true, 2)).toBe(2);
    expect(effectiveWasmThreads(null, true, 2)).toBe(1);
    expect(effectiveWasmThreads(null, true, 8)).toBe(4);
    expect(effectiveWasmThreads(4, false, 8)).toBe(1);
  });
});
