import { describe, expect, it } from 'vitest';
import { SearchFilterError, TrackingError } from '../../../../src/tracking/errors';
import { filterRuns, parseFilter, runMatches, type Clause } from '../../../../src/tracking/search';
import type { DatasetInput, Run, RunStatus } from '../../../../src/tracking/types';

interface RunSpec {
  id: string;
  name?: string;
  start?: number;
  end?: number | null;
  status?: RunStatus;
  user?: string;
  artifactUri?: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  datasets?: Partial<DatasetInput>[];
}

function makeRun(spec: RunSpec): Run {
  const metrics: Run['data']['metrics'] = {};
  for (const [key, value] of Object.entries(spec.metrics ?? {})) {
    // min/max/count deliberately differ from the latest value: filters must read `value`.
    metrics[key] = { value, step: 3, timestamp: 1000, min: -100, max: 100, count: 4 };
  }
  return {
    info: {
      runId: spec.id,
      runName: spec.name ?? `name-${spec.id}`,
      experimentId: '0',
      status: spec.status ?? 'FINISHED',
      startTime: spec.start ?? 1000,
      endTime: spec.end === undefined ? 2000 : spec.end,
      lifecycleStage: 'active',
      userId: spec.user ?? 'alice',
      artifactUri: spec.artifactUri ?? `tabflow://artifacts/${spec.id}`,
    },
    data: { params: spec.params ?? {}, tags: spec.tags ?? {}, metrics },
    inputs: {
      datasetInputs: (spec.datasets ?? []).map((d) => ({
        name: 'ds',
        digest: 'd0',
        sourceType: 'local',
        source: 'x',
        ...d,
      })),
    },
  };
}

/** The ids of the runs that match `filter`, in input order. */
function ids(runs: Run[], filter: string): string[] {
  return filterRuns(runs, filter).map((run) => run.info.runId);
}

function expectFilterError(filter: string, message: string, position: number): void {
  let caught: unknown;
  try {
    parseFilter(filter);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SearchFilterError);
  expect((caught as SearchFilterError).message).toBe(message);
  expect((caught as SearchFilterError).position).toBe(position);
}

