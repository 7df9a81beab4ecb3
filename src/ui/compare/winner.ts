import type { Run } from '../../tracking';
import type { DiffRow } from './diff';

/** Metric names a class most likely wants to win on, in order of preference. */
const PREFERRED_WINNING_METRICS = [/^val.*acc/, /^test.*acc/, /acc/, /^val.*loss/, /^test.*loss/, /loss/];

/** The metric that decides the winner when the user has not chosen one. */
export function defaultWinningMetric(metricKeys: readonly string[]): string | null {
  for (const pattern of PREFERRED_WINNING_METRICS) {
    const match = metricKeys.find((k) => pattern.test(k.toLowerCase()));
    if (match) return match;
  }
  return metricKeys[0] ?? null;
}

export interface Verdict {
  metric: string;
  direction: 'min' | 'max';
  /** Runs ordered best first (runs without the metric left out). */
  ranking: { run: Run; value: number }[];
  /** Params whose values differ between the runs: the candidate reasons for the result. */
  differingParams: DiffRow[];
}

/** The verdict on the metric the person chose (`winBy`), or on the default one when they chose none. */
export function decideWinner(runs: readonly Run[], rows: readonly DiffRow[], winBy: string | null): Verdict | null {
  const metrics = rows.filter((r) => r.section === 'metric').map((r) => r.key);
  const metric = winBy && metrics.includes(winBy) ? winBy : defaultWinningMetric(metrics);
  return metric ? verdict(runs, rows, metric) : null;
}

/** Ranks the runs on one metric of the diff rows and lists the params that differ. */
export function verdict(runs: readonly Run[], rows: readonly DiffRow[], metric: string): Verdict | null {
  const row = rows.find((r) => r.section === 'metric' && r.key === metric);
  if (!row || !row.direction) return null;
  const ranking = runs
    .map((run, i) => ({ run, value: row.values[i] }))
    .filter(
      (entry): entry is { run: Run; value: number } => typeof entry.value === 'number' && Number.isFinite(entry.value),
    )
    .sort((a, b) => (row.direction === 'min' ? a.value - b.value : b.value - a.value));
  if (ranking.length === 0) return null;
  return {
    metric,
    direction: row.direction,
    ranking,
    differingParams: rows.filter((r) => r.section === 'param' && r.differs),
  };
}
