import { describe, expect, it } from 'vitest';
import type { Run } from '../../../../src/tracking';
import { columnGroupSpans, columnWidth, groupMetricText } from '../../../../src/ui/runs-table/group-cells';
import { isGroupRow, listedRunIds, type GroupTableRow } from '../../../../src/ui/runs-table/group-rows';
import {
  groupMetric,
  groupOptions,
  groupRuns,
  metricValue,
  PARENT_GROUP,
} from '../../../../src/ui/runs-table/grouping';
import { TablePipeline, type TableInputs } from '../../../../src/ui/runs-table/pipeline';

let start = 1_000;
function run(
  id: string,
  params: Record<string, string>,
  metrics: Record<string, [last: number, min: number, max: number]>,
  extra: { parent?: string; tags?: Record<string, string> } = {},
): Run {
  return {
    info: {
      runId: id,
      runName: `run-${id}`,
      experimentId: '0',
      status: 'FINISHED',
      startTime: start++,
      endTime: null,
      lifecycleStage: 'active',
      parentRunId: extra.parent,
      userId: 'u',
      artifactUri: '',
    },
    data: {
      params,
      tags: extra.tags ?? {},
      metrics: Object.fromEntries(
        Object.entries(metrics).map(([k, [value, min, max]]) => [
          k,
          { value, step: 9, timestamp: 0, min, max, count: 10 },
        ]),
      ),
    },
    inputs: { datasetInputs: [] },
  };
}

// Two learning rates × three seeds; one run of lr 0.1 never logged val_loss; one run has no lr at all.
const runs = [
  run(
    'a1',
    { lr: '0.01', seed: '1', epochs: '5' },
    { acc: [0.8, 0.5, 0.82], val_loss: [0.4, 0.35, 1] },
    { parent: 'p1' },
  ),
  run(
    'a2',
    { lr: '0.01', seed: '2', epochs: '5' },
    { acc: [0.9, 0.5, 0.9], val_loss: [0.3, 0.3, 1] },
    { parent: 'p1' },
  ),
  run(
    'a3',
    { lr: '0.01', seed: '3', epochs: '5' },
    { acc: [0.7, 0.5, 0.75], val_loss: [0.5, 0.45, 1] },
    { parent: 'p1' },
  ),
  run(
    'b1',
    { lr: '0.1', seed: '1', epochs: '5' },
    { acc: [0.6, 0.4, 0.6], val_loss: [0.9, 0.8, 1] },
    { parent: 'p2', tags: { note: 'x', 'mlflow.source.type': 'LOCAL' } },
  ),
  run('b2', { lr: '0.1', seed: '2', epochs: '5' }, { acc: [0.5, 0.4, 0.55] }, { parent: 'p2' }),
  run('c1', { seed: '1', epochs: '5' }, { acc: [0.2, 0.1, 0.3] }),
];

describe('grouping runs', () => {
  it('groups by one or more keys, runs without a value forming their own group, in order of first run', () => {
    const byLr = groupRuns(runs, ['params.lr']);
    expect(byLr.map((g) => [g.values, g.runs.map((r) => r.info.runId)])).toEqual([
      [['0.01'], ['a1', 'a2', 'a3']],
      [['0.1'], ['b1', 'b2']],
      [[undefined], ['c1']],
    ]);
    expect(groupRuns(runs, ['params.lr', 'params.seed'])).toHaveLength(6);
    expect(groupRuns(runs, [PARENT_GROUP]).map((g) => g.values[0])).toEqual(['p1', 'p2', undefined]);
    expect(groupRuns(runs, ['tags.note']).map((g) => g.runs.length)).toEqual([5, 1]);
    // A parent listed with its children is their container, not one more run of the group.
    const withParent = [run('p1', { lr: '0.01', seed: '1', epochs: '5' }, { acc: [0.1, 0.1, 0.1] }), ...runs];
    expect(groupRuns(withParent, ['params.lr'])[0].runs.map((r) => r.info.runId)).toEqual(['a1', 'a2', 'a3']);
  });

  it('offers params, user tags (not mlflow./tabflow. ones) and the parent run', () => {
    expect(groupOptions(runs)).toEqual(['params.epochs', 'params.lr', 'params.seed', 'tags.note', PARENT_GROUP]);
    expect(groupOptions([runs[5]])).toEqual(['params.epochs', 'params.seed']);
  });

  it('summarizes a metric per group with missing values left out and n counted', () => {
    const [lr001, lr01] = groupRuns(runs, ['params.lr']);
    const acc = groupMetric(lr001.runs, 'acc', { pick: 'last', aggregate: 'mean' });
    expect(acc.n).toBe(3);
    expect(acc.value).toBeCloseTo(0.8, 12);
    expect(acc.description!.std).toBeCloseTo(0.1, 12);
    expect(groupMetric(lr001.runs, 'acc', { pick: 'max', aggregate: 'max' }).value).toBe(0.9);
    expect(groupMetric(lr001.runs, 'val_loss', { pick: 'min', aggregate: 'median' }).value).toBe(0.35);
    const partial = groupMetric(lr01.runs, 'val_loss', { pick: 'last', aggregate: 'mean' });
    expect([partial.n, partial.value, partial.description!.std]).toEqual([1, 0.9, 0]);
    expect(groupMetric(lr01.runs, 'nothing', { pick: 'last', aggregate: 'mean' })).toMatchObject({
      n: 0,
      value: undefined,
    });
    expect(
      groupMetricText(partial, 2, {
        id: 'metrics.val_loss',
        kind: 'metric',
        key: 'val_loss',
        label: 'val_loss',
        numeric: true,
      }).text,
    ).toBe('0.9 ± 0 · n=1');
  });

  it("reads a single run's last, min or max from the run row", () => {
    expect([
      metricValue(runs[0], 'acc', 'last'),
      metricValue(runs[0], 'acc', 'min'),
      metricValue(runs[0], 'acc', 'max'),
    ]).toEqual([0.8, 0.5, 0.82]);
    expect(metricValue(runs[4], 'val_loss', 'min')).toBeUndefined();
  });
});

