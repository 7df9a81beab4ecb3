import { expect, it } from 'vitest';
import { mulberry32 } from '../../../src/ml/random';
import { paramImportance, type ImportanceInput } from '../../../src/stats/importance';

it('ranks the param that determines the metric above a random one, on both measures', () => {
  const rng = mulberry32(7);
  const inputs = Array.from({ length: 40 }, () => {
    const lr = [0.001, 0.01, 0.1][Math.floor(rng() * 3)];
    const noise = rng();
    return {
      params: { lr: String(lr), noise: String(noise), optimizer: 'adam' },
      value: Math.log10(lr) + 0.05 * rng(),
    };
  });
  const result = paramImportance(inputs, { seed: 3 });
  expect(result.n).toBe(40);
  expect(result.warning).toBeNull();
  // optimizer never varies, so it cannot have mattered and is left out.
  expect(result.params.map((p) => p.param)).toEqual(['lr', 'noise']);
  const [lr, noise] = result.params;
  expect(lr.importance).toBeGreaterThan(0.8);
  expect(lr.importance + noise.importance).toBeCloseTo(1, 10);
  expect(lr.correlation).toBeGreaterThan(0.8); // linear r on a log-shaped effect
  expect(Math.abs(noise.correlation)).toBeLessThan(0.4);
  // Seeded: the same runs give the same numbers.
  expect(paramImportance(inputs, { seed: 3 })).toEqual(result);
});

it('measures a text param with the correlation ratio and warns when there are too few runs', () => {
  const inputs: ImportanceInput[] = [
    { params: { optimizer: 'adam', seed: '1' }, value: 0.9 },
    { params: { optimizer: 'adam', seed: '2' }, value: 0.92 },
    { params: { optimizer: 'sgd', seed: '3' }, value: 0.6 },
    { params: { optimizer: 'sgd', seed: '4' }, value: 0.62 },
    { params: { seed: '5' }, value: Number.NaN },
  ];
  const result = paramImportance(inputs);
  expect(result.n).toBe(4);
  const optimizer = result.params.find((p) => p.param === 'optimizer')!;
  expect(optimizer.correlationKind).toBe('eta');
  expect(optimizer.correlation).toBeGreaterThan(0.99);
  expect(result.params[0].param).toBe('optimizer');
  expect(result.warning).toMatch(/Only 4 runs logged this metric: too few/);
});
