"""Runs a table of search cases through MLflow's own SearchUtils (filter, sort, paginate) and prints the results
as JSON, so tabflow's table-driven test can state what MLflow answers for each."""
import json, math, sys
from mlflow.entities import (Dataset, DatasetInput, InputTag, LifecycleStage, Metric, Param, Run, RunData,
                             RunInfo, RunInputs, RunTag)
from mlflow.exceptions import MlflowException
from mlflow.utils.mlflow_tags import MLFLOW_DATASET_CONTEXT
from mlflow.utils.search_utils import SearchUtils

spec = json.load(open(sys.argv[1]))

def to_run(r):
    info = RunInfo(run_id=r["id"], experiment_id="0", user_id=r.get("user", "user"), status=r.get("status", "FINISHED"),
                   start_time=r["start"], end_time=r.get("end"), lifecycle_stage=LifecycleStage.ACTIVE,
                   artifact_uri=r.get("artifact_uri", "file:///a/" + r["id"]), run_name=r.get("name", r["id"]))
    metrics = [Metric(k, float(v) if isinstance(v, str) else v, 1, 0) for k, v in r.get("metrics", {}).items()]
    params = [Param(k, v) for k, v in r.get("params", {}).items()]
    tags = [RunTag(k, v) for k, v in r.get("tags", {}).items()]
    inputs = [DatasetInput(dataset=Dataset(name=d["name"], digest=d["digest"], source_type="local", source="s"),
                           tags=[InputTag(MLFLOW_DATASET_CONTEXT, d["context"])] if "context" in d else [])
              for d in r.get("datasets", [])]
    return Run(run_info=info, run_data=RunData(metrics=metrics, params=params, tags=tags), run_inputs=RunInputs(dataset_inputs=inputs))

out = []
for group in spec:
    runs = [to_run(r) for r in group["runs"]]
    for case in group["cases"]:
        try:
            filtered = SearchUtils.filter(runs, case.get("filter"))
            ordered = SearchUtils.sort(filtered, case.get("orderBy"))
            out.append({"group": group["name"], **case, "expect": [r.info.run_id for r in ordered]})
        except MlflowException as e:
            out.append({"group": group["name"], **case, "error": e.message[:160]})

json.dump(out, sys.stdout, indent=0)
