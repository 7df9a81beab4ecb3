/**
 * What a run logs about its data as MLflow's dataset input. Field shapes follow MLflow's entities (a schema as
 * `mlflow_colspec` JSON, a profile with `num_rows`), so the tracking module can store them as they are and a zip
 * export reads like MLflow's own.
 */
import { numRows, type Dataset } from './dataset';
import { datasetDigest } from './digest';

export interface DatasetSummary {
  name: string;
  digest: string;
  numRows: number;
  featureNames: string[];
  targetName: string;
  /** MLflow's dataset schema: `{"mlflow_colspec": [{"type": "float", "name": ..., "required": true}, ...]}`. */
  schema: string;
  /** MLflow's dataset profile: `{"num_rows": n, "num_elements": n × columns}`. */
  profile: string;
}

export function describeDataset(ds: Dataset): DatasetSummary {
  const n = numRows(ds);
  const columns = [...ds.featureNames, ds.targetName];
  return {
    name: ds.name,
    digest: datasetDigest(ds),
    numRows: n,
    featureNames: [...ds.featureNames],
    targetName: ds.targetName,
    schema: JSON.stringify({ mlflow_colspec: columns.map((name) => ({ type: 'float', name, required: true })) }),
    profile: JSON.stringify({ num_rows: n, num_elements: n * columns.length }),
  };
}
