import { describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../../../src/io';
import { readChartView, viewFromCompare } from '../../../../src/ui/compare/chart-view';
import { parseSettings } from '../../../../src/ui/compare/compare-settings';
import { listViews, parseView, serializeView, viewTagKey } from '../../../../src/ui/experiments/saved-views';
import { freshTracking } from '../../helpers';

describe("views saved from Compare hold the charts' settings", () => {
  const settings = parseSettings(
    new URLSearchParams('runs=a,b&group=params.lr,tags.batch&band=minmax&smooth=0.6&x=relative&metrics=loss,acc&log=1'),
  );

  it('round-trip through an experiment tag, a zip export and an import into another database', async () => {
    const source = await freshTracking();
    const experimentId = await source.createExperiment('seeds');
    const run = await source.startRun({ experimentId, runName: 'one' });
    await run.end();
    await source.setExperimentTag(experimentId, viewTagKey('grouped curves'), serializeView(viewFromCompare(settings)));
    const target = await freshTracking();
    await importRuns(target, await exportRuns(source, { experimentIds: [experimentId] }));
    const [view] = listViews((await target.getExperimentByName('seeds'))!.tags);
    expect(view.problem).toBe('');
    expect(view.view!.charts).toEqual({
      groupBy: ['params.lr', 'tags.batch'],
      band: 'minmax',
      smoothing: 0.6,
      x: 'relative',
      metrics: ['loss', 'acc'],
      logScale: true,
    });
    // The runs table opens it grouped like the charts.
    expect(view.view!.groupBy).toEqual(['params.lr', 'tags.batch']);
  });

  it('keeps a table-only view without charts', () => {
    const parsed = parseView(JSON.stringify({ version: 1, filter: '', groupBy: [] }));
    expect(parsed.charts).toBeUndefined();
  });

  it("replaces malformed chart settings from someone else's zip by Compare's defaults", () => {
    expect(
      readChartView({ groupBy: ['params.a', 3], band: 'wide', smoothing: 7, x: 'epoch', metrics: 'loss', logScale: 1 }),
    ).toEqual({ groupBy: [], band: 'std', smoothing: 0.99, x: 'step', metrics: null, logScale: false });
    expect(readChartView({ smoothing: Number.NaN })?.smoothing).toBe(0);
    expect(readChartView('charts')).toBeUndefined();
  });
});