describe('parseFilter', () => {
  it('returns no clauses for an empty, blank or missing filter', () => {
    expect(parseFilter(undefined)).toEqual([]);
    expect(parseFilter('')).toEqual([]);
    expect(parseFilter('  \t\n ')).toEqual([]);
  });

  it('parses one clause per kind', () => {
    expect(
      parseFilter("metrics.acc > 0.5 AND params.lr = '0.1' AND tags.team != 'ml' AND status = 'FINISHED'"),
    ).toEqual([
      { kind: 'metric', key: 'acc', comparator: '>', value: 0.5 },
      { kind: 'param', key: 'lr', comparator: '=', value: '0.1' },
      { kind: 'tag', key: 'team', comparator: '!=', value: 'ml' },
      { kind: 'attribute', key: 'status', comparator: '=', value: 'FINISHED' },
    ]);
  });

  it.each([
    ['metrics.a = 1', 'metric'],
    ['metric.a = 1', 'metric'],
    ["params.a = 'x'", 'param'],
    ["param.a = 'x'", 'param'],
    ["parameters.a = 'x'", 'param'],
    ["parameter.a = 'x'", 'param'],
    ["tags.a = 'x'", 'tag'],
    ["tag.a = 'x'", 'tag'],
    ["datasets.name = 'x'", 'dataset'],
    ["dataset.name = 'x'", 'dataset'],
  ])('accepts the prefix of %s', (filter, kind) => {
    expect(parseFilter(filter)[0].kind).toBe(kind);
  });

  it.each([
    'run_name',
    'attributes.run_name',
    'attribute.run_name',
    'attr.run_name',
    'run.run_name',
    '`Run name`',
    'attributes.`run name`',
    'attr."Run Name"',
  ])('resolves the attribute identifier %s to run_name', (identifier) => {
    expect(parseFilter(`${identifier} = 'x'`)).toEqual([
      { kind: 'attribute', key: 'run_name', comparator: '=', value: 'x' },
    ]);
  });

  it('resolves created / Created to start_time', () => {
    expect(parseFilter('created > 5')[0]).toEqual({ kind: 'attribute', key: 'start_time', comparator: '>', value: 5 });
    expect(parseFilter('attributes.Created > 5')[0].key).toBe('start_time');
  });

  it('reads back-quoted and double-quoted keys; a doubled quote does not close them', () => {
    expect(parseFilter('metrics.`val loss` < 0.5')[0].key).toBe('val loss');
    expect(parseFilter('params."my param" = \'x\'')[0].key).toBe('my param');
    // As MLflow (sqlparse + _strip_quotes): a doubled quote does not close the quotes and stays as written.
    expect(parseFilter("tags.`a``b` = 'x'")[0].key).toBe('a``b');
    expect(parseFilter('metrics.`a = 1 AND b` = 1')[0].key).toBe('a = 1 AND b');
  });

  it('keeps later dots in the key and accepts - and / in unquoted keys', () => {
    expect(parseFilter("tags.mlflow.user = 'bob'")[0].key).toBe('mlflow.user');
    expect(parseFilter('metrics.val-loss < 1')[0].key).toBe('val-loss');
    expect(parseFilter('metrics.train/acc >= 0.9')[0].key).toBe('train/acc');
  });

  it.each([
    ['1', 1],
    ['-1', -1],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['3.', 3],
    ['1e-3', 0.001],
    ['2E+2', 200],
    ['-1.5e3', -1500],
  ])('parses the number %s', (text, value) => {
    expect(parseFilter(`metrics.a > ${text}`)[0].value).toBe(value);
  });

  it('reads single- and double-quoted strings as MLflow does: only the outer quotes are removed', () => {
    expect(parseFilter("params.a = 'it''s'")[0].value).toBe("it''s");
    expect(parseFilter("params.a = 'it\\'s'")[0].value).toBe("it\\'s");
    expect(parseFilter('params.a = "it\'s"')[0].value).toBe("it's");
    expect(parseFilter('params.a = "say ""hi"""')[0].value).toBe('say ""hi""');
    expect(parseFilter('params.a = "it\'s"')[0].value).toBe("it's");
    expect(parseFilter("params.a = ''")[0].value).toBe('');
  });

  it('takes AND and keyword comparators in any case', () => {
    const clauses = parseFilter(
      "params.a like 'x%' and params.b ILike 'y' And run_id in ('r1') AND run_id not IN ('r2')",
    );
    expect(clauses.map((c) => c.comparator)).toEqual(['LIKE', 'ILIKE', 'IN', 'NOT IN']);
  });

  it('parses IN / NOT IN lists of single- or double-quoted strings', () => {
    expect(parseFilter("run_id IN ('a', \"b\",'c')")[0]).toEqual({
      kind: 'attribute',
      key: 'run_id',
      comparator: 'IN',
      value: ['a', 'b', 'c'],
    });
    expect(parseFilter("run_id NOT IN ('a')")[0].value).toEqual(['a']);
    expect(parseFilter("datasets.digest IN ('d1','d2')")[0].value).toEqual(['d1', 'd2']);
  });

  it('ignores whitespace around tokens and needs none around operators', () => {
    expect(parseFilter("metrics.a>=-1 AND params.b!='x'")).toEqual([
      { kind: 'metric', key: 'a', comparator: '>=', value: -1 },
      { kind: 'param', key: 'b', comparator: '!=', value: 'x' },
    ]);
  });
});

