import type { ChartSeries } from '../../charts/metric-chart';
import { formatNumber } from '../../charts/format';
import { emaSmooth } from '../../charts/smooth';
import type { Band, BandAxis } from '../../stats/bands';
import { describe, type Description } from '../../stats/describe';
import { welchTTest, type WelchResult } from '../../stats/welch';
import { groupKeyLabel, type RunGroup } from '../runs-table/grouping';
import type { Direction } from './diff';

/**
 * Compare, grouped: one mean line per group with its band, and the winner among groups with the question a
 * student asks — is the best group's lead bigger than the spread between seeds? Pure (no DOM).
 */

export type BandMode = 'std' | 'minmax' | 'none';
export const BAND_MODES: readonly BandMode[] = ['std', 'minmax', 'none'];
export const BAND_LABELS: Record<BandMode, string> = { std: 'Std', minmax: 'Min–max', none: 'None' };

/** "lr = 0.1, seed = 2" (the group's values, without the run count). */
export function groupLabel(group: RunGroup): string {
  return group.keys.map((key, i) => `${groupKeyLabel(key)} = ${group.values[i] ?? '(not set)'}`).join(', ');
}

/**
 * The band of `metric` for one group on one x axis; reloaded when the group's runs or their point counts
 * change.
 */
export function bandKey(group: RunGroup, metric: string, axis: BandAxis = 'step'): string {
  return `${metric}\u0000${axis}\u0000${group.runs.map((r) => `${r.info.runId}:${r.data.metrics[metric]?.count ?? 0}`).join(',')}`;
}

export interface GroupSeriesOptions {
  /** The x axis the bands were computed on (see BandAxis). */
  axis?: BandAxis;
  /** The Compare smoothing slider's EMA weight, applied as single runs get it (charts/smooth.ts). */
  smoothing?: number;
}

/**
 * One chart line per group that has the metric: the mean, shaded by ± 1 std or min–max; legend "label (n = 3)".
 * With smoothing, the mean and each band edge are smoothed like a single run's line (the same EMA on the same
 * kind of reduced series); the EMA is linear, so the smoothed mean stays the middle of the smoothed ± std edges.
 */
export function groupSeries(
  groups: readonly RunGroup[],
  metric: string,
  bands: ReadonlyMap<string, Band>,
  mode: BandMode,
  colors: ReadonlyMap<string, string>,
  { axis = 'step', smoothing = 0 }: GroupSeriesOptions = {},
): ChartSeries[] {
  const smooth = (values: ArrayLike<number>) => (smoothing > 0 ? emaSmooth(values, smoothing) : values);
  return groups.flatMap((group) => {
    const band = bands.get(bandKey(group, metric, axis));
    if (!band || band.steps.length === 0) return [];
    const n = group.runs.filter((r) => r.data.metrics[metric]).length;
    const series: ChartSeries = {
      key: group.id,
      label: `${groupLabel(group)} (n = ${n})`,
      color: colors.get(group.id),
      xs: band.steps,
      ys: smooth(band.mean),
    };
    if (mode === 'std')
      series.band = {
        lower: smooth(band.mean.map((m, i) => m - band.std[i])),
        upper: smooth(band.mean.map((m, i) => m + band.std[i])),
      };
    if (mode === 'minmax') series.band = { lower: smooth(band.min), upper: smooth(band.max) };
    return [series];
  });
}

export interface GroupStanding {
  group: RunGroup;
  /** The runs' last logged values of the metric. */
  description: Description;
  values: number[];
}

export interface GroupVerdict {
  metric: string;
  direction: Direction;
  /** Best mean first; groups where no run logged the metric are left out. */
  ranking: GroupStanding[];
  /** Best against runner-up; null when either has fewer than two runs or neither varies. */
  test: WelchResult | null;
  /** The answer in words a student understands. */
  sentence: string;
}

/** Below this p-value a lead is called larger than the spread (the usual 5 % level). */
export const SIGNIFICANCE = 0.05;

export function groupVerdict(groups: readonly RunGroup[], metric: string, direction: Direction): GroupVerdict | null {
  const ranking = groups
    .map((group) => {
      const values = group.runs.flatMap((run) => {
        const v = run.data.metrics[metric]?.value;
        return v !== undefined && Number.isFinite(v) ? [v] : [];
      });
      const description = describe(values);
      return description ? { group, description, values } : null;
    })
    .filter((s): s is GroupStanding => s !== null)
    .sort((a, b) =>
      direction === 'min' ? a.description.mean - b.description.mean : b.description.mean - a.description.mean,
    );
  if (ranking.length === 0) return null;
  const [best, second] = ranking;
  const test = second ? welchTTest(best.values, second.values) : null;
  return { metric, direction, ranking, test, sentence: verdictSentence(metric, best, second, test) };
}

function verdictSentence(
  metric: string,
  best: GroupStanding,
  second: GroupStanding | undefined,
  test: WelchResult | null,
): string {
  const name = groupLabel(best.group);
  const mean = `mean ${metric} ${formatNumber(best.description.mean)} ± ${formatNumber(best.description.std)} over ${best.description.n} run${best.description.n === 1 ? '' : 's'}`;
  if (!second) return `Only one group logged ${metric}: ${name}, ${mean}. Group by a setting that differs to compare.`;
  const lead = formatNumber(Math.abs(best.description.mean - second.description.mean));
  const other = groupLabel(second.group);
  if (!test) {
    return `${name} has the best ${mean}, ${lead} ahead of ${other}; but with fewer than two runs in a group (or no spread at all) there is no way to tell its lead from luck. Repeat with more seeds.`;
  }
  const p = test.p < 0.001 ? 'p < 0.001' : `p = ${test.p.toFixed(3)}`;
  return test.p < SIGNIFICANCE
    ? `${name} is best (${mean}). Its lead of ${lead} over ${other} is larger than the spread between seeds (Welch's t-test, ${p}): unlikely to be luck.`
    : `${name} is ahead (${mean}), but its lead of ${lead} over ${other} is within noise: the seeds spread about as much as the groups differ (Welch's t-test, ${p}). Run more seeds before calling it better.`;
}
