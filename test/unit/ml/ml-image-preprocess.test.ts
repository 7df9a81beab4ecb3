import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBoundingBox, inkFromRgba, toMnistDigit } from '../../../src/ml/image-preprocess';

/** A 280 × 280 drawing with a vertical stroke 16 px wide from y = 40 to 200 at x = 200 (a "1", off-centre). */
function drawnOne(): Float32Array {
  const size = 280;
  const ink = new Float32Array(size * size);
  for (let y = 40; y <= 200; y++) for (let x = 192; x < 208; x++) ink[y * size + x] = 1;
  return ink;
}

describe('MNIST-like preprocessing of a drawing', () => {
  it('finds the ink, scales its longer side to 20 px and centres it by mass in 28 × 28', () => {
    const digit = toMnistDigit(drawnOne(), 280, 280)!;
    expect(digit).toHaveLength(784);
    const box = inkBoundingBox(digit, 28, 28)!;
    // 161 px tall → 20 px; 16 px wide → 2 px: the aspect is kept.
    expect(box.height).toBe(20);
    expect(box.width).toBe(2);
    const mass = centreOfMass(digit, 28, 28);
    expect(Math.abs(mass.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(mass.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...digit)).toBeCloseTo(1, 5);
    // The stroke moved from the right edge to the middle: columns 13 and 14 hold it.
    expect(digit[14 * 28 + 13] + digit[14 * 28 + 14]).toBeGreaterThan(1.5);
    expect(digit[14 * 28 + 20]).toBe(0);
  });

  it('is null for an empty drawing', () => {
    expect(toMnistDigit(new Float32Array(100), 10, 10)).toBeNull();
  });

  it('reads dark ink on light paper as ink, and light ink on black too', () => {
    const darkOnLight = new Uint8ClampedArray([
      255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ]);
    expect(Array.from(inkFromRgba(darkOnLight, 2, 2))).toEqual([0, 1, 0, 0]);
    const lightOnDark = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
    expect(Array.from(inkFromRgba(lightOnDark, 2, 2))).toEqual([0, 1, 0, 0]);
  });
});
