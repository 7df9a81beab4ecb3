import type { KeyValue, MetricJson } from './wire';

/**
 * runs/log-batch limits, from mlflow/utils/validation.py (_validate_batch_log_limits, _validate_batch_log_api_req):
 * at most 1000 metrics, 100 params and 100 tags per request, 1000 entities in all, and a JSON body of at most
 * 1,000,000 bytes. A request over any of them is refused whole with INVALID_PARAMETER_VALUE.
 */
export const LOG_BATCH_LIMITS = {
  metrics: 1000,
  params: 100,
  tags: 100,
  entities: 1000,
  bodyBytes: 1_000_000,
  /** Longer param and tag values are TRUNCATED by the server, silently (validation.py _validate_length_limit with
   * truncate=True while MLFLOW_TRUNCATE_LONG_VALUES is on, its default); push refuses them before sending. */
  paramValue: 6000,
  tagValue: 8000,
} as const;

/** Room kept for the envelope `{"run_id":"…","metrics":[],"params":[],"tags":[]}` under the byte limit. */
const ENVELOPE_BYTES = 200;

const utf8Length = (text: string) => (/^\p{ASCII}*$/u.test(text) ? text.length : new TextEncoder().encode(text).length);

interface Batch {
  metrics: string[];
  params: string[];
  tags: string[];
  bytes: number;
}

/**
 * Splits what one run needs into log-batch request bodies, each within every limit. Params and tags go first, so
 * a run's settings land before its long histories; the bodies are JSON strings, already measured, with
 * how many metric points each carries.
 */
export function logBatchBodies(
  runId: string,
  items: { metrics: MetricJson[]; params: KeyValue[]; tags: KeyValue[] },
): { body: string; metrics: number }[] {
  const batches: Batch[] = [];
  let current: Batch = { metrics: [], params: [], tags: [], bytes: ENVELOPE_BYTES + runId.length };
  const fits = (kind: 'metrics' | 'params' | 'tags', bytes: number) =>
    current[kind].length < LOG_BATCH_LIMITS[kind] &&
    current.metrics.length + current.params.length + current.tags.length < LOG_BATCH_LIMITS.entities &&
    current.bytes + bytes + 1 <= LOG_BATCH_LIMITS.bodyBytes;
  const add = (kind: 'metrics' | 'params' | 'tags', entity: object) => {
    const json = JSON.stringify(entity);
    const bytes = utf8Length(json);
    if (!fits(kind, bytes)) {
      batches.push(current);
      current = { metrics: [], params: [], tags: [], bytes: ENVELOPE_BYTES + runId.length };
    }
    current[kind].push(json);
    current.bytes += bytes + 1;
  };
  for (const p of items.params) add('params', p);
  for (const t of items.tags) add('tags', t);
  for (const m of items.metrics) add('metrics', m);
  if (current.metrics.length + current.params.length + current.tags.length > 0) batches.push(current);
  return batches.map((b) => ({
    body: `{"run_id":${JSON.stringify(runId)},"metrics":[${b.metrics.join(',')}],"params":[${b.params.join(',')}],"tags":[${b.tags.join(',')}]}`,
    metrics: b.metrics.length,
  }));
}