describe('parseFilter errors', () => {
  it('throws SearchFilterError, an INVALID_PARAMETER_VALUE TrackingError', () => {
    expect(() => parseFilter('metrics.a ~ 1')).toThrow(SearchFilterError);
    try {
      parseFilter('metrics.a ~ 1');
    } catch (error) {
      expect(error).toBeInstanceOf(TrackingError);
      expect((error as TrackingError).code).toBe('INVALID_PARAMETER_VALUE');
    }
  });

  it('reports a missing or unknown comparator', () => {
    expectFilterError(
      'metrics.accuracy foo 1',
      'Expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL, IS NOT NULL) at character 17, found "foo"',
      17,
    );
    expectFilterError(
      'metrics.a',
      'Expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL, IS NOT NULL) at character 9, found end of input',
      9,
    );
    expectFilterError("status NOT LIKE 'x'", 'Expected IN after NOT at character 11, found "LIKE"', 11);
  });

  it.each([
    [
      "params.x > '1'",
      'Comparator > is not supported for param "x" at character 9; expected one of =, !=, LIKE, ILIKE, IS NULL, IS NOT NULL',
      9,
    ],
    [
      "tags.x <= 'a'",
      'Comparator <= is not supported for tag "x" at character 7; expected one of =, !=, LIKE, ILIKE, IS NULL, IS NOT NULL',
      7,
    ],
    [
      "metrics.a LIKE '1'",
      'Comparator LIKE is not supported for metric "a" at character 10; expected one of =, !=, <, <=, >, >=',
      10,
    ],
    [
      "metrics.a IN ('1')",
      'Comparator IN is not supported for metric "a" at character 10; expected one of =, !=, <, <=, >, >=',
      10,
    ],
    [
      "start_time ILIKE '1'",
      'Comparator ILIKE is not supported for attribute "start_time" at character 11; expected one of =, !=, <, <=, >, >=',
      11,
    ],
    [
      "run_name < 'b'",
      'Comparator < is not supported for attribute "run_name" at character 9; expected one of =, !=, LIKE, ILIKE',
      9,
    ],
    [
      "run_name IN ('a')",
      'Comparator IN is not supported for attribute "run_name" at character 9; expected one of =, !=, LIKE, ILIKE',
      9,
    ],
    [
      "params.p NOT IN ('a')",
      'Comparator NOT IN is not supported for param "p" at character 9; expected one of =, !=, LIKE, ILIKE, IS NULL, IS NOT NULL',
      9,
    ],
    [
      "datasets.name > 'a'",
      'Comparator > is not supported for dataset field "name" at character 14; expected one of =, !=, LIKE, ILIKE, IN, NOT IN',
      14,
    ],
  ])('rejects the comparator in %s', (filter, message, position) => {
    expectFilterError(filter, message, position);
  });

  it.each([
    ["metrics.a = 'x'", 'Expected a number for metric "a" at character 12, found "\'x\'"', 12],
    ['metrics.a = abc', 'Expected a number for metric "a" at character 12, found "abc"', 12],
    ['metrics.a = 1-2', 'Expected a number for metric "a" at character 12, found "1-2"', 12],
    ['metrics.a == 1', 'Expected a number for metric "a" at character 11, found "="', 11],
    ["end_time > '5'", 'Expected a number for attribute "end_time" at character 11, found "\'5\'"', 11],
    ['params.p = 1', 'Expected a quoted string for param "p" at character 11, found "1"', 11],
    ['tags.t = abc', 'Expected a quoted string for tag "t" at character 9, found "abc"', 9],
    ['params.p = `x`', 'Expected a quoted string for param "p" at character 11, found "`x`"', 11],
    ["run_id = ('a')", 'Expected a quoted string for attribute "run_id" at character 9, found "("', 9],
    ['metrics.a >', 'Expected a number for metric "a" at character 11, found end of input', 11],
    ['params.p = ', 'Expected a quoted string for param "p" at character 11, found end of input', 11],
  ])('rejects the value in %s', (filter, message, position) => {
    expectFilterError(filter, message, position);
  });

  it.each([
    ["run_id IN 'a'", 'Expected a parenthesised list of quoted strings after IN at character 10, found "\'a\'"', 10],
    ['run_id IN ()', 'Expected a quoted string at character 11, found ")"', 11],
    ["run_id IN ('a',)", 'Expected a quoted string at character 15, found ")"', 15],
    ["run_id IN ('a' 'b')", 'Expected "," or ")" at character 15, found "\'b\'"', 15],
    ["run_id NOT IN ('a'", 'Expected "," or ")" at character 18, found end of input', 18],
    ['run_id IN (1)', 'Expected a quoted string at character 11, found "1"', 11],
  ])('rejects the list in %s', (filter, message, position) => {
    expectFilterError(filter, message, position);
  });

  it.each([
    [
      "foo = 'x'",
      'Unknown attribute "foo" at character 0; expected one of run_id, run_name, status, user_id, artifact_uri, start_time, end_time, created',
      0,
    ],
    [
      "attributes.lifecycle_stage = 'active'",
      'Unknown attribute "lifecycle_stage" at character 0; expected one of run_id, run_name, status, user_id, artifact_uri, start_time, end_time, created',
      0,
    ],
    [
      'metricz.a = 1',
      'Unknown entity type "metricz" at character 0; expected metrics., params., tags., attributes. or datasets.',
      0,
    ],
    [
      'Metrics.a = 1',
      'Unknown entity type "Metrics" at character 0; expected metrics., params., tags., attributes. or datasets.',
      0,
    ],
    ["datasets.foo = 'x'", 'Unknown dataset field "foo" at character 0; expected one of name, digest, context', 0],
    ['metrics. = 1', 'Expected a key after "metrics." at character 8, found "="', 8],
    ['metrics. `a` = 1', 'Expected a key after "metrics." at character 8, found "`a`"', 8],
    ['metrics.`` = 1', 'Empty key at character 8', 8],
    [
      '1 = 1',
      'Expected an identifier (e.g. metrics.loss, params.lr, tags.team, run_name) at character 0, found "1"',
      0,
    ],
    [
      "'run_id' = 'x'",
      'Expected an identifier (e.g. metrics.loss, params.lr, tags.team, run_name) at character 0, found "\'run_id\'"',
      0,
    ],
    ['(metrics.a > 1)', 'Parentheses are not supported at character 0', 0],
  ])('rejects the identifier in %s', (filter, message, position) => {
    expectFilterError(filter, message, position);
  });

  it('reports unterminated quotes where they open', () => {
    expectFilterError("params.p = 'abc", 'Unterminated single-quoted string starting at character 11', 11);
    expectFilterError('params.p = "abc', 'Unterminated double-quoted string starting at character 11', 11);
    expectFilterError("params.p = 'it''s", 'Unterminated single-quoted string starting at character 11', 11);
    expectFilterError('metrics.`val loss < 1', 'Unterminated back-quoted key starting at character 8', 8);
  });

  it('reports the leftmost error first', () => {
    expectFilterError(
      "metrics.a LIKE 1 AND params.p = 'open",
      'Comparator LIKE is not supported for metric "a" at character 10; expected one of =, !=, <, <=, >, >=',
      10,
    );
  });

  it('rejects OR, trailing garbage and dangling AND', () => {
    expectFilterError('metrics.a > 1 OR metrics.b < 2', 'OR is not supported, only AND, at character 14', 14);
    expectFilterError('metrics.a > 1 or metrics.b < 2', 'OR is not supported, only AND, at character 14', 14);
    expectFilterError('metrics.a > 1 foo', 'Expected AND or end of filter at character 14, found "foo"', 14);
    expectFilterError('metrics.a > 1; DROP TABLE runs', 'Expected AND or end of filter at character 13, found ";"', 13);
    expectFilterError('metrics.a > 1 2', 'Expected AND or end of filter at character 14, found "2"', 14);
    expectFilterError(
      'metrics.a > 1 AND',
      'Expected an identifier (e.g. metrics.loss, params.lr, tags.team, run_name) at character 17, found end of input',
      17,
    );
    expectFilterError(
      'metrics.a > 1 AND AND metrics.b > 1',
      'Expected an identifier (e.g. metrics.loss, params.lr, tags.team, run_name) at character 18, found "AND"',
      18,
    );
  });
});

