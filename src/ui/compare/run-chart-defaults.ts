import type { Run } from '../../tracking';
import { fieldValues, listFields, metricField, type FieldId } from './fields';
import { valuesDiffer } from './diff';
import { defaultWinningMetric } from './winner';

/**
 * Sensible first choices for the per-run charts, so the page is useful before anyone touches a control: the
 * params that differ (they are what the comparison is about) against the metric that decides the winner.
 */
export function differingParams(runs: readonly Run[]): FieldId[] {
  return listFields(runs).params.filter((f) => valuesDiffer(fieldValues(runs, f)));
}

export function winningMetricField(runs: readonly Run[], winBy: string | null): FieldId | null {
  const metrics = listFields(runs).metrics.map((f) => f.slice('metrics.'.length));
  const metric = winBy && metrics.includes(winBy) ? winBy : defaultWinningMetric(metrics);
  return metric ? metricField(metric) : null;
}

/** Differing params (at most 6) then metrics, winner's metric first (at most 3); at most 8 axes. */
export function defaultParallelFields(runs: readonly Run[], winBy: string | null): FieldId[] {
  const winning = winningMetricField(runs, winBy);
  const metrics = listFields(runs).metrics;
  const ordered = winning ? [winning, ...metrics.filter((m) => m !== winning)] : metrics;
  return [...differingParams(runs).slice(0, 6), ...ordered.slice(0, 3)].slice(0, 8);
}

export function defaultScatterX(runs: readonly Run[]): FieldId | null {
  const differing = differingParams(runs);
  const numeric = differing.find((f) => fieldValues(runs, f).every((v) => v === undefined || typeof v === 'number'));
  return numeric ?? differing[0] ?? listFields(runs).params[0] ?? listFields(runs).metrics[0] ?? null;
}

/** The differing param with the fewest distinct values: groups of several runs make the most telling boxes. */
export function defaultBoxBy(runs: readonly Run[]): string | null {
  const candidates = differingParams(runs).map((f) => ({
    f,
    distinct: new Set(fieldValues(runs, f).map(String)).size,
  }));
  candidates.sort((a, b) => a.distinct - b.distinct);
  const choice = candidates[0]?.f ?? listFields(runs).params[0];
  return choice ? choice.slice('params.'.length) : null;
}
