import { describe, expect, it } from 'vitest';
import type { Run, RunStatus } from '../../../../src/tracking';
import {
  ATTRIBUTE_COLUMNS,
  NAME_COLUMN,
  cellValue,
  discoverColumns,
  identicalColumnIds,
  runDuration,
} from '../../../../src/ui/runs-table/columns';
import { runsToCsv } from '../../../../src/ui/runs-table/csv';
import { csvField } from '../../../../src/shared/csv-field';
import { nestRuns } from '../../../../src/ui/runs-table/nest-runs';
import { sortByColumn } from '../../../../src/ui/runs-table/sort-rows';

let nextStart = 1_000;
function run(
  id: string,
  options: {
    params?: Record<string, string>;
    metrics?: Record<string, number>;
    parent?: string;
    status?: RunStatus;
    start?: number;
    end?: number | null;
    name?: string;
  } = {},
): Run {
  const metrics = Object.fromEntries(
    Object.entries(options.metrics ?? {}).map(([k, value]) => [
      k,
      { value, step: 0, timestamp: 0, min: value, max: value, count: 1 },
    ]),
  );
  const startTime = options.start ?? nextStart++;
  return {
    info: {
      runId: id,
      runName: options.name ?? `run-${id}`,
      experimentId: '0',
      status: options.status ?? 'FINISHED',
      startTime,
      endTime: options.end === undefined ? startTime + 500 : options.end,
      lifecycleStage: 'active',
      parentRunId: options.parent,
      userId: 'u',
      artifactUri: '',
    },
    data: { params: options.params ?? {}, tags: {}, metrics },
    inputs: { datasetInputs: [] },
  };
}
const column = (id: string) => discoverColumns(runs).find((c) => c.id === id)!;
const ids = (list: Run[]) => list.map((r) => r.info.runId);

const runs = [
  run('a', { params: { lr: '0.01', optimizer: 'adam', seed: '1' }, metrics: { loss: 0.5, acc: 0.9 } }),
  run('b', { params: { lr: '0.1', optimizer: 'sgd', seed: '1' }, metrics: { loss: 0.2 } }),
  run('c', {
    params: { lr: '0.001', optimizer: 'adam', seed: '1', note: 'x' },
    metrics: { loss: Number.NaN, acc: 0.7 },
  }),
  run('d', { params: { seed: '1' }, metrics: { acc: 0.8 } }),
];

describe('column discovery', () => {
  it('lists every metric then every param key across runs, sorted, with numeric params detected', () => {
    const columns = discoverColumns(runs);
    expect(columns.map((c) => c.id)).toEqual([
      'metrics.acc',
      'metrics.loss',
      'params.lr',
      'params.note',
      'params.optimizer',
      'params.seed',
    ]);
    expect(columns.map((c) => c.numeric)).toEqual([true, true, true, false, false, true]);
  });

  it('reads cell values as numbers for numeric columns and undefined when missing', () => {
    expect(cellValue(runs[0], column('params.lr'))).toBe(0.01);
    expect(cellValue(runs[0], column('params.optimizer'))).toBe('adam');
    expect(cellValue(runs[3], column('params.lr'))).toBeUndefined();
    expect(cellValue(runs[1], column('metrics.acc'))).toBeUndefined();
    expect(cellValue(runs[0], NAME_COLUMN)).toBe('run-a');
  });

  it('measures a running run up to now and a finished one up to its end', () => {
    expect(runDuration(run('r', { start: 100, end: null, status: 'RUNNING' }), 1_100)).toBe(1_000);
    expect(runDuration(run('f', { start: 100, end: 350 }))).toBe(250);
    expect(runDuration(run('k', { start: 100, end: null, status: 'KILLED' }))).toBeUndefined();
  });
});

