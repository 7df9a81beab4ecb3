import type { Experiment, Run, SnapshotModelVersion, SnapshotRegisteredModel } from '../tracking';
import { toYaml } from './meta-yaml';

/**
 * The meta.yaml contents MLflow's FileStore writes (mlflow/store/tracking/file_store.py and
 * mlflow/store/model_registry/file_store.py), key for key and with MLflow's types. Locations are relative to
 * the folder the zip unpacks into: the absolute path of the machine that will read them is unknown here, and
 * `mlflow ui --backend-store-uri ./mlruns` started in that folder resolves them.
 */

const STATUS_NUMBER = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 } as const;
/** MLflow's SourceType.LOCAL, which FileStore writes for every run. */
const SOURCE_TYPE_LOCAL = 4;

export function experimentFolder(e: Experiment): string {
  return e.lifecycleStage === 'deleted' ? `mlruns/.trash/${e.experimentId}` : `mlruns/${e.experimentId}`;
}

export function experimentMeta(e: Experiment): string {
  return toYaml({
    artifact_location: `./mlruns/${e.experimentId}`,
    creation_time: e.creationTime,
    experiment_id: e.experimentId,
    last_update_time: e.lastUpdateTime,
    lifecycle_stage: e.lifecycleStage,
    name: e.name,
  });
}

export function runMeta(run: Run): string {
  const i = run.info;
  return toYaml({
    artifact_uri: `./mlruns/${i.experimentId}/${i.runId}/artifacts`,
    end_time: i.endTime,
    entry_point_name: '',
    experiment_id: i.experimentId,
    lifecycle_stage: i.lifecycleStage,
    run_id: i.runId,
    run_name: i.runName,
    run_uuid: i.runId,
    source_name: '',
    source_type: SOURCE_TYPE_LOCAL,
    source_version: '',
    start_time: i.startTime,
    status: STATUS_NUMBER[i.status],
    tags: [],
    user_id: i.userId,
    // FileStore rewrites meta.yaml without deleted_time when a run ends, and with it when the run is deleted.
    ...(i.lifecycleStage === 'deleted' && i.deletedTime != null ? { deleted_time: i.deletedTime } : {}),
  });
}

export function registeredModelMeta(m: SnapshotRegisteredModel): string {
  return toYaml({
    aliases: { ...m.aliases },
    creation_timestamp: m.creationTimestamp,
    description: m.description,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    name: m.name,
  });
}

export function modelVersionMeta(v: SnapshotModelVersion, experimentId: string, aliases: string[]): string {
  const storage = `./mlruns/${experimentId}/${v.runId}/artifacts/${v.artifactPath}`;
  return toYaml({
    aliases,
    creation_timestamp: v.creationTimestamp,
    current_stage: 'None',
    description: v.description,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    name: v.name,
    run_id: v.runId,
    run_link: '',
    source: storage,
    status: 'READY',
    status_message: null,
    storage_location: storage,
    user_id: v.userId,
    version: v.version,
  });
}

/** MLflow's dataset record under `<experiment>/datasets/<id>/meta.yaml`. */
export function datasetMeta(d: {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
}): string {
  return toYaml({
    digest: d.digest,
    name: d.name,
    profile: d.profile ?? null,
    schema: d.schema ?? null,
    source: d.source,
    source_type: d.sourceType,
  });
}

/** A run's link to a dataset under `<run>/inputs/<id>/meta.yaml` (MLflow writes the dataset id as destination_id too). */
export function inputMeta(datasetId: string, context: string | undefined): string {
  return toYaml({
    destination_id: datasetId,
    destination_type: 'RUN',
    source_id: datasetId,
    source_type: 'DATASET',
    tags: context ? { 'mlflow.data.context': context } : {},
  });
}