describe('filterRuns: metrics', () => {
  const runs = [
    makeRun({ id: 'low', metrics: { acc: 0.1 } }),
    makeRun({ id: 'mid', metrics: { acc: 0.5 } }),
    makeRun({ id: 'high', metrics: { acc: 0.9 } }),
    makeRun({ id: 'none', metrics: { loss: 1 } }),
  ];

  it.each([
    ['=', ['mid']],
    ['!=', ['low', 'high']],
    ['<', ['low']],
    ['<=', ['low', 'mid']],
    ['>', ['high']],
    ['>=', ['mid', 'high']],
  ])('compares the latest value with %s, never matching a run without the metric', (comparator, expected) => {
    expect(ids(runs, `metrics.acc ${comparator} 0.5`)).toEqual(expected);
  });

  it('compares negative and exponent values numerically', () => {
    const signed = [makeRun({ id: 'neg', metrics: { d: -2e-3 } }), makeRun({ id: 'pos', metrics: { d: 3e2 } })];
    expect(ids(signed, 'metrics.d < -1e-3')).toEqual(['neg']);
    expect(ids(signed, 'metrics.d >= 3E+2')).toEqual(['pos']);
  });

  it('treats a NaN latest value as MLflow does: unequal to everything, never ordered', () => {
    const nan = [makeRun({ id: 'nan', metrics: { acc: NaN } })];
    expect(ids(nan, 'metrics.acc != 0.5')).toEqual(['nan']);
    expect(ids(nan, 'metrics.acc = 0.5')).toEqual([]);
    expect(ids(nan, 'metrics.acc < 1')).toEqual([]);
    expect(ids(nan, 'metrics.acc >= 0')).toEqual([]);
  });
});

