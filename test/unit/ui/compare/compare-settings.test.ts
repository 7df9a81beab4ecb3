import { describe, expect, it } from 'vitest';
import { parseSettings, settingsToQuery } from '../../../../src/ui/compare/compare-settings';
import { reduceHistory } from '../../../../src/charts/reduce-history';

describe('compare settings in the URL', () => {
  it('round-trips every setting through the query string', () => {
    const query = new URLSearchParams(
      'runs=a,b,c&metrics=loss,val_loss&x=wall&smooth=0.6&log=1&hide=b&diff=only&best=loss:max&axes=params.lr,metrics.loss&sx=params.lr&sy=metrics.loss&box=val_accuracy&by=optimizer&win=loss&group=params.lr,tags.note&band=minmax&imp=val_loss',
    );
    const settings = parseSettings(query);
    expect(settings).toEqual({
      runIds: ['a', 'b', 'c'],
      metrics: ['loss', 'val_loss'],
      x: 'wall',
      smoothing: 0.6,
      logScale: true,
      hiddenRuns: ['b'],
      onlyDifferences: true,
      directions: { loss: 'max' },
      parallelFields: ['params.lr', 'metrics.loss'],
      scatterX: 'params.lr',
      scatterY: 'metrics.loss',
      boxMetric: 'val_accuracy',
      boxBy: 'optimizer',
      winBy: 'loss',
      groupBy: ['params.lr', 'tags.note'],
      band: 'minmax',
      importanceMetric: 'val_loss',
    });
    expect(parseSettings(settingsToQuery(settings))).toEqual(settings);
  });

  it('falls back to defaults for missing or malformed values and keeps URLs short', () => {
    const settings = parseSettings(new URLSearchParams('runs=a,a,b&x=sideways&smooth=7&best=loss:up&sx=bogus'));
    expect(settings).toMatchObject({
      runIds: ['a', 'b'],
      metrics: null,
      x: 'step',
      smoothing: 0.99,
      directions: {},
      scatterX: null,
    });
    expect(settingsToQuery(parseSettings(new URLSearchParams('runs=a,b'))).toString()).toBe('runs=a%2Cb');
  });
});

describe('history reduction', () => {
  it('keeps steps, values and timestamps of the same points, including every spike', () => {
    const n = 100_000;
    const steps = Float64Array.from({ length: n }, (_, i) => i);
    const values = Float64Array.from({ length: n }, (_, i) => (i === 54_321 ? 99 : Math.cos(i)));
    const timestamps = Float64Array.from({ length: n }, (_, i) => 1_000 + i * 10);
    const reduced = reduceHistory({ steps, values, timestamps }, 512);
    expect(reduced.steps.length).toBeLessThanOrEqual(2 * 512 + 2);
    const spike = reduced.values.indexOf(99);
    expect(reduced.steps[spike]).toBe(54_321);
    expect(reduced.timestamps[spike]).toBe(1_000 + 54_321 * 10);
    reduced.steps.forEach((s, k) => expect(reduced.values[k]).toBe(values[s]));
  });
});
