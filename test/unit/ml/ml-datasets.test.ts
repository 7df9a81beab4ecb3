import { describe, expect, it } from 'vitest';
import { column, numRows } from '../../../src/ml/dataset';
import { describeDataset } from '../../../src/ml/dataset-input';
import { datasetDigest, Fnv1a64 } from '../../../src/ml/digest';
import { expandFeatures, expandMatrix } from '../../../src/ml/features';
import { GENERATOR_NAMES, generateDataset, type GeneratorName } from '../../../src/ml/generators';
import { deriveSeed, gaussian, mulberry32, permutation } from '../../../src/ml/random';
import { splitDataset } from '../../../src/ml/split';

const options = { numPoints: 101, noise: 10, seed: 7 };

describe('random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('samples a standard normal', () => {
    const rng = mulberry32(1);
    const samples = Array.from({ length: 20000 }, () => gaussian(rng));
    const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
    const variance = samples.reduce((s, v) => s + (v - mean) ** 2, 0) / samples.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('permutes every index exactly once', () => {
    expect([...permutation(50, mulberry32(3))].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('derives distinct non-zero seeds per path', () => {
    expect(deriveSeed(1, 1, 0)).not.toBe(deriveSeed(1, 1, 1));
    expect(deriveSeed(1, 1, 0)).not.toBe(deriveSeed(2, 1, 0));
    expect(deriveSeed(1, 1, 0)).toBe(deriveSeed(1, 1, 0));
    expect(deriveSeed(0)).toBeGreaterThan(0);
  });
});

describe('generators', () => {
  it.each(GENERATOR_NAMES)('%s has the declared shape and labels', (name) => {
    const ds = generateDataset(name, options);
    const d = name === 'sine' ? 1 : 2;
    expect(ds.name).toBe(name);
    expect(ds.featureNames).toHaveLength(d);
    expect(ds.x).toHaveLength(options.numPoints * d);
    expect(ds.y).toHaveLength(options.numPoints);
    expect(ds.x.every(Number.isFinite)).toBe(true);
    if (ds.task === 'classification') {
      expect(ds.numClasses).toBe(2);
      expect(ds.classLabels).toEqual([0, 1]);
      expect(new Set(ds.y)).toEqual(new Set([0, 1]));
    } else {
      expect(ds.numClasses).toBe(0);
      expect(ds.classLabels).toEqual([]);
    }
  });

  it.each(GENERATOR_NAMES)('%s is the same for a seed and differs for another', (name) => {
    const a = generateDataset(name, options);
    expect(generateDataset(name, options)).toEqual(a);
    expect(generateDataset(name, { ...options, seed: 8 }).x).not.toEqual(a.x);
  });

  it('splits an odd number of points between two spiral arms', () => {
    const ds = generateDataset('spiral', { ...options, noise: 0 });
    expect(ds.y.filter((v) => v === 0)).toHaveLength(51);
    expect(ds.y.filter((v) => v === 1)).toHaveLength(50);
  });

  it('makes gaussian clusters with more than two classes', () => {
    const ds = generateDataset('gauss', { ...options, numClasses: 3 });
    expect(ds.numClasses).toBe(3);
    expect(new Set(ds.y)).toEqual(new Set([0, 1, 2]));
    expect(() => generateDataset('spiral', { ...options, numClasses: 3 })).toThrow(/fixed number of classes/);
  });

  it('puts two gaussian clusters at the Playground centers (-2, -2) and (2, 2)', () => {
    const ds = generateDataset('gauss', { numPoints: 2000, noise: 0, seed: 1 });
    const mean = (cls: number, axis: number) => {
      const values = column(ds, axis).filter((_, i) => ds.y[i] === cls);
      return values.reduce((s, v) => s + v, 0) / values.length;
    };
    expect(mean(0, 0)).toBeCloseTo(-2, 0);
    expect(mean(1, 1)).toBeCloseTo(2, 0);
  });

  it('moves points or labels further from the clean pattern as noise grows', () => {
    const spiralDrift = (noise: number) => {
      const clean = generateDataset('spiral', { ...options, noise: 0 });
      const noisy = generateDataset('spiral', { ...options, noise });
      return clean.x.reduce((s, v, i) => s + Math.abs(v - noisy.x[i]), 0);
    };
    expect(spiralDrift(0)).toBe(0);
    expect(spiralDrift(50)).toBeGreaterThan(spiralDrift(10));

    // XOR keeps positions and flips labels near the axes: noise lowers the share that follows sign(x·y).
    const xorAgreement = (noise: number) => {
      const ds = generateDataset('xor', { numPoints: 1000, noise, seed: 3 });
      let agree = 0;
      for (let i = 0; i < numRows(ds); i++) if ((ds.x[2 * i] * ds.x[2 * i + 1] >= 0 ? 1 : 0) === ds.y[i]) agree++;
      return agree / numRows(ds);
    };
    expect(xorAgreement(0)).toBe(1);
    expect(xorAgreement(50)).toBeLessThan(0.9);

    const sineError = (noise: number) => {
      const ds = generateDataset('sine', { ...options, noise });
      return ds.y.reduce((s, v, i) => s + Math.abs(v - Math.sin(ds.x[i])), 0) / numRows(ds);
    };
    expect(sineError(0)).toBeLessThan(1e-6);
    expect(sineError(40)).toBeGreaterThan(sineError(5));
  });

  it('rejects bad options in words', () => {
    const bad: [GeneratorName, object, RegExp][] = [
      ['spiral', { numPoints: 1 }, /Number of points/],
      ['spiral', { numPoints: 2.5 }, /Number of points/],
      ['xor', { noise: 51 }, /Noise must be between 0 and 50/],
      ['xor', { noise: NaN }, /Noise/],
      ['circle', { seed: -1 }, /Seed must be a whole number/],
      ['gauss', { numClasses: 9 }, /clusters/],
    ];
    for (const [name, change, message] of bad) {
      expect(() => generateDataset(name, { ...options, ...change })).toThrow(message);
    }
  });
});

describe('splitDataset', () => {
  const ds = generateDataset('circle', options);

  it('sizes both sides and keeps every row once', () => {
    const { train, test } = splitDataset(ds, 0.3, 5);
    expect(numRows(test)).toBe(30);
    expect(numRows(train)).toBe(71);
    expect(train.x).toHaveLength(71 * 2);
    const rowsOf = (part: typeof ds) =>
      Array.from({ length: numRows(part) }, (_, i) => `${part.x[2 * i]},${part.x[2 * i + 1]}`);
    const all = [...rowsOf(train), ...rowsOf(test)].sort();
    expect(all).toEqual(rowsOf(ds).sort());
  });

  it('is seeded', () => {
    expect(splitDataset(ds, 0.3, 5)).toEqual(splitDataset(ds, 0.3, 5));
    expect(splitDataset(ds, 0.3, 6).test.x).not.toEqual(splitDataset(ds, 0.3, 5).test.x);
  });

  it('allows no test rows and rejects a fraction of 1', () => {
    expect(numRows(splitDataset(ds, 0, 1).test)).toBe(0);
    expect(() => splitDataset(ds, 1, 1)).toThrow(/Test fraction/);
  });
});

describe('derived features', () => {
  const ds = { ...generateDataset('xor', { numPoints: 3, noise: 0, seed: 1 }) };

  it('computes the Playground features per row, in the chosen order', () => {
    const out = expandFeatures(ds, ['sinY', 'x', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'y']);
    expect(out.featureNames).toEqual(['sinY', 'x', 'xSquared', 'ySquared', 'xTimesY', 'sinX', 'y']);
    expect(out.x).toHaveLength(3 * 7);
    for (let r = 0; r < 3; r++) {
      const [x, y] = [ds.x[2 * r], ds.x[2 * r + 1]];
      const expected = [Math.sin(y), x, x * x, y * y, x * y, Math.sin(x), y];
      expected.forEach((v, j) => expect(out.x[r * 7 + j]).toBeCloseTo(v, 5));
    }
    expect(out.y).toBe(ds.y);
  });

  it('leaves the dataset alone for an empty list', () => {
    expect(expandFeatures(ds, [])).toBe(ds);
  });

  it('names what is wrong', () => {
    expect(() => expandFeatures(ds, ['z'])).toThrow(/Unknown input feature "z"/);
    expect(() => expandFeatures(ds, ['x', 'x'])).toThrow(/listed twice/);
    expect(() => expandMatrix(new Float32Array([1]), ['x'], ['sinY'])).toThrow(/needs a column named "y"/);
  });
});

describe('digest', () => {
  it('matches FNV-1a 64 test vectors', () => {
    const hash = (text: string) => new Fnv1a64().update(new TextEncoder().encode(text)).hex();
    expect(hash('')).toBe('cbf29ce484222325');
    expect(hash('a')).toBe('af63dc4c8601ec8c');
    expect(hash('foobar')).toBe('85944171f73967e8');
  });

  it('follows content, not name', () => {
    const ds = generateDataset('moons', options);
    expect(datasetDigest(ds)).toMatch(/^[0-9a-f]{16}$/);
    expect(datasetDigest({ ...ds, name: 'other' })).toBe(datasetDigest(ds));
    expect(datasetDigest(generateDataset('moons', { ...options, seed: 8 }))).not.toBe(datasetDigest(ds));
    const y = ds.y.slice();
    y[0] = 1 - y[0];
    expect(datasetDigest({ ...ds, y })).not.toBe(datasetDigest(ds));
  });

  it('describes a dataset as an MLflow dataset input', () => {
    const summary = describeDataset(generateDataset('plane', { numPoints: 10, noise: 0, seed: 1 }));
    expect(summary).toMatchObject({ name: 'plane', numRows: 10, featureNames: ['x', 'y'], targetName: 'target' });
    expect(JSON.parse(summary.profile)).toEqual({ num_rows: 10, num_elements: 30 });
    expect(JSON.parse(summary.schema).mlflow_colspec.map((c: { name: string }) => c.name)).toEqual([
      'x',
      'y',
      'target',
    ]);
  });
});
