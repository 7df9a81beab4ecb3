import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Update } from '../../../src/io/crc32';

describe('crc32Update', () => {
  it('matches zlib for every length around the 8-byte steps, and when continued over pieces', () => {
    let seed = 12345;
    const bytes = Uint8Array.from({ length: 4099 }, () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099]) {
      const data = bytes.subarray(0, length);
      expect(crc32Update(0, data)).toBe(zlibCrc32(data));
    }
    const whole = crc32Update(0, bytes);
    expect(crc32Update(crc32Update(0, bytes.subarray(0, 1001)), bytes.subarray(1001))).toBe(whole);
    expect(crc32Update(0, new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
