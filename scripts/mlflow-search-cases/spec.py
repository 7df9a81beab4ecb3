"""The run-search cases of test/unit/tracking/search/search-mlflow-cases.test.ts, as data: `python spec.py spec.json` writes them."""
import json, sys
F = lambda f, **kw: {"filter": f, **kw}
O = lambda *o, **kw: {"orderBy": list(o), **kw}
groups = []

# MLflow tests/utils/test_search_utils.py: test_correct_filtering's three runs.
groups.append({"name": "three runs with datasets", "runs": [
  {"id": "hi", "start": 0, "end": 1, "status": "FAILED", "metrics": {"key1": 121}, "params": {"my_param": "A"},
   "datasets": [{"name": "name1", "digest": "digest1", "context": "train"}]},
  {"id": "hi2", "start": 0, "end": 1, "status": "FINISHED", "metrics": {"key1": 123}, "params": {"my_param": "A"}, "tags": {"tag1": "C"},
   "datasets": [{"name": "name1", "digest": "digest1"}]},
  {"id": "hi3", "start": 0, "end": 1, "status": "FAILED", "metrics": {"key1": 125}, "params": {"my_param": "B"}, "tags": {"tag1": "D"},
   "datasets": [{"name": "name2", "digest": "digest2"}]},
], "cases": [F(f) for f in [
  "", "attributes.status = 'FAILED'", "metrics.key1 = 123", "metrics.key1 != 123", "metrics.key1 >= 123",
  "params.my_param = 'A'", "tags.tag1 = 'D'", "tags.tag1 != 'D'", "params.my_param = 'A' AND attributes.status = 'FAILED'",
  "datasets.name = 'name1'", "datasets.name IN ('name1', 'name2')", "datasets.digest IN ('digest1', 'digest2')",
  "datasets.name = 'name1' AND datasets.digest = 'digest2'", "datasets.context = 'train'",
  "datasets.name = 'name1' AND datasets.context = 'train'",
  # parse cases of test_filter, evaluated on these runs
  "metric.key1 >= 0.94", "metric.key1>=122", "params.my_param!='A'", 'params."my_param"!="A"', "metrics.key1 = 3",
  "metrics.key1 < 124 and params.my_param = 'A'", "`metric`.key1 >= 122", "`params`.my_param = 'B'",
  "`tags`.tag1 = 'C'", "metrics.`key1` > 122", 'tags."tag1" = "C"', "attribute.artifact_uri = 'file:///a/hi'",
  "attribute.start_time >= 0", "run.status = 'FAILED'", "dataset.name = 'name2'",
  "tags.tag1 IS NULL", "tags.tag1 IS NOT NULL", "params.my_param IS NULL", "params.my_param IS NOT NULL",
  "tags.tag1 IS NULL AND params.my_param = 'A'", "tags.tag1 is not null and metrics.key1 > 124",
  # test_correct_quote_trimming
  "params.my_param = 'A'", 'params.my_param = "A"', 'params.my_param = "L\'Hosp"',
  # test_error_filter
  "metric.acc >= 0.94; metrics.rmse < 1", "m.acc >= 0.94", "acc >= 0.94", "p.model >= 'LR'", "attri.x != 1", "a.x != 1",
  "model >= 'LR'", "metrics.A > 0.1 OR params.B = 'LR'", "metrics.A > 0.1 NAND params.B = 'LR'",
  "metrics.A > 0.1 AND (params.B = 'LR')", "`metrics.A > 0.1", "param`.A > 0.1", "`dummy.A > 0.1", "dummy`.A > 0.1",
  "attribute.start != 1", "attribute.experiment_id != 1", "attribute.lifecycle_stage = 'ACTIVE'", "attribute.name != 1",
  "attribute.time != 1", "attribute._status != 'RUNNING'", "attribute.status = true", "dataset.status = 'true'",
  "dataset.profile = 'num_rows: 10'", "metrics.acc IS NULL", "attribute.status IS NULL",
  # test_error_comparison_clauses
  "metric.model = 'LR'", "metric.model = '5'", "params.acc = 5", "tags.acc = 5", "metrics.acc != metrics.acc",
  "1.0 > metrics.acc", "attribute.status = 1",
  # test_bad_quotes
  "params.acc = LR", "tags.acc = LR", "params.acc = `LR`", "params.'acc = LR", "params.acc = 'LR", "params.acc = LR'",
  "params.acc = \"LR'", "tags.acc = \"LR'", "tags.acc = = 'LR'", "attribute.status IS 'RUNNING'",
  # test_invalid_clauses
  "params.acc LR !=", "params.acc LR", "metric.acc !=", "acc != 1.0", "foo is null", "1=1", "1==2",
  # test_bad_comparators
  "metrics.abc ~ 1.0", "metrics.abc ~= 1.0", "params.abc > 'my-param-value'", "params.abc < 'my-param-value'",
  "params.abc >= 'my-param-value'", "params.abc <= 'my-param-value'", "tags.abc > 'my-tag-value'", "tags.abc <= 'my-tag-value'",
  "attributes.status > 'my-tag-value'", "attributes.status <= 'my-tag-value'", "attributes.start_time LIKE 1234",
  "attributes.start_time ILIKE 1234", "datasets.name > 'my-dataset-name'", "datasets.name <= 'my-dataset-name'",
  "`params`.model >= 'LR'",
]]})