describe('grouped table pipeline', () => {
  const base: TableInputs = {
    runs,
    filter: '',
    sort: null,
    hiddenIds: new Set(),
    hideIdentical: false,
    expanded: new Set(),
  };

  it('draws group rows named "Group …" with n, sorts groups by their summary and filters before grouping', () => {
    const pipeline = new TablePipeline();
    const view = pipeline.compute({
      ...base,
      groupBy: ['params.lr'],
      sort: { columnId: 'metrics.acc', ascending: false },
    });
    const groups = view.rows.filter(isGroupRow);
    expect(groups.map((g) => g.name)).toEqual([
      'Group lr = 0.01 · 3 runs',
      'Group lr = 0.1 · 2 runs',
      'Group lr = (not set) · 1 run',
    ]);
    const ascending = pipeline.compute({
      ...base,
      groupBy: ['params.lr'],
      sort: { columnId: 'metrics.acc', ascending: true },
    });
    expect(ascending.rows.filter(isGroupRow).map((g) => g.group.values[0])).toEqual([undefined, '0.1', '0.01']);
    const filtered = pipeline.compute({ ...base, groupBy: ['params.lr'], filter: 'metrics.acc > 0.65' });
    expect(filtered.rows.map((r) => (r as GroupTableRow).name)).toEqual(['Group lr = 0.01 · 3 runs']);
  });

  it('expands a group into its runs and lists every run of a group for select-all', () => {
    const pipeline = new TablePipeline();
    const collapsed = pipeline.compute({ ...base, groupBy: ['params.lr'] });
    const key = `group:${(collapsed.rows[1] as GroupTableRow).group.id}`;
    const view = pipeline.compute({ ...base, groupBy: ['params.lr'], expanded: new Set([key]) });
    expect(view.rows.map((r) => (isGroupRow(r) ? r.name : r.run.info.runId))).toEqual([
      'Group lr = 0.01 · 3 runs',
      'Group lr = 0.1 · 2 runs',
      'b1',
      'b2',
      'Group lr = (not set) · 1 run',
    ]);
    expect(listedRunIds(view.rows)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
  });

  it('puts metrics first, then differing params, then user tags; identical params fold into a note', () => {
    const pipeline = new TablePipeline();
    const view = pipeline.compute(base);
    expect(view.columns.map((c) => c.id)).toEqual([
      'attributes.status',
      'metrics.acc',
      'metrics.val_loss',
      'params.lr',
      'params.seed',
      'tags.note',
      'attributes.start_time',
      'attributes.duration',
    ]);
    expect(view.identicalParams.map((p) => [p.column.id, p.value])).toEqual([['params.epochs', '5']]);
    const shown = pipeline.compute({ ...base, showIdenticalParams: true });
    expect(shown.identicalParams).toEqual([]);
    expect(shown.columns.map((c) => c.id)).toContain('params.epochs');
  });

  it('sorts single runs by the metric value each column picks', () => {
    const view = new TablePipeline().compute({
      ...base,
      summaries: { acc: { pick: 'min' } },
      sort: { columnId: 'metrics.acc', ascending: true },
    });
    // Equal minimums fall back to the newest run first.
    expect(view.sorted.map((r) => r.info.runId)).toEqual(['c1', 'b2', 'b1', 'a3', 'a2', 'a1']);
    expect(view.columns.find((c) => c.id === 'metrics.acc')!.pick).toBe('min');
  });

  it('labels the column kinds in spans and sizes headers to their label', () => {
    const { columns } = new TablePipeline().compute(base);
    expect(columnGroupSpans(columns).map((s) => [s.label, s.count])).toEqual([
      ['Run', 3],
      ['Metrics', 2],
      ['Params', 2],
      ['Tags', 1],
      ['', 2],
    ]);
    expect(columnWidth({ id: 'metrics.x', kind: 'metric', key: 'x', label: 'x', numeric: true })).toBe(120);
    expect(
      columnWidth({ id: 'metrics.v', kind: 'metric', key: 'v', label: 'validation_accuracy', numeric: true }),
    ).toBeGreaterThan(170);
  });
});
