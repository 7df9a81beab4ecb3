import { describe, expect, it } from 'vitest';
import { SearchFilterError, type MetricSummary, type Run } from '../../../../src/tracking';
import { TablePipeline, type TableInputs } from '../../../../src/ui/runs-table/pipeline';
import { finishedRun } from '../../run-fixture';

function run(id: string, name: string, params: Record<string, string>, loss?: number, parent?: string): Run {
  const metrics: Record<string, MetricSummary> =
    loss === undefined ? {} : { loss: { value: loss, step: 0, timestamp: 0, min: loss, max: loss, count: 1 } };
  return finishedRun(id, { params, metrics }, name, {
    startTime: Number(id.slice(1)),
    endTime: null,
    parentRunId: parent,
  });
}

const runs = [
  run('r1', 'beta', { opt: 'adam', seed: '1' }, 0.3),
  run('r2', 'alpha', { opt: 'sgd', seed: '1' }, 0.1),
  run('r3', 'gamma', { opt: 'adam', seed: '1' }, undefined, 'r1'),
];
const base: TableInputs = {
  runs,
  filter: '',
  sort: null,
  hiddenIds: new Set(),
  hideIdentical: false,
  expanded: new Set(),
};
const names = (view: ReturnType<TablePipeline['compute']>) =>
  view.rows.map((r) => ('run' in r ? r.run.info.runName : r.name));

describe('table pipeline', () => {
  it('filters with MLflow grammar, sorts by any column including the run name, and nests children', () => {
    const pipeline = new TablePipeline();
    // Without a sort the loaded order stays (the store returns newest first).
    expect(names(pipeline.compute(base))).toEqual(['beta', 'alpha']);
    expect(names(pipeline.compute({ ...base, expanded: new Set(['r1']) }))).toEqual(['beta', 'gamma', 'alpha']);
    expect(names(pipeline.compute({ ...base, sort: { columnId: 'attributes.run_name', ascending: true } }))).toEqual([
      'alpha',
      'beta',
    ]);
    expect(names(pipeline.compute({ ...base, filter: "params.opt = 'adam'" }))).toEqual(['beta']);
    const sorted = pipeline.compute({ ...base, sort: { columnId: 'metrics.loss', ascending: true } }).sorted;
    expect(sorted.map((r) => r.info.runId)).toEqual(['r2', 'r1', 'r3']);
  });

  it('throws the parser error for a malformed filter', () => {
    expect(() => new TablePipeline().compute({ ...base, filter: 'metrics.loss >> 1' })).toThrow(SearchFilterError);
  });

  it('drops hidden and identical columns and reuses unchanged stages', () => {
    const pipeline = new TablePipeline();
    const view = pipeline.compute({ ...base, hiddenIds: new Set(['metrics.loss']), hideIdentical: true });
    expect(view.columns.map((c) => c.id)).toEqual([
      'attributes.status',
      'params.opt',
      'attributes.start_time',
      'attributes.duration',
    ]);
    expect(view.allColumns.map((c) => c.id)).toContain('params.seed');
    const again = pipeline.compute({ ...base, hiddenIds: new Set(['metrics.loss']), hideIdentical: true });
    expect(again.sorted).toBe(view.sorted);
  });
});
