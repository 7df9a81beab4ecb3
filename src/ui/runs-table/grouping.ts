import { describe, type Aggregate, type Description } from '../../stats/describe';
import type { Run } from '../../tracking';
import { ownValue } from '../../tracking/keyed-record';

/**
 * Grouping runs by settings, and the one number a metric column shows: pure (no DOM), shared by the runs table
 * and the Compare page. A group key is a column-like id: `params.<key>`, `tags.<key>` or `attributes.parent_run`.
 */

/** Which of a run's stored numbers a metric column shows: the latest logged, or the best low or high. */
export type MetricPick = 'last' | 'min' | 'max';

export const METRIC_PICKS: readonly MetricPick[] = ['last', 'min', 'max'];

/** Per metric column: the value read from each run, and how a group's runs are summed up. */
export interface ColumnSummary {
  pick: MetricPick;
  aggregate: Aggregate;
}

export const DEFAULT_SUMMARY: ColumnSummary = { pick: 'last', aggregate: 'mean' };

/** Choices per metric key; a missing key uses DEFAULT_SUMMARY. */
export type SummaryChoices = Readonly<Record<string, Partial<ColumnSummary>>>;

export const PARENT_GROUP = 'attributes.parent_run';

export function summaryFor(choices: SummaryChoices | undefined, metric: string): ColumnSummary {
  return { ...DEFAULT_SUMMARY, ...(choices && ownValue(choices, metric)) };
}

/** The run row already holds each metric's latest, min and max, so no history is read. */
export function metricValue(run: Run, key: string, pick: MetricPick): number | undefined {
  const summary = ownValue(run.data.metrics, key);
  if (summary === undefined) return undefined;
  return pick === 'last' ? summary.value : pick === 'min' ? summary.min : summary.max;
}

/** The run's value for a group key; undefined when it has none (those runs form their own group). */
export function groupValueOf(run: Run, groupId: string): string | undefined {
  if (groupId === PARENT_GROUP) return run.info.parentRunId || undefined;
  const dot = groupId.indexOf('.');
  const kind = groupId.slice(0, dot);
  const key = groupId.slice(dot + 1);
  const source = kind === 'params' ? run.data.params : kind === 'tags' ? run.data.tags : null;
  return source ? ownValue(source, key) : undefined;
}

/** What a person reads for a group key: `lr`, `tag note`, `parent run`. */
export function groupKeyLabel(groupId: string): string {
  if (groupId === PARENT_GROUP) return 'parent run';
  if (groupId.startsWith('tags.')) return `tag ${groupId.slice(5)}`;
  return groupId.slice(groupId.indexOf('.') + 1);
}

/** Tags tabflow and MLflow write themselves (run source, sweep bookkeeping): not settings a person groups by. */
export const isSystemTag = (key: string) => key.startsWith('mlflow.') || key.startsWith('tabflow.');

/** The keys runs can be grouped by: every param, every user tag, and the parent run when any run has one. */
export function groupOptions(runs: readonly Run[]): string[] {
  const params = new Set<string>();
  const tags = new Set<string>();
  let nested = false;
  for (const run of runs) {
    for (const key of Object.keys(run.data.params)) params.add(key);
    for (const key of Object.keys(run.data.tags)) if (!isSystemTag(key)) tags.add(key);
    nested ||= Boolean(run.info.parentRunId);
  }
  return [
    ...[...params].sort().map((k) => `params.${k}`),
    ...[...tags].sort().map((k) => `tags.${k}`),
    ...(nested ? [PARENT_GROUP] : []),
  ];
}

export interface RunGroup {
  /** The group keys, in order (what `values` are values of). */
  keys: readonly string[];
  /** Stable across renders (the values themselves), used to remember which groups are expanded. */
  id: string;
  /** One value per group key, undefined where the runs lack it. */
  values: (string | undefined)[];
  /** In the order they were given (the table's sort order). */
  runs: Run[];
}

/**
 * Runs sharing every group key's value, groups in order of their first run. A run whose children are among the
 * runs (a sweep's or a repeat's parent) is their container, not one more repeat, so it is left out: otherwise a
 * parent logging the same learning rate would count as a fourth seed.
 */
export function groupRuns(runs: readonly Run[], groupIds: readonly string[]): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  const parents = new Set(runs.map((r) => r.info.parentRunId).filter(Boolean));
  for (const run of runs) {
    if (parents.has(run.info.runId)) continue;
    const values = groupIds.map((g) => groupValueOf(run, g));
    // JSON keeps undefined (as null) apart from the text "undefined", and a value containing a comma apart too.
    const id = JSON.stringify(values.map((v) => v ?? null));
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { keys: groupIds, id, values, runs: [] }));
    group.runs.push(run);
  }
  return [...groups.values()];
}

/** A group's metric cell: the chosen aggregate over its runs' picked values, with how many runs had one. */
export interface GroupMetric {
  /** Runs that logged the metric; the others are left out of the numbers. */
  n: number;
  description: Description | null;
  /** The number the cell shows and sorts by (the chosen aggregate); undefined when no run logged the metric. */
  value: number | undefined;
  aggregate: Aggregate;
}

export function groupMetric(runs: readonly Run[], key: string, summary: ColumnSummary): GroupMetric {
  const description = describe(runs.map((run) => metricValue(run, key, summary.pick)));
  return {
    n: description?.n ?? 0,
    description,
    value: description ? description[summary.aggregate] : undefined,
    aggregate: summary.aggregate,
  };
}
