/** The run attributes a filter or order_by may name, as MLflow's RunInfo searchable attributes. */
import type { RunInfo } from '../types';

export interface AttributeSpec {
  numeric: boolean;
  /** undefined when the run has no value (an unfinished run's end_time). */
  read: (info: RunInfo) => string | number | undefined;
}

export const ATTRIBUTES: ReadonlyMap<string, AttributeSpec> = new Map<string, AttributeSpec>([
  ['run_id', { numeric: false, read: (info) => info.runId }],
  ['run_name', { numeric: false, read: (info) => info.runName }],
  ['status', { numeric: false, read: (info) => info.status }],
  ['user_id', { numeric: false, read: (info) => info.userId }],
  ['artifact_uri', { numeric: false, read: (info) => info.artifactUri }],
  ['start_time', { numeric: true, read: (info) => info.startTime }],
  ['end_time', { numeric: true, read: (info) => info.endTime ?? undefined }],
]);

/** MLflow's alternate spellings (SearchUtils.translate_key_alias), resolved at parse time. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['created', 'start_time'],
  ['Created', 'start_time'],
  ['run name', 'run_name'],
  ['Run name', 'run_name'],
  ['Run Name', 'run_name'],
]);

/** The canonical attribute name for `key`, or undefined when it is not an attribute. */
export function canonicalAttribute(key: string): string | undefined {
  const canonical = ALIASES.get(key) ?? key;
  return ATTRIBUTES.has(canonical) ? canonical : undefined;
}

export const ATTRIBUTE_NAMES_FOR_MESSAGES =
  'run_id, run_name, status, user_id, artifact_uri, start_time, end_time, created';

/** Fields of a run's dataset inputs that `datasets.<key>` may name. */
export const DATASET_FIELDS: ReadonlySet<string> = new Set(['name', 'digest', 'context']);
