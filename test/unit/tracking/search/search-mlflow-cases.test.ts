/**
 * MLflow's own run-search cases, as a table: the filters and order_by lists of MLflow's tests
 * (tests/utils/test_search_utils.py, and the stores' search tests in tests/store/tracking/) restated on runs of
 * our own, with what MLflow answers for each. Every expectation below was produced by running the case through
 * MLflow 3.17.2's SearchUtils.filter and SearchUtils.sort (mlflow/utils/search_utils.py) on the same runs; an
 * `error` is the start of MLflow's message. tabflow must return the same run ids in the same order, or refuse the
 * same cases (its messages are its own: they say where and what to change).
 *
 * To check the table against another MLflow: `python scripts/mlflow-search-cases/spec.py spec.json`, then
 * `<venv with mlflow>/bin/python scripts/mlflow-search-cases/mlflow_answers.py spec.json` prints MLflow's answers.
 */
import { describe, expect, it } from 'vitest';
import { filterRuns, sortRuns, SearchFilterError } from '../../../../src/tracking';
import type { Run, RunStatus } from '../../../../src/tracking';

interface RunSpec {
  id: string;
  start: number;
  end?: number;
  status?: RunStatus;
  user?: string;
  name?: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  datasets?: { name: string; digest: string; context?: string }[];
}

interface Case {
  filter?: string;
  orderBy?: string[];
  /** Run ids in MLflow's order; absent when MLflow refuses the case. */
  expect?: string[];
  /** The start of MLflow's error message. */
  error?: string;
}

interface Group {
  name: string;
  runs: RunSpec[];
  cases: Case[];
}

function toRun(spec: RunSpec): Run {
  const metrics: Run['data']['metrics'] = {};
  for (const [key, value] of Object.entries(spec.metrics ?? {})) {
    Object.defineProperty(metrics, key, {
      value: { value, step: 1, timestamp: 0, min: value, max: value, count: 1 },
      enumerable: true,
    });
  }
  return {
    info: {
      runId: spec.id,
      runName: spec.name ?? spec.id,
      experimentId: '0',
      status: spec.status ?? 'FINISHED',
      startTime: spec.start,
      endTime: spec.end ?? null,
      lifecycleStage: 'active',
      userId: spec.user ?? 'user',
      artifactUri: `file:///a/${spec.id}`,
    },
    data: { metrics, params: { ...spec.params }, tags: { ...spec.tags } },
    inputs: {
      datasetInputs: (spec.datasets ?? []).map((d) => ({
        name: d.name,
        digest: d.digest,
        sourceType: 'local',
        source: 's',
        context: d.context,
      })),
    },
  } as Run;
}