describe('sorting', () => {
  it('sorts metrics numerically, missing values last in both directions and NaN just before them', () => {
    expect(ids(sortByColumn(runs, column('metrics.loss'), true))).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(sortByColumn(runs, column('metrics.loss'), false))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(sortByColumn(runs, column('metrics.acc'), false))).toEqual(['a', 'd', 'c', 'b']);
  });

  it('sorts numeric params as numbers (0.001 < 0.01 < 0.1), not as text', () => {
    expect(ids(sortByColumn(runs, column('params.lr'), true))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('sorts text params by code unit and breaks ties by newest start', () => {
    expect(ids(sortByColumn(runs, column('params.optimizer'), true))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('sorts by duration and start time attributes', () => {
    const timed = [
      run('x', { start: 10, end: 40 }),
      run('y', { start: 20, end: 25 }),
      run('z', { start: 30, end: null, status: 'FAILED' }),
    ];
    const duration = ATTRIBUTE_COLUMNS.find((c) => c.key === 'duration')!;
    const start = ATTRIBUTE_COLUMNS.find((c) => c.key === 'start_time')!;
    expect(ids(sortByColumn(timed, duration, true))).toEqual(['y', 'x', 'z']);
    expect(ids(sortByColumn(timed, start, false))).toEqual(['z', 'y', 'x']);
  });

  it('does not change the input array', () => {
    const copy = runs.slice();
    sortByColumn(runs, column('metrics.loss'), true);
    expect(runs).toEqual(copy);
  });
});

describe('identical columns', () => {
  it('finds params and metrics with one value in every run, ignoring attributes', () => {
    const columns = [...ATTRIBUTE_COLUMNS, ...discoverColumns(runs)];
    expect([...identicalColumnIds(runs, columns)]).toEqual(['params.seed']);
  });

  it('counts a missing value as different, NaN as equal to NaN, and needs two runs', () => {
    const nan = [run('p', { metrics: { m: Number.NaN, k: 1 } }), run('q', { metrics: { m: Number.NaN } })];
    expect([...identicalColumnIds(nan, discoverColumns(nan))]).toEqual(['metrics.m']);
    expect(identicalColumnIds([runs[0]], discoverColumns(runs)).size).toBe(0);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(Number.NaN)).toBe('NaN');
  });

  it('defuses text a spreadsheet would run as a formula but keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('writes a header and one line per run with the run id first', () => {
    const columns = [NAME_COLUMN, column('params.optimizer'), column('metrics.loss')];
    const csv = runsToCsv([runs[0], runs[3]], columns);
    expect(csv).toBe('Run ID,Run name,params.optimizer,metrics.loss\r\na,run-a,adam,0.5\r\nd,run-d,,\r\n');
  });

  it('writes start time as ISO text and duration in seconds', () => {
    const csv = runsToCsv([run('t', { start: 0, end: 1_500 })], ATTRIBUTE_COLUMNS);
    expect(csv.split('\r\n')[0]).toBe('Run ID,Status,Started,Duration (s)');
    expect(csv.split('\r\n')[1]).toBe('t,FINISHED,1970-01-01T00:00:00.000Z,1.5');
  });
});

describe('nested runs', () => {
  const family = [
    run('p1'),
    run('c1', { parent: 'p1' }),
    run('p2'),
    run('c2', { parent: 'p1' }),
    run('g1', { parent: 'c1' }),
    run('orphan', { parent: 'gone' }),
  ];

  it('collapses children under their parent with a count', () => {
    const rows = nestRuns(family, new Set());
    expect(rows.map((r) => [r.run.info.runId, r.depth, r.childCount])).toEqual([
      ['p1', 0, 2],
      ['p2', 0, 0],
      ['orphan', 0, 0],
    ]);
  });

  it('shows children after an expanded parent, in the given order, one level deeper', () => {
    const rows = nestRuns(family, new Set(['p1', 'c1']));
    expect(rows.map((r) => [r.run.info.runId, r.depth])).toEqual([
      ['p1', 0],
      ['c1', 1],
      ['g1', 2],
      ['c2', 1],
      ['p2', 0],
      ['orphan', 0],
    ]);
    expect(rows[0].expanded).toBe(true);
  });

  it('shows a child at the top level when its parent is not in the list', () => {
    const rows = nestRuns([family[1], family[4]], new Set());
    expect(rows.map((r) => r.run.info.runId)).toEqual(['c1']);
    expect(rows[0].childCount).toBe(1);
    expect(nestRuns([family[4]], new Set()).map((r) => r.run.info.runId)).toEqual(['g1']);
  });

  it('survives a parent cycle without looping', () => {
    const cycle = [run('x', { parent: 'y' }), run('y', { parent: 'x' })];
    expect(nestRuns(cycle, new Set(['x', 'y']))).toEqual([]);
  });
});

describe('quick search', () => {
  it('turns plain words into a run-name search and leaves filters as typed', async () => {
    const { toFilter } = await import('../../../../src/ui/runs-table/quick-search');
    expect(toFilter('adam')).toBe("attributes.run_name ILIKE '%adam%'");
    expect(toFilter('  big run ')).toBe("attributes.run_name ILIKE '%big run%'");
    expect(toFilter('')).toBe('');
    expect(toFilter('metrics.loss < 1')).toBe('metrics.loss < 1');
    expect(toFilter("params.opt = 'adam'")).toBe("params.opt = 'adam'");
    expect(toFilter('metrics.loss')).toBe("attributes.run_name ILIKE '%metrics.loss%'");
    expect(toFilter("it's")).toBe("it's");
  });
});
