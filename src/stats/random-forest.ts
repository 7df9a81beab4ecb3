import { mulberry32, type Rng } from '../ml/random';

/**
 * A small random-forest regressor, only as far as parameter importance needs it: bootstrap samples, CART splits
 * on variance reduction over every feature, and the mean decrease in impurity per feature (what scikit-learn's
 * `feature_importances_` reports and W&B's importance panel shows). Seeded, so the same runs rank the same.
 */

export interface ForestOptions {
  trees?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  seed?: number;
}

interface Node {
  rows: number[];
  depth: number;
}

/** Sum of squared deviations from the mean of y over `rows` (the node's impurity times its size). */
function sumOfSquares(y: readonly number[], rows: readonly number[]): number {
  let sum = 0;
  for (const r of rows) sum += y[r];
  const mean = sum / rows.length;
  let squares = 0;
  for (const r of rows) squares += (y[r] - mean) ** 2;
  return squares;
}

/** The best split of a node on one feature: the impurity it removes and the rows going left. */
function bestSplit(x: readonly number[], y: readonly number[], rows: readonly number[], minLeaf: number) {
  const sorted = rows.slice().sort((a, b) => x[a] - x[b]);
  let total = 0;
  let totalSquares = 0;
  for (const r of sorted) {
    total += y[r];
    totalSquares += y[r] * y[r];
  }
  const count = sorted.length;
  const parent = totalSquares - (total * total) / count;
  let left = 0;
  let leftSquares = 0;
  let best = { gain: 0, at: -1 };
  for (let i = 0; i < count - 1; i++) {
    const v = y[sorted[i]];
    left += v;
    leftSquares += v * v;
    const nLeft = i + 1;
    const nRight = count - nLeft;
    // Only between distinct values: a threshold cannot separate equal settings.
    if (x[sorted[i]] === x[sorted[i + 1]] || nLeft < minLeaf || nRight < minLeaf) continue;
    const right = total - left;
    const children = leftSquares - (left * left) / nLeft + (totalSquares - leftSquares) - (right * right) / nRight;
    const gain = parent - children;
    if (gain > best.gain + 1e-12) best = { gain, at: i };
  }
  return best.at < 0 ? null : { gain: best.gain, left: sorted.slice(0, best.at + 1), right: sorted.slice(best.at + 1) };
}

function bootstrap(size: number, rng: Rng): number[] {
  return Array.from({ length: size }, () => Math.floor(rng() * size));
}

/**
 * Fits `trees` regression trees on bootstrap samples of (features[f][row], target[row]) and returns each feature's
 * share of the impurity the forest removed (sums to 1; all zeros when no split helped).
 */
export function forestImportance(
  features: readonly (readonly number[])[],
  target: readonly number[],
  options: ForestOptions = {},
): number[] {
  const { trees = 100, maxDepth = 8, minSamplesLeaf = 1, seed = 1 } = options;
  const rng = mulberry32(seed);
  const gains = new Array<number>(features.length).fill(0);
  if (target.length < 2) return gains;
  for (let t = 0; t < trees; t++) {
    const stack: Node[] = [{ rows: bootstrap(target.length, rng), depth: 0 }];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.depth >= maxDepth || node.rows.length < 2 * minSamplesLeaf || sumOfSquares(target, node.rows) === 0)
        continue;
      let best: { feature: number; gain: number; left: number[]; right: number[] } | null = null;
      for (let f = 0; f < features.length; f++) {
        const split = bestSplit(features[f], target, node.rows, minSamplesLeaf);
        if (split && (!best || split.gain > best.gain)) best = { feature: f, ...split };
      }
      if (!best) continue;
      gains[best.feature] += best.gain;
      stack.push({ rows: best.left, depth: node.depth + 1 }, { rows: best.right, depth: node.depth + 1 });
    }
  }
  const total = gains.reduce((a, b) => a + b, 0);
  return total > 0 ? gains.map((g) => g / total) : gains;
}