describe('filterRuns: params and tags', () => {
  const runs = [
    makeRun({ id: 'r1', params: { opt: 'adam', lr: '0.1' }, tags: { team: 'Vision' } }),
    makeRun({ id: 'r2', params: { opt: 'AdamW', lr: '0.01' }, tags: { team: 'vision-2' } }),
    makeRun({ id: 'r3', params: { opt: 'sgd' }, tags: { team: 'nlp' } }),
    makeRun({ id: 'r4' }),
  ];

  it.each([
    ["params.opt = 'adam'", ['r1']],
    ["params.opt != 'adam'", ['r2', 'r3']],
    ["params.opt LIKE 'Adam%'", ['r2']],
    ["params.opt ILIKE 'adam%'", ['r1', 'r2']],
    ["params.lr = '0.1'", ['r1']],
    ["params.lr != '0.1'", ['r2']],
    ["tags.team = 'Vision'", ['r1']],
    ["tags.team != 'Vision'", ['r2', 'r3']],
    ["tags.team LIKE 'vision%'", ['r2']],
    ["tags.team ILIKE 'VISION%'", ['r1', 'r2']],
  ])('%s', (filter, expected) => {
    expect(ids(runs, filter)).toEqual(expected);
  });

  it('compares params as strings, never as numbers', () => {
    expect(ids(runs, "params.lr = '0.10'")).toEqual([]);
  });

  it('does not find Object.prototype members as params', () => {
    expect(ids(runs, "params.constructor != 'x'")).toEqual([]);
    expect(ids(runs, "tags.toString LIKE '%'")).toEqual([]);
    expect(ids([makeRun({ id: 'c', params: { constructor: 'x' } })], "params.constructor = 'x'")).toEqual(['c']);
  });
});

