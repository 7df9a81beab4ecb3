import type { Run } from '../../tracking';
import { ownValue } from '../../tracking/keyed-record';

/**
 * A field is something known about every run that a chart can put on an axis: `params.<key>` or
 * `metrics.<key>` (the metric's latest value), spelled as in MLflow's search grammar so URLs read naturally.
 */
export type FieldId = `params.${string}` | `metrics.${string}`;

export function paramField(key: string): FieldId {
  return `params.${key}`;
}

export function metricField(key: string): FieldId {
  return `metrics.${key}`;
}

export function isFieldId(text: string): text is FieldId {
  return /^(params|metrics)\..+/.test(text);
}

export function fieldKey(id: FieldId): string {
  return id.slice(id.indexOf('.') + 1);
}

export function fieldKind(id: FieldId): 'param' | 'metric' {
  return id.startsWith('params.') ? 'param' : 'metric';
}

/** The field's value for one run: a param's string, a metric's latest number, undefined when not logged. */
export function fieldValue(run: Run, id: FieldId): string | number | undefined {
  const key = fieldKey(id);
  return fieldKind(id) === 'param' ? ownValue(run.data.params, key) : ownValue(run.data.metrics, key)?.value;
}

/** A param value as a number when it is one ("0.01" → 0.01), else the string itself. */
export function asNumberIfNumeric(value: string | number | undefined): string | number | undefined {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return value;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : value;
}

/** The field's values across runs, numbers wherever every present value reads as one (so the axis is numeric). */
export function fieldValues(runs: readonly Run[], id: FieldId): (string | number | undefined)[] {
  const raw = runs.map((run) => fieldValue(run, id));
  const parsed = raw.map(asNumberIfNumeric);
  const allNumeric = parsed.every((v) => v === undefined || typeof v === 'number');
  return allNumeric ? parsed : raw.map((v) => (v === undefined ? undefined : String(v)));
}

/** Every param and metric key any of the runs has, sorted, as fields. */
export function listFields(runs: readonly Run[]): { params: FieldId[]; metrics: FieldId[] } {
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const run of runs) {
    Object.keys(run.data.params).forEach((k) => params.add(k));
    Object.keys(run.data.metrics).forEach((k) => metrics.add(k));
  }
  const sorted = (keys: Set<string>) => [...keys].sort((a, b) => a.localeCompare(b));
  return { params: sorted(params).map(paramField), metrics: sorted(metrics).map(metricField) };
}
