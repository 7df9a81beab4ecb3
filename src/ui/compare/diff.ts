import type { Run } from '../../tracking';
import { ownValue } from '../../tracking/keyed-record';
import { csvField } from '../../shared/csv-field';

/** Which way is better for a metric. */
export type Direction = 'min' | 'max';

export type DiffSection = 'param' | 'metric' | 'tag';

export interface DiffRow {
  section: DiffSection;
  key: string;
  /** One cell per run, in the runs' order; undefined when that run did not log it. */
  values: (string | number | undefined)[];
  /** True when not every run has the same value (a missing value counts as different). */
  differs: boolean;
  /** Metric rows: the direction used and the columns holding the best value (ties are all marked). */
  direction?: Direction;
  best?: number[];
}

// Words that name something to make small. Matched as whole words of the key ("val_loss", "test-rmse",
// "error_rate"), so "lossless_ratio" would still match but "accuracy" or "recall" never do.
const LOWER_IS_BETTER = new Set([
  'loss',
  'error',
  'err',
  'mae',
  'mse',
  'rmse',
  'msle',
  'rmsle',
  'mape',
  'smape',
  'logloss',
  'perplexity',
  'cost',
  'regret',
  'wer',
  'cer',
  'fpr',
  'fnr',
  'latency',
  'duration',
  'time',
  'distance',
  'divergence',
  'kl',
  'nll',
  'bpd',
]);

/** MLflow users' usual default: smaller is better for loss-like names, larger for everything else. */
export function defaultDirection(metricKey: string): Direction {
  const words = metricKey
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w) => LOWER_IS_BETTER.has(w) || w.endsWith('loss') || w.endsWith('error')) ? 'min' : 'max';
}

/** True unless every value is present and equal. Values compare as text, as MLflow stores params. */
export function valuesDiffer(values: readonly (string | number | undefined)[]): boolean {
  if (values.length < 2) return false;
  const first = values[0] === undefined ? undefined : String(values[0]);
  return values.some((v) => (v === undefined ? undefined : String(v)) !== first);
}

/** Indices of the best finite value(s); empty when no value is finite. */
export function bestIndices(values: readonly (string | number | undefined)[], direction: Direction): number[] {
  let best = direction === 'min' ? Infinity : -Infinity;
  const numbers = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  for (const v of numbers) {
    if (v === null) continue;
    if (direction === 'min' ? v < best : v > best) best = v;
  }
  if (!Number.isFinite(best)) return [];
  return numbers.flatMap((v, i) => (v === best ? [i] : []));
}

const sortedKeys = (runs: readonly Run[], pick: (run: Run) => object) =>
  [...new Set(runs.flatMap((run) => Object.keys(pick(run))))].sort((a, b) => a.localeCompare(b));

/** MLflow's system tags (mlflow.runName, mlflow.user, …) repeat what the table header already shows. */
const isSystemTag = (key: string) => key.startsWith('mlflow.');

/** The diff table's rows: params, then latest metrics (with best marks), then user tags. */
export function buildDiffRows(runs: readonly Run[], directions: Readonly<Record<string, Direction>> = {}): DiffRow[] {
  const params = sortedKeys(runs, (r) => r.data.params).map((key): DiffRow => {
    const values = runs.map((r) => ownValue(r.data.params, key));
    return { section: 'param', key, values, differs: valuesDiffer(values) };
  });
  const metrics = sortedKeys(runs, (r) => r.data.metrics).map((key): DiffRow => {
    const values = runs.map((r) => ownValue(r.data.metrics, key)?.value);
    const direction = ownValue(directions, key) ?? defaultDirection(key);
    return {
      section: 'metric',
      key,
      values,
      differs: valuesDiffer(values),
      direction,
      best: bestIndices(values, direction),
    };
  });
  const tags = sortedKeys(runs, (r) => r.data.tags)
    .filter((key) => !isSystemTag(key))
    .map((key): DiffRow => {
      const values = runs.map((r) => ownValue(r.data.tags, key));
      return { section: 'tag', key, values, differs: valuesDiffer(values) };
    });
  return [...params, ...metrics, ...tags];
}

/** The diff table as CSV: one column per run (named by run name), rows as shown, best marks in a column. */
export function diffToCsv(runs: readonly Run[], rows: readonly DiffRow[]): string {
  const header = ['section', 'key', ...runs.map((r) => r.info.runName || r.info.runId), 'best'];
  const lines = rows.map((row) => [
    row.section,
    row.key,
    ...row.values,
    row.best?.length ? row.best.map((i) => runs[i].info.runName || runs[i].info.runId).join(' ') : undefined,
  ]);
  return [header, ...lines].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