describe('filterRuns: LIKE and ILIKE patterns', () => {
  const matches = (value: string, comparator: 'LIKE' | 'ILIKE', pattern: string): boolean =>
    runMatches(makeRun({ id: 'r', params: { p: value } }), [{ kind: 'param', key: 'p', comparator, value: pattern }]);

  it('anchors the pattern at both ends', () => {
    expect(matches('abc', 'LIKE', 'b')).toBe(false);
    expect(matches('abc', 'LIKE', 'abc')).toBe(true);
    expect(matches('abc', 'LIKE', 'ab')).toBe(false);
  });

  it('reads % as any run of characters, the empty one and newlines included', () => {
    expect(matches('abc', 'LIKE', '%')).toBe(true);
    expect(matches('', 'LIKE', '%')).toBe(true);
    expect(matches('abc', 'LIKE', 'a%c')).toBe(true);
    expect(matches('ac', 'LIKE', 'a%c')).toBe(true);
    expect(matches('abc', 'LIKE', '%b%')).toBe(true);
    expect(matches('line1\nline2', 'LIKE', 'line1%2')).toBe(true);
  });

  it('reads _ as exactly one character', () => {
    expect(matches('abc', 'LIKE', 'a_c')).toBe(true);
    expect(matches('ac', 'LIKE', 'a_c')).toBe(false);
    expect(matches('abbc', 'LIKE', 'a_c')).toBe(false);
    expect(matches('a😀c', 'LIKE', 'a_c')).toBe(true);
  });

  it('takes regex metacharacters literally', () => {
    expect(matches('a.b', 'LIKE', 'a.b')).toBe(true);
    expect(matches('axb', 'LIKE', 'a.b')).toBe(false);
    const special = '(x)+[y]*?{1}|^$\\/-';
    expect(matches(special, 'LIKE', special)).toBe(true);
    expect(matches('xx)+[y]*?{1}|^$\\/-', 'LIKE', special)).toBe(false);
    expect(matches('v1.2 (beta)', 'LIKE', 'v_._ (%)')).toBe(true);
  });

  it('is case-sensitive for LIKE and case-insensitive for ILIKE', () => {
    expect(matches('Adam', 'LIKE', 'adam')).toBe(false);
    expect(matches('Adam', 'ILIKE', 'adam')).toBe(true);
    expect(matches('ÉCOLE', 'ILIKE', 'école%')).toBe(true);
    expect(matches('Adam', 'ILIKE', 'a_A%')).toBe(true);
  });
});

