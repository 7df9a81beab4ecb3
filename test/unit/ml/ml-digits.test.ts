import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packMnistPackage } from '../../../scripts/vite-digits-plugin';
import { decodeDigits } from '../../../src/ml/digits-pack';
import { digitsConfigToParams, digitsDataset, paramsToDigitsConfig } from '../../../src/ml/digits';
import { describeImageDataset } from '../../../src/ml/image-dataset';
import { splitDataset } from '../../../src/ml/split';

const folder = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
const packageDigit = (digit: number) =>
  (JSON.parse(readFileSync(join(folder, `${digit}.json`), 'utf8')) as { data: number[] }).data;
const file = packMnistPackage();

describe('the shipped digits', () => {
  it('read back equal to the mnist package within one uint8 step, with their labels', () => {
    const packed = decodeDigits(file);
    expect([packed.count, packed.width, packed.height]).toEqual([10_000, 28, 28]);
    let image = 0;
    for (let digit = 0; digit < 10; digit++) {
      const data = packageDigit(digit);
      const images = data.length / 784;
      for (let i = 0; i < data.length; i++) {
        const back = packed.pixels[image * 784 + i] / 255;
        if (Math.abs(back - data[i]) > 0.5 / 255 + 1e-9)
          throw new Error(`digit ${digit} value ${i}: ${back} vs ${data[i]}`);
      }
      expect(Array.from(new Set(packed.labels.subarray(image, image + images)))).toEqual([digit]);
      image += images;
    }
    expect(image).toBe(10_000);
  });

  it('are compact: under 2 MB gzip', () => {
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuse a damaged file in words', () => {
    expect(() => decodeDigits(file.subarray(0, 1000))).toThrow(/damaged|truncated/);
    expect(() => decodeDigits(new Uint8Array([1, 2, 3]))).toThrow(/Reload the page/);
  });

  it('make a seeded subset as a table of 784 pixel columns in 0–1, and the same subset again for the same seed', () => {
    const a = digitsDataset(file, { subset: 500, seed: 3 });
    const b = digitsDataset(file, { subset: 500, seed: 3 });
    const c = digitsDataset(file, { subset: 500, seed: 4 });
    expect(a.y.length).toBe(500);
    expect(a.featureNames.length).toBe(784);
    expect(a.image).toMatchObject({ width: 28, height: 28, channels: 1 });
    expect(a.numClasses).toBe(10);
    expect(a.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
    expect(Buffer.from(a.y.buffer).equals(Buffer.from(c.y.buffer))).toBe(false);
    // A random subset of 500 holds every digit.
    expect(new Set(a.y).size).toBe(10);
    const { train, test } = splitDataset(a, 0.2, 3);
    expect([train.y.length, test.y.length]).toEqual([400, 100]);
    expect(test.image?.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('describe themselves as an MLflow dataset input with a tensor schema', () => {
    const ds = digitsDataset(file, { subset: 100, seed: 1 });
    const summary = describeImageDataset(ds);
    expect(summary.numRows).toBe(100);
    expect(summary.digest).toMatch(/^[0-9a-f]{16}$/);
    const schema = JSON.parse(summary.schema) as { mlflow_tensorspec: { features: string } };
    expect(JSON.parse(schema.mlflow_tensorspec.features)[0]['tensor-spec']).toEqual({
      dtype: 'float32',
      shape: [-1, 28, 28, 1],
    });
    expect(describeImageDataset(digitsDataset(file, { subset: 100, seed: 2 })).digest).not.toBe(summary.digest);
  });

  it('round-trip their recipe through params and refuse a bad one in words', () => {
    const config = { subset: 1500, testFraction: 0.25, seed: 9 };
    expect(paramsToDigitsConfig(digitsConfigToParams(config))).toEqual(config);
    expect(() => paramsToDigitsConfig({ dataset: 'digits', dataset_subset: '5' })).toThrow(/at least 20/);
  });
});
