import { describe, expect, it } from 'vitest';
import { axisPosition, axisTicks, buildAxis, niceTicks } from '../../../src/charts/axis-scale';
import { boxStats, quantile } from '../../../src/charts/box-stats';
import { brushedItems, layoutParallel } from '../../../src/charts/parallel-layout';

describe('axes for per-run charts', () => {
  it('is categorical when any value is text, with categories sorted naturally', () => {
    const axis = buildAxis(['sgd', 'adam', undefined, 'adam', 'rmsprop']);
    expect(axis).toEqual({ kind: 'category', categories: ['adam', 'rmsprop', 'sgd'] });
    expect(axisPosition(axis, 'rmsprop')).toBe(0.5);
    expect(axisPosition(axis, undefined)).toBeNull();
  });

  it('is numeric for numbers, logarithmic when they span two orders of magnitude', () => {
    const linear = buildAxis([0.2, 0.5, 0.9]);
    expect(linear).toMatchObject({ kind: 'numeric', log: false, min: 0.2, max: 0.9 });
    expect(axisPosition(linear, 0.55)).toBeCloseTo(0.5);
    const log = buildAxis([0.001, 0.01, 0.1]);
    expect(log).toMatchObject({ kind: 'numeric', log: true });
    expect(axisPosition(log, 0.01)).toBeCloseTo(0.5);
    expect(axisTicks(log, String).map((t) => t.label)).toEqual(['0.001', '0.01', '0.1']);
    expect(buildAxis([0.001, 0.1], { allowLog: false })).toMatchObject({ log: false });
  });

  it('widens a single value into a visible range', () => {
    const axis = buildAxis([5, 5]);
    expect(axisPosition(axis, 5)).toBeCloseTo(0.5);
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.13, 0.87, 4)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });
});

describe('box statistics', () => {
  it('computes quartiles by linear interpolation', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
  });

  it('puts whiskers at the furthest values within 1.5 IQR and the rest as outliers', () => {
    const stats = boxStats([1, 2, 3, 4, 5, 6, 7, 8, 100, NaN]);
    expect(stats).toMatchObject({ count: 9, median: 5, q1: 3, q3: 7, whiskerLow: 1, whiskerHigh: 8, outliers: [100] });
    expect(boxStats([])).toBeNull();
  });
});

describe('parallel coordinates brushing', () => {
  const axes = [
    { key: 'params.optimizer', label: 'optimizer', values: ['adam', 'sgd', 'adam'] },
    { key: 'metrics.loss', label: 'loss', values: [0.1, 0.5, undefined] },
  ];

  it('places items on categorical and numeric axes', () => {
    const layout = layoutParallel(axes);
    expect(layout.axes[0]).toEqual({ kind: 'category', categories: ['adam', 'sgd'] });
    expect(layout.positions).toEqual([
      [0, 1, 0],
      [0, 1, null],
    ]);
  });

  it('highlights only items inside every brushed range, in either drag direction', () => {
    const layout = layoutParallel(axes);
    expect(brushedItems(layout, 3, new Map())).toEqual([true, true, true]);
    expect(brushedItems(layout, 3, new Map([[0, [0.2, -0.1] as [number, number]]]))).toEqual([true, false, true]);
    // The third run has no loss, so a brush on loss leaves it out.
    expect(
      brushedItems(
        layout,
        3,
        new Map([
          [0, [0, 0.1] as [number, number]],
          [1, [0, 0.5] as [number, number]],
        ]),
      ),
    ).toEqual([true, false, false]);
  });

  it('widens brushes by the tolerance so lines just outside a drag still count', () => {
    const layout = layoutParallel(axes);
    const brush = new Map([[1, [0.01, 0.5] as [number, number]]]);
    expect(brushedItems(layout, 3, brush)).toEqual([false, false, false]);
    expect(brushedItems(layout, 3, brush, 0.02)).toEqual([true, false, false]);
  });
});
