import { describe, expect, it } from 'vitest';
import type { Run } from '../../../../src/tracking';
import { bestIndices, buildDiffRows, defaultDirection, diffToCsv, valuesDiffer } from '../../../../src/ui/compare/diff';
import { defaultWinningMetric, verdict } from '../../../../src/ui/compare/winner';
import { finishedRun } from '../../run-fixture';

function run(
  name: string,
  params: Record<string, string>,
  metrics: Record<string, number>,
  tags: Record<string, string> = {},
): Run {
  const summaries = Object.entries(metrics).map(([k, value]) => [
    k,
    { value, step: 1, timestamp: 1, min: value, max: value, count: 1 },
  ]);
  return finishedRun(`id-${name}`, { params, tags, metrics: Object.fromEntries(summaries) }, name);
}

describe('diff detection', () => {
  it('finds values that differ, counting a missing value as different', () => {
    expect(valuesDiffer(['adam', 'adam', 'adam'])).toBe(false);
    expect(valuesDiffer(['adam', 'sgd', 'adam'])).toBe(true);
    expect(valuesDiffer(['adam', undefined])).toBe(true);
    expect(valuesDiffer([undefined, undefined])).toBe(false);
    expect(valuesDiffer([0.5, '0.5'])).toBe(false);
    expect(valuesDiffer(['x'])).toBe(false);
  });

  it('builds param, metric and tag rows, marking rows that differ and leaving out mlflow.* tags', () => {
    const runs = [
      run('a', { lr: '0.1', optimizer: 'adam' }, { loss: 0.3 }, { class: '3b', 'mlflow.user': 'me' }),
      run('b', { lr: '0.01', optimizer: 'adam' }, { loss: 0.2 }, { class: '3b', 'mlflow.user': 'you' }),
    ];
    const rows = buildDiffRows(runs);
    expect(rows.map((r) => [r.section, r.key, r.differs])).toEqual([
      ['param', 'lr', true],
      ['param', 'optimizer', false],
      ['metric', 'loss', true],
      ['tag', 'class', false],
    ]);
    expect(rows[0].values).toEqual(['0.1', '0.01']);
  });
});

describe('best-value marking', () => {
  it('picks min for loss-like names and max otherwise', () => {
    for (const key of ['loss', 'val_loss', 'test-rmse', 'error_rate', 'MAE', 'train/logloss', 'nll'])
      expect(defaultDirection(key)).toBe('min');
    for (const key of ['accuracy', 'val_accuracy', 'f1', 'auc', 'recall', 'r2'])
      expect(defaultDirection(key)).toBe('max');
  });

  it('marks the best column, every tie, and ignores missing or NaN values', () => {
    expect(bestIndices([0.3, 0.1, 0.2], 'min')).toEqual([1]);
    expect(bestIndices([0.3, 0.1, 0.2], 'max')).toEqual([0]);
    expect(bestIndices([0.9, undefined, 0.9, NaN], 'max')).toEqual([0, 2]);
    expect(bestIndices([undefined, NaN], 'min')).toEqual([]);
  });

  it('uses the per-metric direction the user chose over the default', () => {
    const runs = [run('a', {}, { loss: 0.3, acc: 0.8 }), run('b', {}, { loss: 0.2, acc: 0.9 })];
    const defaults = buildDiffRows(runs);
    expect(defaults.find((r) => r.key === 'loss')?.best).toEqual([1]);
    expect(defaults.find((r) => r.key === 'acc')?.best).toEqual([1]);
    const flipped = buildDiffRows(runs, { loss: 'max' });
    expect(flipped.find((r) => r.key === 'loss')).toMatchObject({ direction: 'max', best: [0] });
  });
});

describe('CSV export', () => {
  it('writes one column per run, quotes what needs it and defuses spreadsheet formulas', () => {
    const runs = [
      run('a', { note: 'x, "y"', cmd: '=SUM(A1)' }, { loss: -0.5 }),
      run('b', { note: 'z', cmd: 'ok' }, { loss: 0.5 }),
    ];
    const csv = diffToCsv(runs, buildDiffRows(runs));
    expect(csv.split('\r\n')).toEqual([
      'section,key,a,b,best',
      "param,cmd,'=SUM(A1),ok,",
      'param,note,"x, ""y""",z,',
      'metric,loss,-0.5,0.5,a',
      '',
    ]);
  });
});

describe('winner', () => {
  it('prefers a validation accuracy, then a loss, to decide the winner', () => {
    expect(defaultWinningMetric(['loss', 'val_accuracy', 'accuracy'])).toBe('val_accuracy');
    expect(defaultWinningMetric(['loss', 'val_loss'])).toBe('val_loss');
    expect(defaultWinningMetric(['f1'])).toBe('f1');
    expect(defaultWinningMetric([])).toBeNull();
  });

  it('ranks runs best first and lists the params that differ', () => {
    const runs = [
      run('a', { lr: '0.1', seed: '1' }, { val_loss: 0.4 }),
      run('b', { lr: '0.01', seed: '1' }, { val_loss: 0.2 }),
      run('c', { lr: '0.001', seed: '1' }, {}),
    ];
    const result = verdict(runs, buildDiffRows(runs), 'val_loss');
    expect(result?.ranking.map((r) => r.run.info.runName)).toEqual(['b', 'a']);
    expect(result?.differingParams.map((r) => r.key)).toEqual(['lr']);
  });
});