describe('filterRuns: attributes', () => {
  const runs = [
    makeRun({
      id: 'r1',
      name: 'baseline',
      status: 'FINISHED',
      user: 'alice',
      artifactUri: 'tabflow://a/r1',
      start: 100,
      end: 200,
    }),
    makeRun({
      id: 'r2',
      name: 'Big Model',
      status: 'RUNNING',
      user: 'bob',
      artifactUri: 'tabflow://b/r2',
      start: 300,
      end: null,
    }),
    makeRun({
      id: 'r3',
      name: 'big-model-2',
      status: 'FAILED',
      user: 'alice',
      artifactUri: 'tabflow://a/r3',
      start: 500,
      end: 900,
    }),
  ];

  it.each([
    ["run_id = 'r2'", ['r2']],
    ["run_id != 'r2'", ['r1', 'r3']],
    ["run_id LIKE 'r%'", ['r1', 'r2', 'r3']],
    ["run_id ILIKE 'R_'", ['r1', 'r2', 'r3']],
    ["run_name = 'baseline'", ['r1']],
    ["run_name != 'baseline'", ['r2', 'r3']],
    ["run_name LIKE 'big%'", ['r3']],
    ["run_name ILIKE 'big%'", ['r2', 'r3']],
    ["attributes.`Run Name` ILIKE '%model%'", ['r2', 'r3']],
    ["status = 'RUNNING'", ['r2']],
    ["attributes.status != 'RUNNING'", ['r1', 'r3']],
    ["run.status LIKE 'F%'", ['r1', 'r3']],
    ["attr.status ILIKE 'f%'", ['r1', 'r3']],
    ["user_id = 'alice'", ['r1', 'r3']],
    ["user_id != 'alice'", ['r2']],
    ["user_id LIKE 'b_b'", ['r2']],
    ["user_id ILIKE 'ALICE'", ['r1', 'r3']],
    ["artifact_uri = 'tabflow://a/r1'", ['r1']],
    ["artifact_uri != 'tabflow://a/r1'", ['r2', 'r3']],
    ["artifact_uri LIKE 'tabflow://a/%'", ['r1', 'r3']],
    ["artifact_uri ILIKE 'TABFLOW://B/%'", ['r2']],
  ])('string attribute: %s', (filter, expected) => {
    expect(ids(runs, filter)).toEqual(expected);
  });

  it.each([
    ['start_time = 300', ['r2']],
    ['start_time != 300', ['r1', 'r3']],
    ['start_time < 300', ['r1']],
    ['start_time <= 300', ['r1', 'r2']],
    ['attributes.start_time > 300', ['r3']],
    ['start_time >= 300', ['r2', 'r3']],
    ['created > 100', ['r2', 'r3']],
    ['end_time = 200', ['r1']],
    ['end_time != 200', ['r3']],
    ['end_time < 900', ['r1']],
    ['end_time <= 900', ['r1', 'r3']],
    ['end_time > 0', ['r1', 'r3']],
    ['end_time >= 900', ['r3']],
  ])('numeric attribute (a run without end_time never matches): %s', (filter, expected) => {
    expect(ids(runs, filter)).toEqual(expected);
  });

  it('selects run ids with IN and NOT IN', () => {
    expect(ids(runs, "run_id IN ('r1', 'r3', 'nope')")).toEqual(['r1', 'r3']);
    expect(ids(runs, "run_id IN ('r2')")).toEqual(['r2']);
    expect(ids(runs, "run_id NOT IN ('r1', 'r3')")).toEqual(['r2']);
    expect(ids(runs, "attributes.run_id not in ('x')")).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('filterRuns: datasets', () => {
  const runs = [
    makeRun({
      id: 'r1',
      datasets: [
        { name: 'mnist', digest: 'aa11', context: 'train' },
        { name: 'mnist-test', digest: 'bb22', context: 'eval' },
      ],
    }),
    makeRun({ id: 'r2', datasets: [{ name: 'cifar', digest: 'cc33' }] }),
    makeRun({ id: 'r3' }),
  ];

  it.each([
    ["datasets.name = 'mnist'", ['r1']],
    ["datasets.name != 'mnist'", ['r1', 'r2']],
    ["dataset.name LIKE 'mnist%'", ['r1']],
    ["datasets.name ILIKE 'CIFAR'", ['r2']],
    ["datasets.digest IN ('cc33', 'zz')", ['r2']],
    ["datasets.digest NOT IN ('aa11')", ['r1', 'r2']],
    ["datasets.context = 'eval'", ['r1']],
    ["datasets.context != 'eval'", ['r1']],
  ])('matches when any dataset input matches: %s', (filter, expected) => {
    expect(ids(runs, filter)).toEqual(expected);
  });
});

describe('filterRuns and runMatches', () => {
  const runs = [
    makeRun({ id: 'a', metrics: { acc: 0.9 }, params: { opt: 'adam' } }),
    makeRun({ id: 'b', metrics: { acc: 0.95 }, params: { opt: 'sgd' } }),
    makeRun({ id: 'c', metrics: { acc: 0.7 }, params: { opt: 'adam' } }),
  ];

  it('requires every AND-ed clause', () => {
    expect(ids(runs, "metrics.acc > 0.8 AND params.opt = 'adam'")).toEqual(['a']);
    expect(ids(runs, "metrics.acc > 0.8 and params.opt = 'adam' AND run_id != 'a'")).toEqual([]);
  });

  it('returns a new array in input order, all runs for an empty filter', () => {
    const all = filterRuns(runs, '  ');
    expect(all).toEqual(runs);
    expect(all).not.toBe(runs);
    expect(filterRuns(runs, undefined)).toEqual(runs);
  });

  it('evaluates parsed clauses, reusing them across runs', () => {
    const clauses = parseFilter("metrics.acc >= 0.9 AND params.opt LIKE 's%'");
    expect(runs.map((run) => runMatches(run, clauses))).toEqual([false, true, false]);
    expect(runs.map((run) => runMatches(run, clauses))).toEqual([false, true, false]);
    expect(runMatches(runs[0], [])).toBe(true);
  });

  it('rejects a hand-built clause whose value does not fit its comparator', () => {
    const bad: Clause = { kind: 'metric', key: 'acc', comparator: '>', value: '0.5' };
    expect(() => runMatches(runs[0], [bad])).toThrow(TypeError);
  });
});
