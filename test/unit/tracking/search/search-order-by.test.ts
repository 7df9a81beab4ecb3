import { describe, expect, it } from 'vitest';
import { SearchFilterError } from '../../../../src/tracking/errors';
import { compareRuns, parseOrderBy, sortRuns } from '../../../../src/tracking/search';
import type { Run } from '../../../../src/tracking/types';

interface RunSpec {
  id: string;
  start?: number;
  end?: number | null;
  name?: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

function makeRun(spec: RunSpec): Run {
  const metrics: Run['data']['metrics'] = {};
  for (const [key, value] of Object.entries(spec.metrics ?? {})) {
    metrics[key] = { value, step: 0, timestamp: 0, min: value, max: value, count: 1 };
  }
  return {
    info: {
      runId: spec.id,
      runName: spec.name ?? spec.id,
      experimentId: '0',
      status: 'FINISHED',
      startTime: spec.start ?? 1000,
      endTime: spec.end === undefined ? 2000 : spec.end,
      lifecycleStage: 'active',
      userId: 'alice',
      artifactUri: `tabflow://artifacts/${spec.id}`,
    },
    data: { params: spec.params ?? {}, tags: spec.tags ?? {}, metrics },
    inputs: { datasetInputs: [] },
  };
}

function order(runs: Run[], orderBy: string[] | undefined): string[] {
  return sortRuns(runs, orderBy).map((run) => run.info.runId);
}

function expectOrderByError(orderBy: string[], message: string, position: number): void {
  let caught: unknown;
  try {
    parseOrderBy(orderBy);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SearchFilterError);
  expect((caught as SearchFilterError).message).toBe(message);
  expect((caught as SearchFilterError).position).toBe(position);
}

describe('parseOrderBy', () => {
  it('returns no keys for a missing or empty list', () => {
    expect(parseOrderBy(undefined)).toEqual([]);
    expect(parseOrderBy([])).toEqual([]);
  });

  it('defaults to ascending and reads ASC / DESC in any case', () => {
    expect(parseOrderBy(['metrics.acc', 'params.lr ASC', 'tags.t desc', 'start_time Desc', 'run_name asc'])).toEqual([
      { kind: 'metric', key: 'acc', ascending: true },
      { kind: 'param', key: 'lr', ascending: true },
      { kind: 'tag', key: 't', ascending: false },
      { kind: 'attribute', key: 'start_time', ascending: false },
      { kind: 'attribute', key: 'run_name', ascending: true },
    ]);
  });

  it('reads quoted keys, prefixes and attribute aliases', () => {
    expect(
      parseOrderBy(['metrics.`val loss` DESC', 'params."my param"', 'attributes.created', 'attr.end_time', 'metric.a']),
    ).toEqual([
      { kind: 'metric', key: 'val loss', ascending: false },
      { kind: 'param', key: 'my param', ascending: true },
      { kind: 'attribute', key: 'start_time', ascending: true },
      { kind: 'attribute', key: 'end_time', ascending: true },
      { kind: 'metric', key: 'a', ascending: true },
    ]);
  });

  it.each([
    [
      ['metrics.a sideways'],
      'Invalid order_by[0] "metrics.a sideways": Expected ASC, DESC or end of order_by at character 10, found "sideways"',
      10,
    ],
    [
      ['metrics.a DESC extra'],
      'Invalid order_by[0] "metrics.a DESC extra": Expected end of order_by at character 15, found "extra"',
      15,
    ],
    [
      ['metrics.a, metrics.b'],
      'Invalid order_by[0] "metrics.a, metrics.b": Expected ASC, DESC or end of order_by at character 9, found ","',
      9,
    ],
    [
      ['metrics.a', 'foo DESC'],
      'Invalid order_by[1] "foo DESC": Unknown attribute "foo" at character 0; expected one of run_id, run_name, status, user_id, artifact_uri, start_time, end_time, created',
      0,
    ],
    [
      ['metricz.a'],
      'Invalid order_by[0] "metricz.a": Unknown entity type "metricz" at character 0; expected metrics., params., tags., attributes. or datasets.',
      0,
    ],
    [
      ['datasets.name'],
      'Invalid order_by[0] "datasets.name": Runs cannot be ordered by a dataset field (character 0)',
      0,
    ],
    [
      [''],
      'Invalid order_by[0] "": Expected an identifier (e.g. metrics.loss, params.lr, tags.team, run_name) at character 0, found end of input',
      0,
    ],
    [
      ['DESC'],
      'Invalid order_by[0] "DESC": Expected an identifier (e.g. metrics.loss, params.lr, tags.team, run_name) at character 0, found "DESC"',
      0,
    ],
    [
      ['metrics.`val loss DESC'],
      'Invalid order_by[0] "metrics.`val loss DESC": Unterminated back-quoted key starting at character 8',
      8,
    ],
  ])('rejects %j', (orderBy, message, position) => {
    expectOrderByError(orderBy, message, position);
  });

  it('rejects a malformed order_by from sortRuns too', () => {
    expect(() => sortRuns([makeRun({ id: 'a' })], ['metrics.a up'])).toThrow(SearchFilterError);
  });
});

describe('sortRuns', () => {
  const runs = [
    makeRun({ id: 'missing', start: 5 }),
    makeRun({ id: 'nan', start: 4, metrics: { acc: NaN } }),
    makeRun({ id: 'mid', start: 3, metrics: { acc: 0.5 } }),
    makeRun({ id: 'low', start: 2, metrics: { acc: -1 } }),
    makeRun({ id: 'high', start: 1, metrics: { acc: 2 } }),
  ];

  it('sorts metrics ascending with NaN, then missing values, last', () => {
    expect(order(runs, ['metrics.acc'])).toEqual(['low', 'mid', 'high', 'nan', 'missing']);
    expect(order(runs, ['metrics.acc ASC'])).toEqual(['low', 'mid', 'high', 'nan', 'missing']);
  });

  it('sorts metrics descending with NaN, then missing values, still last', () => {
    expect(order(runs, ['metrics.acc DESC'])).toEqual(['high', 'mid', 'low', 'nan', 'missing']);
  });

  it('uses the natural order, start_time DESC then run id ASC, without order_by', () => {
    const natural = [
      makeRun({ id: 'b', start: 10 }),
      makeRun({ id: 'c', start: 30 }),
      makeRun({ id: 'a', start: 10 }),
      makeRun({ id: 'd', start: 20 }),
    ];
    expect(order(natural, undefined)).toEqual(['c', 'd', 'a', 'b']);
    expect(order(natural, [])).toEqual(['c', 'd', 'a', 'b']);
  });

  it('breaks ties, missing values included, by the natural order in both directions', () => {
    const tied = [
      makeRun({ id: 'x2', start: 1, metrics: { acc: 1 } }),
      makeRun({ id: 'x1', start: 1, metrics: { acc: 1 } }),
      makeRun({ id: 'y', start: 9, metrics: { acc: 1 } }),
      makeRun({ id: 'm2', start: 1 }),
      makeRun({ id: 'm1', start: 7 }),
      makeRun({ id: 'z', start: 0, metrics: { acc: 0 } }),
    ];
    expect(order(tied, ['metrics.acc ASC'])).toEqual(['z', 'y', 'x1', 'x2', 'm1', 'm2']);
    expect(order(tied, ['metrics.acc DESC'])).toEqual(['y', 'x1', 'x2', 'z', 'm1', 'm2']);
  });

  it('applies several keys in turn', () => {
    const grid = [
      makeRun({ id: 'r1', params: { opt: 'sgd' }, metrics: { acc: 0.5 } }),
      makeRun({ id: 'r2', params: { opt: 'adam' }, metrics: { acc: 0.7 } }),
      makeRun({ id: 'r3', params: { opt: 'sgd' }, metrics: { acc: 0.9 } }),
      makeRun({ id: 'r4', params: { opt: 'adam' }, metrics: { acc: 0.6 } }),
      makeRun({ id: 'r5', metrics: { acc: 1 } }),
    ];
    expect(order(grid, ['params.opt', 'metrics.acc DESC'])).toEqual(['r2', 'r4', 'r3', 'r1', 'r5']);
    expect(order(grid, ['params.opt DESC', 'metrics.acc'])).toEqual(['r1', 'r3', 'r4', 'r2', 'r5']);
  });

  it('orders params and tags as strings, by code unit rather than locale', () => {
    const strings = [
      makeRun({ id: 'a', params: { n: '10' }, tags: { t: 'b' } }),
      makeRun({ id: 'b', params: { n: '9' }, tags: { t: 'B' } }),
      makeRun({ id: 'c', params: { n: '100' }, tags: { t: 'a' } }),
    ];
    expect(order(strings, ['params.n'])).toEqual(['a', 'c', 'b']);
    expect(order(strings, ['tags.t'])).toEqual(['b', 'c', 'a']);
  });

  it('orders by attributes, an unset end_time last', () => {
    const timed = [
      makeRun({ id: 'r1', start: 300, end: null, name: 'beta' }),
      makeRun({ id: 'r2', start: 100, end: 500, name: 'alpha' }),
      makeRun({ id: 'r3', start: 200, end: 400, name: 'gamma' }),
    ];
    expect(order(timed, ['start_time'])).toEqual(['r2', 'r3', 'r1']);
    expect(order(timed, ['attributes.created DESC'])).toEqual(['r1', 'r3', 'r2']);
    expect(order(timed, ['end_time'])).toEqual(['r3', 'r2', 'r1']);
    expect(order(timed, ['end_time DESC'])).toEqual(['r2', 'r3', 'r1']);
    expect(order(timed, ['run_name DESC'])).toEqual(['r3', 'r1', 'r2']);
    expect(order(timed, ['run_id DESC'])).toEqual(['r3', 'r2', 'r1']);
  });

  it('returns a new array and leaves the input alone', () => {
    const before = runs.slice();
    const sorted = sortRuns(runs, ['metrics.acc']);
    expect(sorted).not.toBe(runs);
    expect(runs).toEqual(before);
    expect(sortRuns([], ['metrics.acc'])).toEqual([]);
  });

  it('agrees with compareRuns', () => {
    const orderBy = ['metrics.acc DESC', 'params.p'];
    const mixed = [
      ...runs,
      makeRun({ id: 'p1', start: 7, params: { p: 'b' }, metrics: { acc: 0.5 } }),
      makeRun({ id: 'p2', start: 7, params: { p: 'a' }, metrics: { acc: 0.5 } }),
    ];
    const viaComparator = mixed.slice().sort(compareRuns(parseOrderBy(orderBy)));
    expect(viaComparator.map((run) => run.info.runId)).toEqual(order(mixed, orderBy));
    expect(order(mixed, orderBy)).toEqual(['high', 'p2', 'p1', 'mid', 'low', 'nan', 'missing']);
  });
});
