"""Reads an experiment from an MLflow tracking server with MLflow's own Python client and prints it as JSON.

Used by the end-to-end test: what tabflow pushed must be what MLflow itself reads back (params, tags, every metric
point, artifact bytes, registered model versions and aliases). Usage: read_server.py <tracking-uri> <experiment-name>
"""
import hashlib
import json
import math
import os
import sys
import tempfile

from mlflow.tracking import MlflowClient


def value(v):
    # JSON has no NaN/Inf; spell them as MLflow's REST API does.
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def main():
    uri, name = sys.argv[1], sys.argv[2]
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    experiment = client.get_experiment_by_name(name)
    runs = client.search_runs([experiment.experiment_id], max_results=1000)
    out = {"runs": [], "models": []}
    with tempfile.TemporaryDirectory() as tmp:
        for run in runs:
            histories = {}
            for key in run.data.metrics:
                points = client.get_metric_history(run.info.run_id, key)
                histories[key] = [[p.step, p.timestamp, value(p.value)] for p in points]
            local = client.download_artifacts(run.info.run_id, "", os.path.join(tmp, run.info.run_id))
            artifacts = {}
            for folder, _, files in os.walk(local):
                for f in files:
                    path = os.path.join(folder, f)
                    with open(path, "rb") as handle:
                        artifacts[os.path.relpath(path, local)] = hashlib.sha256(handle.read()).hexdigest()
            out["runs"].append(
                {
                    "run_id": run.info.run_id,
                    "run_name": run.info.run_name,
                    "status": run.info.status,
                    "start_time": run.info.start_time,
                    "end_time": run.info.end_time,
                    "params": run.data.params,
                    "tags": run.data.tags,
                    "histories": histories,
                    "artifacts": artifacts,
                }
            )
        for model in client.search_registered_models():
            for version in client.search_model_versions(f"name = '{model.name}'"):
                out["models"].append(
                    {
                        "name": model.name,
                        "version": version.version,
                        "run_id": version.run_id,
                        "source": version.source,
                        # search_model_versions leaves aliases out; get_model_version fills them in.
                        "aliases": sorted(client.get_model_version(model.name, version.version).aliases),
                    }
                )
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