# test_correct_sorting's three runs.
groups.append({"name": "three runs to sort", "runs": [
  {"id": "9", "start": 0, "end": 1, "status": "FAILED", "metrics": {"key1": 121}, "params": {"my_param": "A"}},
  {"id": "8", "start": 1, "end": 1, "status": "FINISHED", "metrics": {"key1": 123}, "params": {"my_param": "A"}, "tags": {"tag1": "C"}},
  {"id": "7", "start": 1, "end": 1, "status": "FAILED", "metrics": {"key1": 125}, "params": {"my_param": "B"}, "tags": {"tag1": "D"}},
], "cases": [O(*o) for o in [
  [], ["tags.noSuchTag"], ["attributes.status"], ["attributes.start_time"], ["metrics.key1 asc"], ['metrics."key1"  desc'],
  ["params.my_param"], ["params.my_param aSc", "attributes.status  ASC"], ["params.my_param", "attributes.status DESC"],
  ["params.my_param DESC", "attributes.status   DESC"], ["params.`my_param` DESC", "attributes.status DESC"],
  ["tags.tag1"], ["tags.tag1    DESC"],
  # test_invalid_order_by_search_runs
  ["m.acc"], ["acc"], ["attri.x"], ["`metrics.A"], ["`metrics.A`"], ["attribute.start"], ["attribute.experiment_id"],
  ["metrics.A != 1"], ["params.my_param "], ["attribute.run_id ACS"], ["attribute.run_id decs"],
  # test_space_order_by_search_runs
  ["metrics.`Mean Square Error`"], ["metrics.`Mean Square Error` ASC"], ["metrics.`Mean Square Error` DESC"],
  ["attributes.created DESC"], ["attribute.run_name"], ["run_id DESC"], ["end_time"],
]]})

# test_order_by_metric_with_nans_infs_nones: NaN after every number, a missing value last, either direction.
groups.append({"name": "nan, inf and missing", "runs": [
  {"id": x, "start": 0, "metrics": ({} if x == "None" else {"x": x})} for x in ["nan", "inf", "-inf", "-1000", "0", "1000", "None"]
], "cases": [O("metrics.x asc"), O("metrics.x desc"), O("metrics.x"), F("metrics.x > 0"), F("metrics.x != 0"), F("metrics.x <= 0")]})