const GROUPS: Group[] = [
  {
    name: 'three runs with datasets',
    runs: [
      {
        id: 'hi',
        start: 0,
        end: 1,
        status: 'FAILED',
        metrics: { key1: 121 },
        params: { my_param: 'A' },
        datasets: [{ name: 'name1', digest: 'digest1', context: 'train' }],
      },
      {
        id: 'hi2',
        start: 0,
        end: 1,
        status: 'FINISHED',
        metrics: { key1: 123 },
        params: { my_param: 'A' },
        tags: { tag1: 'C' },
        datasets: [{ name: 'name1', digest: 'digest1' }],
      },
      {
        id: 'hi3',
        start: 0,
        end: 1,
        status: 'FAILED',
        metrics: { key1: 125 },
        params: { my_param: 'B' },
        tags: { tag1: 'D' },
        datasets: [{ name: 'name2', digest: 'digest2' }],
      },
    ],
    cases: [
      { filter: '', expect: ['hi', 'hi2', 'hi3'] },
      { filter: "attributes.status = 'FAILED'", expect: ['hi', 'hi3'] },
      { filter: 'metrics.key1 = 123', expect: ['hi2'] },
      { filter: 'metrics.key1 != 123', expect: ['hi', 'hi3'] },
      { filter: 'metrics.key1 >= 123', expect: ['hi2', 'hi3'] },
      { filter: "params.my_param = 'A'", expect: ['hi', 'hi2'] },
      { filter: "tags.tag1 = 'D'", expect: ['hi3'] },
      { filter: "tags.tag1 != 'D'", expect: ['hi2'] },
      { filter: "params.my_param = 'A' AND attributes.status = 'FAILED'", expect: ['hi'] },
      { filter: "datasets.name = 'name1'", expect: ['hi', 'hi2'] },
      { filter: "datasets.name IN ('name1', 'name2')", expect: ['hi', 'hi2', 'hi3'] },
      { filter: "datasets.digest IN ('digest1', 'digest2')", expect: ['hi', 'hi2', 'hi3'] },
      { filter: "datasets.name = 'name1' AND datasets.digest = 'digest2'", expect: [] },
      { filter: "datasets.context = 'train'", expect: ['hi'] },
      { filter: "datasets.name = 'name1' AND datasets.context = 'train'", expect: ['hi'] },
      { filter: 'metric.key1 >= 0.94', expect: ['hi', 'hi2', 'hi3'] },
      { filter: 'metric.key1>=122', expect: ['hi2', 'hi3'] },
      { filter: "params.my_param!='A'", expect: ['hi3'] },
      { filter: 'params."my_param"!="A"', expect: ['hi3'] },
      { filter: 'metrics.key1 = 3', expect: [] },
      { filter: "metrics.key1 < 124 and params.my_param = 'A'", expect: ['hi', 'hi2'] },
      { filter: '`metric`.key1 >= 122', expect: ['hi2', 'hi3'] },
      { filter: "`params`.my_param = 'B'", expect: ['hi3'] },
      { filter: "`tags`.tag1 = 'C'", expect: ['hi2'] },
      { filter: 'metrics.`key1` > 122', expect: ['hi2', 'hi3'] },
      { filter: 'tags."tag1" = "C"', expect: ['hi2'] },
      { filter: "attribute.artifact_uri = 'file:///a/hi'", expect: ['hi'] },
      { filter: 'attribute.start_time >= 0', expect: ['hi', 'hi2', 'hi3'] },
      { filter: "run.status = 'FAILED'", expect: ['hi', 'hi3'] },
      { filter: "dataset.name = 'name2'", expect: ['hi3'] },
      { filter: 'tags.tag1 IS NULL', expect: ['hi'] },
      { filter: 'tags.tag1 IS NOT NULL', expect: ['hi2', 'hi3'] },
      { filter: 'params.my_param IS NULL', expect: [] },
      { filter: 'params.my_param IS NOT NULL', expect: ['hi', 'hi2', 'hi3'] },
      { filter: "tags.tag1 IS NULL AND params.my_param = 'A'", expect: ['hi'] },
      { filter: 'tags.tag1 is not null and metrics.key1 > 124', expect: ['hi3'] },
      { filter: "params.my_param = 'A'", expect: ['hi', 'hi2'] },
      { filter: 'params.my_param = "A"', expect: ['hi', 'hi2'] },
      { filter: 'params.my_param = "L\'Hosp"', expect: [] },
      { filter: 'metric.acc >= 0.94; metrics.rmse < 1', error: "Search filter contained multiple expression 'metric" },
      { filter: 'm.acc >= 0.94', error: "Invalid entity type 'm'" },
      { filter: 'acc >= 0.94', error: "Invalid attribute key 'acc' specified" },
      { filter: "p.model >= 'LR'", error: "Invalid entity type 'p'" },
      { filter: 'attri.x != 1', error: "Invalid entity type 'attri'" },
      { filter: 'a.x != 1', error: "Invalid entity type 'a'" },
      { filter: "model >= 'LR'", error: "Invalid attribute key 'model' specified" },
      { filter: "metrics.A > 0.1 OR params.B = 'LR'", error: "Invalid clause(s) in filter string: 'OR'" },
      { filter: "metrics.A > 0.1 NAND params.B = 'LR'", error: "Invalid clause(s) in filter string: 'metrics" },
      { filter: "metrics.A > 0.1 AND (params.B = 'LR')", error: "Invalid clause(s) in filter string: '(params" },
      { filter: '`metrics.A > 0.1', error: "Invalid clause(s) in filter string: '`'" },
      { filter: 'param`.A > 0.1', error: "Invalid clause(s) in filter string: 'param', '`', '" },
      { filter: '`dummy.A > 0.1', error: "Invalid clause(s) in filter string: '`'" },
      { filter: 'dummy`.A > 0.1', error: "Invalid clause(s) in filter string: 'dummy', '`', '" },
      { filter: 'attribute.start != 1', error: "Invalid attribute key 'start' specified" },
      { filter: 'attribute.experiment_id != 1', error: "Invalid attribute key 'experiment_id' specified" },
      { filter: "attribute.lifecycle_stage = 'ACTIVE'", error: "Invalid attribute key 'lifecycle_stage' specified" },
      { filter: 'attribute.name != 1', error: "Invalid attribute key 'name' specified" },
      { filter: 'attribute.time != 1', error: "Invalid attribute key 'time' specified" },
      { filter: "attribute._status != 'RUNNING'", error: "Invalid attribute key '_status' specified" },
      { filter: 'attribute.status = true', error: "Invalid clause(s) in filter string: 'attribute" },
      { filter: "dataset.status = 'true'", error: "Invalid dataset key 'status' specified" },
      { filter: "dataset.profile = 'num_rows: 10'", error: "Invalid dataset key 'profile' specified" },
      {
        filter: 'metrics.acc IS NULL',
        error: "IS NULL / IS NOT NULL is only supported for tags and params, not for '",
      },
      {
        filter: 'attribute.status IS NULL',
        error: "IS NULL / IS NOT NULL is only supported for tags and params, not for '",
      },
      { filter: "metric.model = 'LR'", error: 'Expected numeric value type for metric' },
      { filter: "metric.model = '5'", error: 'Expected numeric value type for metric' },
      { filter: 'params.acc = 5', error: 'Expected a quoted string value for parameter (e' },
      { filter: 'tags.acc = 5', error: 'Expected a quoted string value for tag (e' },
      { filter: 'metrics.acc != metrics.acc', error: 'Expected numeric value type for metric' },
      { filter: '1.0 > metrics.acc', error: 'Invalid comparison clause' },
      { filter: 'attribute.status = 1', error: 'Expected a quoted string value for attributes' },
      { filter: 'params.acc = LR', error: 'Parameter value is either not quoted or unidentified quote types used ' },
      { filter: 'tags.acc = LR', error: 'Parameter value is either not quoted or unidentified quote types used ' },
      { filter: 'params.acc = `LR`', error: 'Parameter value is either not quoted or unidentified quote types used ' },
      { filter: "params.'acc = LR", error: "Invalid clause(s) in filter string: 'params" },
      { filter: "params.acc = 'LR", error: "Invalid clause(s) in filter string: 'params" },
      { filter: "params.acc = LR'", error: "Invalid clause(s) in filter string: '''" },
      { filter: 'params.acc = "LR\'', error: "Invalid clause(s) in filter string: 'params" },
      { filter: 'tags.acc = "LR\'', error: "Invalid clause(s) in filter string: 'tags" },
      { filter: "tags.acc = = 'LR'", error: "Invalid clause(s) in filter string: 'tags" },
      { filter: "attribute.status IS 'RUNNING'", error: "Invalid clause(s) in filter string: 'attribute" },
      { filter: 'params.acc LR !=', error: "Invalid clause(s) in filter string: 'params" },
      { filter: 'params.acc LR', error: "Invalid clause(s) in filter string: 'params" },
      { filter: 'metric.acc !=', error: "Invalid clause(s) in filter string: 'metric" },
      { filter: 'acc != 1.0', error: "Invalid attribute key 'acc' specified" },
      { filter: 'foo is null', error: "Invalid attribute key 'foo' specified" },
      { filter: '1=1', error: 'Invalid comparison clause' },
      { filter: '1==2', error: 'Invalid comparison clause' },
      { filter: 'metrics.abc ~ 1.0', error: "Invalid comparator '~' not one of '{'=', '<', '<=', '>=', '!=', '>'}" },
      { filter: 'metrics.abc ~= 1.0', error: "Invalid comparator '~=' not one of '{'=', '<', '<=', '>=', '!=', '>'}" },
      {
        filter: "params.abc > 'my-param-value'",
        error: "Invalid comparator '>' not one of '{'ILIKE', 'LIKE', '=', 'IS NULL', '",
      },
      {
        filter: "params.abc < 'my-param-value'",
        error: "Invalid comparator '<' not one of '{'ILIKE', 'LIKE', '=', 'IS NULL', '",
      },
      {
        filter: "params.abc >= 'my-param-value'",
        error: "Invalid comparator '>=' not one of '{'ILIKE', 'LIKE', '=', 'IS NULL', ",
      },
      {
        filter: "params.abc <= 'my-param-value'",
        error: "Invalid comparator '<=' not one of '{'ILIKE', 'LIKE', '=', 'IS NULL', ",
      },
      {
        filter: "tags.abc > 'my-tag-value'",
        error: "Invalid comparator '>' not one of '{'ILIKE', 'LIKE', '=', 'IS NULL', '",
      },
      {
        filter: "tags.abc <= 'my-tag-value'",
        error: "Invalid comparator '<=' not one of '{'ILIKE', 'LIKE', '=', 'IS NULL', ",
      },
      {
        filter: "attributes.status > 'my-tag-value'",
        error: "Invalid comparator '>' not one of '{'ILIKE', 'LIKE', 'NOT IN', '=', '!",
      },
      {
        filter: "attributes.status <= 'my-tag-value'",
        error: "Invalid comparator '<=' not one of '{'ILIKE', 'LIKE', 'NOT IN', '=', '",
      },
      {
        filter: 'attributes.start_time LIKE 1234',
        error: "Invalid comparator 'LIKE' not one of '{'ILIKE', 'LIKE', 'NOT IN', '=',",
      },
      {
        filter: 'attributes.start_time ILIKE 1234',
        error: "Invalid comparator 'ILIKE' not one of '{'ILIKE', 'LIKE', 'NOT IN', '='",
      },
      {
        filter: "datasets.name > 'my-dataset-name'",
        error: "Invalid comparator '>' not one of '{'ILIKE', 'LIKE', 'NOT IN', '=', '!",
      },
      {
        filter: "datasets.name <= 'my-dataset-name'",
        error: "Invalid comparator '<=' not one of '{'ILIKE', 'LIKE', 'NOT IN', '=', '",
      },
      {
        filter: "`params`.model >= 'LR'",
        error: "Invalid comparator '>=' not one of '{'ILIKE', 'LIKE', '=', 'IS NULL', ",
      },
    ],
  },
  {
    name: 'three runs to sort',
    runs: [
      { id: '9', start: 0, end: 1, status: 'FAILED', metrics: { key1: 121 }, params: { my_param: 'A' } },
      {
        id: '8',
        start: 1,
        end: 1,
        status: 'FINISHED',
        metrics: { key1: 123 },
        params: { my_param: 'A' },
        tags: { tag1: 'C' },
      },
      {
        id: '7',
        start: 1,
        end: 1,
        status: 'FAILED',
        metrics: { key1: 125 },
        params: { my_param: 'B' },
        tags: { tag1: 'D' },
      },
    ],
    cases: [
      { orderBy: [], expect: ['7', '8', '9'] },
      { orderBy: ['tags.noSuchTag'], expect: ['7', '8', '9'] },
      { orderBy: ['attributes.status'], expect: ['7', '9', '8'] },
      { orderBy: ['attributes.start_time'], expect: ['9', '7', '8'] },
      { orderBy: ['metrics.key1 asc'], expect: ['9', '8', '7'] },
      { orderBy: ['metrics."key1"  desc'], expect: ['7', '8', '9'] },
      { orderBy: ['params.my_param'], expect: ['8', '9', '7'] },
      { orderBy: ['params.my_param aSc', 'attributes.status  ASC'], expect: ['9', '8', '7'] },
      { orderBy: ['params.my_param', 'attributes.status DESC'], expect: ['8', '9', '7'] },
      { orderBy: ['params.my_param DESC', 'attributes.status   DESC'], expect: ['7', '8', '9'] },
      { orderBy: ['params.`my_param` DESC', 'attributes.status DESC'], expect: ['7', '8', '9'] },
      { orderBy: ['tags.tag1'], expect: ['8', '7', '9'] },
      { orderBy: ['tags.tag1    DESC'], expect: ['7', '8', '9'] },
      { orderBy: ['m.acc'], error: "Invalid entity type 'm'" },
      { orderBy: ['acc'], error: "Invalid attribute key 'acc' specified" },
      { orderBy: ['attri.x'], error: "Invalid entity type 'attri'" },
      { orderBy: ['`metrics.A'], error: "Invalid order_by clause '`metrics" },
      { orderBy: ['`metrics.A`'], error: "Invalid entity type '`metrics'" },
      { orderBy: ['attribute.start'], error: "Invalid attribute key 'start' specified" },
      { orderBy: ['attribute.experiment_id'], error: "Invalid attribute key 'experiment_id' specified" },
      { orderBy: ['metrics.A != 1'], error: "Invalid order_by clause 'metrics" },
      { orderBy: ['params.my_param '], error: "Invalid order_by clause 'params" },
      { orderBy: ['attribute.run_id ACS'], error: "Invalid ordering key in order_by clause 'attribute" },
      { orderBy: ['attribute.run_id decs'], error: "Invalid ordering key in order_by clause 'attribute" },
      { orderBy: ['metrics.`Mean Square Error`'], expect: ['7', '8', '9'] },
      { orderBy: ['metrics.`Mean Square Error` ASC'], expect: ['7', '8', '9'] },
      { orderBy: ['metrics.`Mean Square Error` DESC'], expect: ['7', '8', '9'] },
      { orderBy: ['attributes.created DESC'], expect: ['7', '8', '9'] },
      { orderBy: ['attribute.run_name'], expect: ['7', '8', '9'] },
      { orderBy: ['run_id DESC'], expect: ['9', '8', '7'] },
      { orderBy: ['end_time'], expect: ['7', '8', '9'] },
    ],
  },
  {
    name: 'nan, inf and missing',
    runs: [
      { id: 'nan', start: 0, metrics: { x: NaN } },
      { id: 'inf', start: 0, metrics: { x: Infinity } },
      { id: '-inf', start: 0, metrics: { x: -Infinity } },
      { id: '-1000', start: 0, metrics: { x: -1000.0 } },
      { id: '0', start: 0, metrics: { x: 0.0 } },
      { id: '1000', start: 0, metrics: { x: 1000.0 } },
      { id: 'None', start: 0 },
    ],
    cases: [
      { orderBy: ['metrics.x asc'], expect: ['-inf', '-1000', '0', '1000', 'inf', 'nan', 'None'] },
      { orderBy: ['metrics.x desc'], expect: ['inf', '1000', '0', '-1000', '-inf', 'nan', 'None'] },
      { orderBy: ['metrics.x'], expect: ['-inf', '-1000', '0', '1000', 'inf', 'nan', 'None'] },
      { filter: 'metrics.x > 0', expect: ['1000', 'inf'] },
      { filter: 'metrics.x != 0', expect: ['-1000', '-inf', '1000', 'inf', 'nan'] },
      { filter: 'metrics.x <= 0', expect: ['-1000', '-inf', '0'] },
    ],
  },
  {
    name: 'store-style runs',
    runs: [
      {
        id: 'r1',
        start: 1000,
        end: 2000,
        status: 'FINISHED',
        user: 'ann',
        name: 'alpha',
        metrics: { common: 1.0, measure_a: 1.0, 'm.dot': 5.0 },
        params: { generic_param: 'p_val', common: 'common', p_a: 'abc', 'dotted.key': 'x.y' },
        tags: { generic_tag: 'p_val', common: 'common', 't a': 'ABC', 'mlflow.source.name': 'notebook' },
      },
      {
        id: 'r2',
        start: 2000,
        end: 3000,
        status: 'FAILED',
        user: 'bob',
        name: 'beta',
        metrics: { common: 0.0, measure_a: 200.0 },
        params: { generic_param: 'another value', common: 'common', p_b: 'ABC' },
        tags: { generic_tag: 'another value', common: 'common', 't a': 'abc' },
      },
      {
        id: 'r3',
        start: 3000,
        status: 'RUNNING',
        user: 'ann',
        name: 'alpha-2',
        metrics: { common: -1.0, measure_a: 400.0 },
        params: { generic_param: 'p_val', p_a: 'a%c', p_b: 'a_c' },
        tags: { generic_tag: "p'val", note: "it's" },
      },
      {
        id: 'r4',
        start: 3000,
        end: 9000,
        status: 'KILLED',
        user: 'cat',
        name: 'gamma',
        params: { generic_param: 'P_VAL' },
        tags: { common: 'COMMON' },
      },
    ],
    cases: [
      { filter: "params.generic_param = 'p_val'", expect: ['r3', 'r1'] },
      { filter: "params.generic_param != 'p_val'", expect: ['r4', 'r2'] },
      { filter: "params.generic_param LIKE 'p_%'", expect: ['r3', 'r1'] },
      { filter: "params.generic_param ILIKE 'p_%'", expect: ['r3', 'r4', 'r1'] },
      { filter: "params.generic_param LIKE '%val%'", expect: ['r3', 'r2', 'r1'] },
      { filter: "params.generic_param ILIKE '%VAL'", expect: ['r3', 'r4', 'r1'] },
      { filter: "params.p_a LIKE 'a\\%c'", expect: [] },
      { filter: "params.p_a LIKE 'a%'", expect: ['r3', 'r1'] },
      { filter: "params.p_b LIKE 'a_c'", expect: ['r3'] },
      { filter: "params.p_b ILIKE 'a_c'", expect: ['r3', 'r2'] },
      { filter: "params.common = 'common'", expect: ['r2', 'r1'] },
      { filter: "params.common != 'common'", expect: [] },
      { filter: "params.missing = 'x'", expect: [] },
      { filter: "params.missing != 'x'", expect: [] },
      { filter: 'params."dotted.key" = \'x.y\'', expect: ['r1'] },
      { filter: "params.dotted.key = 'x.y'", expect: ['r1'] },
      { filter: "params.`dotted.key` LIKE 'x%'", expect: ['r1'] },
      { filter: "tags.generic_tag = 'p_val'", expect: ['r1'] },
      { filter: "tags.generic_tag = 'p''val'", expect: [] },
      { filter: 'tags.generic_tag = "p\'val"', expect: ['r3'] },
      { filter: 'tags."t a" = \'abc\'', expect: ['r2'] },
      { filter: "tags.`t a` ILIKE 'abc'", expect: ['r2', 'r1'] },
      { filter: "tags.mlflow.source.name = 'notebook'", expect: ['r1'] },
      { filter: "tags.common LIKE 'COMM%'", expect: ['r4'] },
      { filter: "tags.common ILIKE 'comm%'", expect: ['r4', 'r2', 'r1'] },
      { filter: "tags.note = 'it''s'", expect: [] },
      { filter: 'tags.note IS NOT NULL', expect: ['r3'] },
      { filter: 'tags.note IS NULL', expect: ['r4', 'r2', 'r1'] },
      { filter: 'params.p_b IS NULL AND tags.common IS NOT NULL', expect: ['r4', 'r1'] },
      { filter: 'metrics.common > 0', expect: ['r1'] },
      { filter: 'metrics.common >= 0', expect: ['r2', 'r1'] },
      { filter: 'metrics.common < 0', expect: ['r3'] },
      { filter: 'metrics.common = -1', expect: ['r3'] },
      { filter: 'metrics.common != -1.0', expect: ['r2', 'r1'] },
      { filter: 'metrics.measure_a > 100 and metrics.measure_a < 300', expect: ['r2'] },
      { filter: 'metrics."m.dot" = 5', expect: ['r1'] },
      { filter: 'metrics.m.dot = 5', expect: ['r1'] },
      { filter: 'metrics.common > -1e3', expect: ['r3', 'r2', 'r1'] },
      { filter: 'metrics.measure_a > 1.5e2', expect: ['r3', 'r2'] },
      { filter: 'metrics.common >= .5', expect: ['r1'] },
      { filter: "attributes.status = 'FINISHED'", expect: ['r1'] },
      { filter: "attributes.status != 'FINISHED'", expect: ['r3', 'r4', 'r2'] },
      { filter: "attributes.status LIKE 'F%'", expect: ['r2', 'r1'] },
      { filter: "attributes.status ILIKE 'f%'", expect: ['r2', 'r1'] },
      { filter: "status = 'RUNNING'", expect: ['r3'] },
      { filter: "attribute.user_id = 'ann'", expect: ['r3', 'r1'] },
      { filter: "attributes.user_id LIKE 'b%'", expect: ['r2'] },
      { filter: "run_name = 'alpha'", expect: ['r1'] },
      { filter: "run_name LIKE 'alpha%'", expect: ['r3', 'r1'] },
      { filter: "attributes.run_name ILIKE 'ALPHA%'", expect: ['r3', 'r1'] },
      { filter: "`Run name` = 'beta'", expect: ['r2'] },
      { filter: '"run name" = \'beta\'', expect: ['r2'] },
      { filter: "attributes.run_id = 'r2'", expect: ['r2'] },
      { filter: "attributes.run_id IN ('r1', 'r3')", expect: ['r3', 'r1'] },
      { filter: "attributes.run_id NOT IN ('r1', 'r3')", expect: ['r4', 'r2'] },
      { filter: "run_id IN ('r9')", expect: [] },
      {
        filter: "attributes.run_name IN ('alpha')",
        error: "Only ['run_id'] attributes support comparison with a list of quoted st",
      },
      { filter: 'attributes.start_time >= 2000', expect: ['r3', 'r4', 'r2'] },
      { filter: 'attributes.start_time > 2000', expect: ['r3', 'r4'] },
      { filter: 'attributes.created = 1000', expect: ['r1'] },
      { filter: 'Created < 3000', expect: ['r2', 'r1'] },
      { filter: 'attributes.end_time < 5000', expect: ['r2', 'r1'] },
      { filter: 'attributes.end_time >= 0', expect: ['r4', 'r2', 'r1'] },
      { filter: 'attributes.end_time = 9000', expect: ['r4'] },
      { filter: 'attributes.start_time = 1000.0', expect: ['r1'] },
      { filter: "attributes.artifact_uri LIKE '%r3'", expect: ['r3'] },
      {
        filter: "attributes.start_time >= '1000'",
        error: 'Expected numeric value type for numeric attribute: start_time',
      },
      {
        filter: 'attributes.status = FINISHED',
        error: 'Parameter value is either not quoted or unidentified quote types used ',
      },
      { filter: "params.generic_param IN ('p_val')", error: 'Expected a quoted string value for parameter (e' },
      { filter: "tags.generic_tag NOT IN ('p_val')", error: 'Expected a quoted string value for tag (e' },
      { filter: 'metrics.common IN (1)', error: 'Expected numeric value type for metric' },
      { filter: "metrics.common LIKE '1'", error: 'Expected numeric value type for metric' },
      { filter: "params.generic_param = 'p_val' AND params.generic_param = 'P_VAL'", expect: [] },
      {
        filter: "params.generic_param = 'p_val' AND attributes.user_id = 'ann' AND metrics.common < 1",
        expect: ['r3'],
      },
      { filter: "params.generic_param = 'p_val' and tags.generic_tag = 'p_val'", expect: ['r1'] },
      { filter: "params.generic_param = 'p_val' And status != 'RUNNING'", expect: ['r1'] },
      { orderBy: ['metrics.common'], expect: ['r3', 'r2', 'r1', 'r4'] },
      { orderBy: ['metrics.common DESC'], expect: ['r1', 'r2', 'r3', 'r4'] },
      { orderBy: ['metrics.measure_a DESC'], expect: ['r3', 'r2', 'r1', 'r4'] },
      { orderBy: ['params.generic_param'], expect: ['r4', 'r2', 'r3', 'r1'] },
      { orderBy: ['params.generic_param DESC', 'run_name'], expect: ['r1', 'r3', 'r2', 'r4'] },
      { orderBy: ['tags.generic_tag'], expect: ['r2', 'r3', 'r1', 'r4'] },
      { orderBy: ['attributes.end_time'], expect: ['r1', 'r2', 'r4', 'r3'] },
      { orderBy: ['attributes.end_time DESC'], expect: ['r4', 'r2', 'r1', 'r3'] },
      { orderBy: ['attributes.status'], expect: ['r2', 'r1', 'r4', 'r3'] },
      { orderBy: ['attributes.user_id DESC', 'metrics.common'], expect: ['r4', 'r2', 'r3', 'r1'] },
      { orderBy: ['run_name DESC'], expect: ['r4', 'r2', 'r3', 'r1'] },
      { orderBy: ['start_time'], expect: ['r1', 'r2', 'r3', 'r4'] },
      { orderBy: ['tags.`t a`'], expect: ['r1', 'r2', 'r3', 'r4'] },
      { orderBy: ['params.missing'], expect: ['r3', 'r4', 'r2', 'r1'] },
      { filter: "params.generic_param LIKE 'p%'", orderBy: ['metrics.common DESC'], expect: ['r1', 'r3'] },
      { filter: 'metrics.measure_a > 0', orderBy: ['start_time ASC', 'run_name DESC'], expect: ['r1', 'r2', 'r3'] },
    ],
  },
];

describe.each(GROUPS)('MLflow search cases: $name', ({ runs: specs, cases }) => {
  const runs = specs.map(toRun);
  it.each(cases.map((c) => ({ ...c, label: JSON.stringify(c.filter ?? c.orderBy) })))(
    '$label',
    ({ filter, orderBy, expect: ids, error }) => {
      const search = () => sortRuns(filterRuns(runs, filter), orderBy).map((run) => run.info.runId);
      if (error !== undefined) {
        expect(search, `MLflow refuses this case: ${error}`).toThrow(SearchFilterError);
      } else {
        expect(search()).toEqual(ids);
      }
    },
  );
});

it('the table holds every case it claims', () => {
  expect(GROUPS.reduce((n, g) => n + g.cases.length, 0)).toBe(232);
});
