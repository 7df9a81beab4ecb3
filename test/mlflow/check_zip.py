"""MLflow itself checks tabflow's zip layout, both ways (run by test/unit/mlflow-zip.test.ts with the venv's python).

  check_zip.py read <export.zip>   unzips a tabflow export and prints, as JSON, what MLflow's own client reads from
                                   that file store: experiments, runs, params, tags, metric histories, artifacts.
  check_zip.py write <out.zip>     logs runs with MLflow's Python API into a fresh file store (params, metrics
                                   with steps, tags, a nested run, an artifact, a registered model with an alias)
                                   and zips the mlruns folder for tabflow to import.
"""
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
import zipfile

# MLflow 3 keeps the file store "in maintenance mode" and refuses it unless asked: it is the layout tabflow's zip
# follows, so we ask (mlflow/store/tracking/file_store.py FileStore.__init__).
os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"

import mlflow  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402


def spell(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def artifacts_of(client, run_id, into):
    local = client.download_artifacts(run_id, "", into)
    out = {}
    for folder, _, files in os.walk(local):
        for f in files:
            path = os.path.join(folder, f)
            with open(path, "rb") as handle:
                out[os.path.relpath(path, local).replace(os.sep, "/")] = hashlib.sha256(handle.read()).hexdigest()
    return out


def read(zip_path):
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(zip_path) as z:
            z.extractall(tmp)
        uri = "file://" + os.path.join(tmp, "mlruns")
        # The zip's artifact URIs are relative (./mlruns/<exp>/<run>/artifacts), as for `mlflow ui` started in the
        # unzipped folder; download_artifacts also looks the run up through the default tracking URI.
        os.chdir(tmp)
        mlflow.set_tracking_uri(uri)
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        out = {"experiments": [], "runs": []}
        for e in client.search_experiments():
            out["experiments"].append({"experiment_id": e.experiment_id, "name": e.name, "tags": e.tags})
            for run in client.search_runs([e.experiment_id], max_results=10000):
                histories = {
                    key: [[p.step, p.timestamp, spell(p.value)] for p in client.get_metric_history(run.info.run_id, key)]
                    for key in run.data.metrics
                }
                out["runs"].append(
                    {
                        "run_id": run.info.run_id,
                        "experiment_id": run.info.experiment_id,
                        "run_name": run.info.run_name,
                        "status": run.info.status,
                        "start_time": run.info.start_time,
                        "end_time": run.info.end_time,
                        "params": run.data.params,
                        "tags": run.data.tags,
                        "histories": histories,
                        "artifacts": artifacts_of(client, run.info.run_id, os.path.join(tmp, "dl", run.info.run_id)),
                    }
                )
        json.dump(out, sys.stdout)


def write(zip_path):
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "mlruns")
        uri = "file://" + root
        mlflow.set_tracking_uri(uri)
        mlflow.set_registry_uri(uri)
        client = MlflowClient(tracking_uri=uri, registry_uri=uri)
        experiment_id = mlflow.create_experiment("written by mlflow", tags={"course": "ml-101"})
        with mlflow.start_run(experiment_id=experiment_id, run_name="parent") as parent:
            mlflow.log_param("sweep", "grid")
            mlflow.set_tag("owner", "teacher")
            with mlflow.start_run(experiment_id=experiment_id, run_name="child", nested=True) as child:
                mlflow.log_params({"lr": 0.05, "layers": "[8, 8]"})
                for step in range(25):
                    mlflow.log_metric("loss", 1.0 / (step + 1), step=step, timestamp=1_700_000_000_000 + step)
                mlflow.log_metric("odd", float("nan"), step=0, timestamp=1_700_000_000_000)
                mlflow.set_tag("note", "from python")
                mlflow.log_text("# notes\nwritten by MLflow\n", "notes/readme.md")
                mlflow.log_dict({"layers": [8, 8]}, "model/config.json")
        client.create_registered_model("py-model")
        version = client.create_model_version("py-model", f"{child.info.artifact_uri}/model", child.info.run_id)
        client.set_registered_model_alias("py-model", "champion", version.version)
        shutil.make_archive(zip_path[: -len(".zip")], "zip", tmp, "mlruns")
        json.dump({"parent": parent.info.run_id, "child": child.info.run_id, "experiment_id": experiment_id}, sys.stdout)


if __name__ == "__main__":
    {"read": read, "write": write}[sys.argv[1]](sys.argv[2])
