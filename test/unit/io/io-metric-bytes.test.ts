import { describe, expect, it } from 'vitest';
import { encodeMetricLines, formatPythonFloat, parseMetricBytes, parseMetricLines } from '../../../src/io';

/** The line layout written with plain strings: what the byte writer must reproduce exactly. */
const asText = (h: { steps: number[]; values: number[]; timestamps: number[] }) =>
  h.values.map((v, i) => `${Math.trunc(h.timestamps[i])} ${formatPythonFloat(v)} ${Math.trunc(h.steps[i])}\n`).join('');

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('metric files as bytes', () => {
  it('writes every kind of timestamp, value and step exactly as the string layout does', () => {
    const random = seeded(7);
    const special = [
      5,
      -42,
      1e15,
      9999999999999998,
      0,
      -0,
      NaN,
      Infinity,
      -Infinity,
      1e-5,
      1e16,
      123456789012345680000,
      5e-324,
      Number.MAX_VALUE,
      -0.0001,
      0.1 + 0.2,
    ];
    const n = 5000;
    const history = { steps: [] as number[], values: [] as number[], timestamps: [] as number[] };
    for (let i = 0; i < n; i++) {
      history.values.push(i < special.length ? special[i] : (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20));
      history.timestamps.push(
        [0, 9, 10, 99_999_999, 100_000_000, 1_700_000_000_123, Number.MAX_SAFE_INTEGER][i % 7] + (i % 7 === 6 ? 0 : i),
      );
      history.steps.push([0, -1, 7, 100_000_000, -Number.MAX_SAFE_INTEGER, 2 ** 31, 12345][i % 7]);
    }
    expect(new TextDecoder().decode(encodeMetricLines(history))).toBe(asText(history));
  });

  it('reads back what it writes, bit for bit', () => {
    const history = {
      steps: [0, 1, 2, 3],
      values: [0.1, -2.5e-7, NaN, -Infinity],
      timestamps: [1_700_000_000_000, 1_700_000_000_001, 5, 6],
    };
    const parsed = parseMetricBytes(encodeMetricLines(history), 'm');
    expect(Array.from(parsed.values)).toEqual(history.values);
    expect(Array.from(parsed.steps)).toEqual(history.steps);
    expect(Array.from(parsed.timestamps)).toEqual(history.timestamps);
  });

  it('lines MLflow would not write itself still parse as float() reads them', () => {
    const parsed = parseMetricLines('5 1_000.5 -3\r\n+6 +.5e1 2\n7 NaN\n 8 -Infinity 1 \n9 1e400 0', 'm');
    expect(Array.from(parsed.timestamps)).toEqual([5, 6, 7, 8, 9]);
    expect(Array.from(parsed.values)).toEqual([1000.5, 5, NaN, -Infinity, Infinity]);
    expect(Array.from(parsed.steps)).toEqual([-3, 2, 0, 1, 0]);
  });

  it('names the file and line of a line that does not parse', () => {
    expect(() => parseMetricLines('1 0.5 0\n2 1..5 1\n', 'metrics/loss')).toThrow(
      /metrics\/loss, line 2: the value '1\.\.5' is not a number/,
    );
    expect(() => parseMetricLines('1 0.5 0\n\n', 'm')).toThrow(
      /m, line 2: expected "timestamp value step", found 1 field/,
    );
    expect(() => parseMetricLines('1 0.5 0 9\n', 'm')).toThrow(
      /line 1: expected "timestamp value step", found 4 field/,
    );
    expect(() => parseMetricLines('12345678901234567 0.5 0\n', 'm')).toThrow(
      /line 1: the timestamp 12345678901234567 is out of range/,
    );
    expect(() => parseMetricLines('1 0.5 2.5\n', 'm')).toThrow(/line 1: the step '2\.5' is not a whole number/);
    expect(() => parseMetricLines('', 'm')).toThrow(/the metric file is empty/);
  });
});
