import { numRows, selectRows, type Dataset } from './dataset';
import { deriveSeed, mulberry32, permutation } from './random';

/** Keeps the split's random stream apart from the generator's when both are given the same seed. */
const SPLIT_STREAM = 1;

export interface SplitDataset {
  train: Dataset;
  test: Dataset;
}

/**
 * A seeded random train/test split. The test side gets round(n × testFraction) rows; both sides keep the
 * permuted order, so a generator's class-sorted rows come out mixed.
 */
export function splitDataset(ds: Dataset, testFraction: number, seed: number): SplitDataset {
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new RangeError(`Test fraction must be at least 0 and less than 1, got ${testFraction}.`);
  }
  const n = numRows(ds);
  const numTest = Math.round(n * testFraction);
  const order = permutation(n, mulberry32(deriveSeed(seed, SPLIT_STREAM)));
  return {
    train: selectRows(ds, order.subarray(numTest)),
    test: selectRows(ds, order.subarray(0, numTest)),
  };
}
