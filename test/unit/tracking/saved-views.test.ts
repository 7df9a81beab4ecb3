import { describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../../src/io';
import {
  listViews,
  parseView,
  serializeView,
  viewTagKey,
  type SavedView,
} from '../../../src/ui/experiments/saved-views';
import { freshTracking } from '../helpers';

const view: SavedView = {
  filter: 'metrics.val_accuracy > 0.5',
  sort: { columnId: 'metrics.val_accuracy', ascending: false },
  groupBy: ['params.learning_rate'],
  hiddenColumns: ['attributes.duration'],
  summaries: { val_loss: { pick: 'min', aggregate: 'median' } },
  showIdenticalParams: true,
  hideIdentical: false,
};

describe('saved views', () => {
  it('round-trip through an experiment tag, a zip export and an import into another database', async () => {
    const source = await freshTracking();
    const experimentId = await source.createExperiment('class 3b');
    const run = await source.startRun({ experimentId, runName: 'one' });
    await run.end();
    await source.setExperimentTag(experimentId, viewTagKey('by rate'), serializeView(view));
    const target = await freshTracking();
    await importRuns(target, await exportRuns(source, { experimentIds: [experimentId] }));
    const imported = await target.getExperimentByName('class 3b');
    expect(listViews(imported!.tags)).toEqual([{ name: 'by rate', view, problem: '' }]);
  });

  it('refuses names that cannot be a tag key, and lists a damaged view with its problem instead of failing', () => {
    expect(() => viewTagKey('  ')).toThrow('Give the view a name.');
    expect(() => viewTagKey('a/b')).toThrow(/letters, digits, spaces/);
    expect(viewTagKey(' Précision 2 ')).toBe('tabflow.view.Précision 2');
    const views = listViews({ 'tabflow.view.bad': '{oops', 'tabflow.view.old': '{"version":9}', note: 'x' });
    expect(views.map((v) => [v.name, v.view, v.problem])).toEqual([
      ['bad', null, 'This view is not valid JSON; save the view again to replace it.'],
      ['old', null, 'This view was not written by this version of tabflow; save the view again to replace it.'],
    ]);
  });

  it('keeps only well-formed values from a view someone else wrote', () => {
    const parsed = parseView(
      JSON.stringify({
        version: 1,
        filter: 3,
        sort: { columnId: 'x' },
        groupBy: ['params.a', 7],
        summaries: { m: { pick: 'avg', aggregate: 'max' } },
        showIdenticalParams: 'yes',
      }),
    );
    expect(parsed).toEqual({
      filter: '',
      sort: null,
      groupBy: [],
      hiddenColumns: [],
      summaries: { m: { aggregate: 'max' } },
      showIdenticalParams: false,
      hideIdentical: false,
    });
  });
});
