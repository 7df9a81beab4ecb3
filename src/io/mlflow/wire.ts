/**
 * MLflow's REST shapes (mlflow/protos/service.proto as JSON) and the conversions between them and tabflow's.
 */
import { keyedRecord } from '../../tracking/keyed-record';

export interface KeyValue {
  key: string;
  value: string;
}

export interface MetricJson {
  key: string;
  value: number | string;
  timestamp: number | string;
  step?: number | string;
}

export interface DatasetInputJson {
  tags?: KeyValue[];
  dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
}

export interface RunJson {
  info: {
    run_id: string;
    run_name?: string;
    experiment_id: string;
    user_id?: string;
    status: string;
    start_time?: number | string;
    end_time?: number | string;
    artifact_uri: string;
    lifecycle_stage: string;
  };
  data: { metrics?: MetricJson[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs?: { dataset_inputs?: DatasetInputJson[] };
}

export interface ExperimentJson {
  experiment_id: string;
  name: string;
  lifecycle_stage: string;
  creation_time?: number | string;
  last_update_time?: number | string;
  tags?: KeyValue[];
}

export interface ModelVersionJson {
  name: string;
  version: string;
  run_id?: string;
  source?: string;
  description?: string;
  tags?: KeyValue[];
  aliases?: string[];
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
  user_id?: string;
}

export interface RegisteredModelJson {
  name: string;
  description?: string;
  tags?: KeyValue[];
  aliases?: { alias: string; version: string }[];
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
}

/** The tag every pushed run carries: the local run id, so a second push finds the run instead of making another. */
export const SOURCE_RUN_TAG = 'tabflow.source_run_id';

/**
 * MLflow's SQL store cannot hold ±Inf and writes ±Double.MAX instead (sqlalchemy_store.py,
 * SqlAlchemyStore.sanitize_metric_value: "Sql can not represent Infs"); NaN is stored as 0 with is_nan set and comes
 * back as the string "NaN". So a pushed Inf reads back as ±1.7976931348623157e308: pull turns that back into ±Inf
 * (a finite value of exactly Double.MAX cannot be told apart, and no metric of a real run is one).
 */
const DOUBLE_MAX = 1.7976931348623157e308;

/** A metric value as JSON: protobuf's JSON mapping spells the non-finite doubles as strings (MLflow's RestStore too). */
export function encodeMetricValue(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function decodeMetricValue(value: number | string): number {
  const n =
    typeof value === 'number'
      ? value
      : value === 'NaN'
        ? NaN
        : value === 'Infinity'
          ? Infinity
          : value === '-Infinity'
            ? -Infinity
            : Number(value);
  if (n === DOUBLE_MAX) return Infinity;
  if (n === -DOUBLE_MAX) return -Infinity;
  return n;
}

/**
 * The identity MLflow dedups a point on: its metric table's primary key is (key, timestamp, step, value, is_nan)
 * per run, and log_batch drops a point that already exists instead of failing (sqlalchemy_store.py,
 * _log_metrics_once). So an identical point sent twice is stored once, and a local history holding two identical
 * points has one fewer on the server; comparing these identities is what "sends only what the server lacks" means.
 */
export function pointIdentity(step: number, timestamp: number, value: number): string {
  const stored = Number.isNaN(value)
    ? 'NaN'
    : value === Infinity
      ? String(DOUBLE_MAX)
      : value === -Infinity
        ? String(-DOUBLE_MAX)
        : String(value);
  return `${step}|${timestamp}|${stored}`;
}

export const toRecord = (pairs: KeyValue[] | undefined): Record<string, string> =>
  keyedRecord((pairs ?? []).map((p) => [p.key, p.value] as const));
export const toPairs = (record: Record<string, string>): KeyValue[] =>
  Object.entries(record).map(([key, value]) => ({ key, value }));
export const num = (v: number | string | undefined | null): number | null =>
  v === undefined || v === null || v === '' ? null : Number(v);

/** MLflow's search filters quote strings with single quotes; SearchUtils reads a doubled quote as one. */
export const quoteFilterValue = (value: string) => `'${value.replace(/'/g, "''")}'`;
