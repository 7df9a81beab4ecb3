/**
 * Exponential moving average with TensorBoard's debiasing: without it the first smoothed points are pulled
 * towards zero because the average starts empty. `weight` is the slider value in [0, 1): 0 returns the values
 * unchanged, 0.99 is very smooth. Non-finite values pass through and do not disturb the average.
 */
export function emaSmooth(values: ArrayLike<number>, weight: number): Float64Array {
  // The constructor copies typed arrays natively; Float64Array.from would walk an iterator (10× slower).
  const out = new Float64Array(values as ArrayLike<number>);
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return out;
  let average = 0;
  // w^n for the n values seen so far, kept as a running product (Math.pow per point is the slow part).
  let weightPower = 1;
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (!Number.isFinite(v)) continue;
    average = average * w + (1 - w) * v;
    weightPower *= w;
    out[i] = average / (1 - weightPower);
  }
  return out;
}
