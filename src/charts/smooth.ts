/**
 * Exponential moving average with TensorBoard's debiasing: without it the first smoothed points are pulled
 * towards zero because the average starts empty. `weight` is the slider value in [0, 1): 0 returns the values
 * unchanged, 0.99 is very smooth. Non-finite values pass through and do not disturb the average.
 */
export function emaSmooth(values: ArrayLike<number>, weight: number): Float64Array {
  const out = Float64Array.from(values);
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return out;
  let average = 0;
  let seen = 0;
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (!Number.isFinite(v)) continue;
    average = average * w + (1 - w) * v;
    seen++;
    out[i] = average / (1 - Math.pow(w, seen));
  }
  return out;
}