# The stores' search tests (tests/store/tracking/test_file_store.py and test_sqlalchemy_store.py), in our own runs.
groups.append({"name": "store-style runs", "runs": [
  {"id": "r1", "name": "alpha", "start": 1000, "end": 2000, "status": "FINISHED", "user": "ann",
   "metrics": {"common": 1.0, "measure_a": 1.0, "m.dot": 5.0}, "params": {"generic_param": "p_val", "common": "common", "p_a": "abc", "dotted.key": "x.y"},
   "tags": {"generic_tag": "p_val", "common": "common", "t a": "ABC", "mlflow.source.name": "notebook"}},
  {"id": "r2", "name": "beta", "start": 2000, "end": 3000, "status": "FAILED", "user": "bob",
   "metrics": {"common": 0.0, "measure_a": 200.0}, "params": {"generic_param": "another value", "common": "common", "p_b": "ABC"},
   "tags": {"generic_tag": "another value", "common": "common", "t a": "abc"}},
  {"id": "r3", "name": "alpha-2", "start": 3000, "status": "RUNNING", "user": "ann",
   "metrics": {"common": -1.0, "measure_a": 400.0}, "params": {"generic_param": "p_val", "p_a": "a%c", "p_b": "a_c"},
   "tags": {"generic_tag": "p'val", "note": "it's"}},
  {"id": "r4", "name": "gamma", "start": 3000, "end": 9000, "status": "KILLED", "user": "cat",
   "params": {"generic_param": "P_VAL"}, "tags": {"common": "COMMON"}},
], "cases": [F(f) for f in [
  "params.generic_param = 'p_val'", "params.generic_param != 'p_val'", "params.generic_param LIKE 'p_%'",
  "params.generic_param ILIKE 'p_%'", "params.generic_param LIKE '%val%'", "params.generic_param ILIKE '%VAL'",
  "params.p_a LIKE 'a\\%c'", "params.p_a LIKE 'a%'", "params.p_b LIKE 'a_c'", "params.p_b ILIKE 'a_c'",
  "params.common = 'common'", "params.common != 'common'", "params.missing = 'x'", "params.missing != 'x'",
  "params.\"dotted.key\" = 'x.y'", "params.dotted.key = 'x.y'", "params.`dotted.key` LIKE 'x%'",
  "tags.generic_tag = 'p_val'", "tags.generic_tag = 'p''val'", "tags.generic_tag = \"p'val\"", "tags.\"t a\" = 'abc'",
  "tags.`t a` ILIKE 'abc'", "tags.mlflow.source.name = 'notebook'", "tags.common LIKE 'COMM%'", "tags.common ILIKE 'comm%'",
  "tags.note = 'it''s'", "tags.note IS NOT NULL", "tags.note IS NULL", "params.p_b IS NULL AND tags.common IS NOT NULL",
  "metrics.common > 0", "metrics.common >= 0", "metrics.common < 0", "metrics.common = -1", "metrics.common != -1.0",
  "metrics.measure_a > 100 and metrics.measure_a < 300", "metrics.\"m.dot\" = 5", "metrics.m.dot = 5", "metrics.common > -1e3",
  "metrics.measure_a > 1.5e2", "metrics.common >= .5",
  "attributes.status = 'FINISHED'", "attributes.status != 'FINISHED'", "attributes.status LIKE 'F%'",
  "attributes.status ILIKE 'f%'", "status = 'RUNNING'", "attribute.user_id = 'ann'", "attributes.user_id LIKE 'b%'",
  "run_name = 'alpha'", "run_name LIKE 'alpha%'", "attributes.run_name ILIKE 'ALPHA%'", "`Run name` = 'beta'",
  "\"run name\" = 'beta'", "attributes.run_id = 'r2'", "attributes.run_id IN ('r1', 'r3')", "attributes.run_id NOT IN ('r1', 'r3')",
  "run_id IN ('r9')", "attributes.run_name IN ('alpha')", "attributes.start_time >= 2000", "attributes.start_time > 2000",
  "attributes.created = 1000", "Created < 3000", "attributes.end_time < 5000", "attributes.end_time >= 0",
  "attributes.end_time = 9000", "attributes.start_time = 1000.0", "attributes.artifact_uri LIKE '%r3'",
  "attributes.start_time >= '1000'", "attributes.status = FINISHED", "params.generic_param IN ('p_val')",
  "tags.generic_tag NOT IN ('p_val')", "metrics.common IN (1)", "metrics.common LIKE '1'",
  "params.generic_param = 'p_val' AND params.generic_param = 'P_VAL'", "params.generic_param = 'p_val' AND attributes.user_id = 'ann' AND metrics.common < 1",
  "params.generic_param = 'p_val' and tags.generic_tag = 'p_val'", "params.generic_param = 'p_val' And status != 'RUNNING'",
]] + [O(*o) for o in [
  ["metrics.common"], ["metrics.common DESC"], ["metrics.measure_a DESC"], ["params.generic_param"], ["params.generic_param DESC", "run_name"],
  ["tags.generic_tag"], ["attributes.end_time"], ["attributes.end_time DESC"], ["attributes.status"], ["attributes.user_id DESC", "metrics.common"],
  ["run_name DESC"], ["start_time"], ["tags.`t a`"], ["params.missing"],
]] + [{"filter": "params.generic_param LIKE 'p%'", "orderBy": ["metrics.common DESC"]},
      {"filter": "metrics.measure_a > 0", "orderBy": ["start_time ASC", "run_name DESC"]}]})

json.dump(groups, open(sys.argv[1], "w"), indent=1)
print(sum(len(g["cases"]) for g in groups))
