import { describe } from './describe';
import { forestImportance } from './random-forest';

/**
 * Which settings mattered for a metric, across runs: per param the correlation with the metric and a
 * random-forest importance. Only params whose values differ between the runs can have mattered; the rest are
 * left out. Pure and synchronous: the Compare page runs it in its worker.
 */

export interface ImportanceInput {
  params: Record<string, string>;
  value: number;
}

export interface ParamImportance {
  param: string;
  /** Pearson's r for numeric params; the correlation ratio η (0 … 1, no sign) for text params. */
  correlation: number;
  correlationKind: 'pearson' | 'eta';
  /** Share of the forest's impurity decrease (all params sum to 1). */
  importance: number;
}

export interface ImportanceResult {
  /** Runs that had the metric (what the numbers are based on). */
  n: number;
  params: ParamImportance[];
  /** Set when there are too few runs for the ranking to mean much, in words. */
  warning: string | null;
}

/** Below this many runs per varied param (and at least this many runs overall) the ranking is mostly noise. */
const RUNS_PER_PARAM = 3;
const MIN_RUNS = 8;

const isNumberText = (text: string | undefined) =>
  text !== undefined && text.trim() !== '' && Number.isFinite(Number(text));

function pearson(x: readonly number[], y: readonly number[]): number {
  const dx = describe(x)!;
  const dy = describe(y)!;
  let covariance = 0;
  for (let i = 0; i < x.length; i++) covariance += (x[i] - dx.mean) * (y[i] - dy.mean);
  const denominator = (x.length - 1) * dx.std * dy.std;
  return denominator === 0 ? 0 : covariance / denominator;
}

/** How much of the metric's variance the categories explain, as a correlation (η = √(between / total)). */
function correlationRatio(categories: readonly string[], y: readonly number[]): number {
  const overall = describe(y)!.mean;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = groups.get(categories[i]) ?? [];
    list.push(y[i]);
    groups.set(categories[i], list);
  }
  let between = 0;
  for (const values of groups.values()) between += values.length * (describe(values)!.mean - overall) ** 2;
  let total = 0;
  for (const v of y) total += (v - overall) ** 2;
  return total === 0 ? 0 : Math.sqrt(between / total);
}

/** Text categories as numbers for the trees, ordered by their mean metric (the order a best split needs). */
function encodeByMean(categories: readonly string[], y: readonly number[]): number[] {
  const sums = new Map<string, { sum: number; count: number }>();
  categories.forEach((c, i) => {
    const s = sums.get(c) ?? { sum: 0, count: 0 };
    s.sum += y[i];
    s.count++;
    sums.set(c, s);
  });
  const order = [...sums.entries()].sort((a, b) => a[1].sum / a[1].count - b[1].sum / b[1].count).map(([c]) => c);
  const rank = new Map(order.map((c, i) => [c, i]));
  return categories.map((c) => rank.get(c)!);
}

export function paramImportance(
  inputs: readonly ImportanceInput[],
  options: { seed?: number; trees?: number } = {},
): ImportanceResult {
  const rows = inputs.filter((r) => Number.isFinite(r.value));
  const y = rows.map((r) => r.value);
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.params)))].sort();
  // A missing param is its own value ("not set"), so runs from before a setting existed still count.
  const varied = keys.filter((key) => new Set(rows.map((r) => r.params[key])).size > 1);
  const columns = varied.map((key) => {
    const texts = rows.map((r) => r.params[key]);
    if (texts.every(isNumberText)) {
      const numbers = texts.map(Number);
      return { key, numbers, correlation: pearson(numbers, y), correlationKind: 'pearson' as const };
    }
    const categories = texts.map((t) => t ?? '\u0000not set');
    return {
      key,
      numbers: encodeByMean(categories, y),
      correlation: correlationRatio(categories, y),
      correlationKind: 'eta' as const,
    };
  });
  const importances =
    rows.length >= 2
      ? forestImportance(
          columns.map((c) => c.numbers),
          y,
          { seed: options.seed ?? 1, trees: options.trees },
        )
      : [];
  const params = columns
    .map((c, i): ParamImportance => ({
      param: c.key,
      correlation: c.correlation,
      correlationKind: c.correlationKind,
      importance: importances[i] ?? 0,
    }))
    .sort((a, b) => b.importance - a.importance || Math.abs(b.correlation) - Math.abs(a.correlation));
  const needed = Math.max(MIN_RUNS, RUNS_PER_PARAM * varied.length);
  const warning =
    rows.length < needed
      ? `Only ${rows.length} run${rows.length === 1 ? '' : 's'} logged this metric: too few to say which settings matter (about ${needed} would do). Repeat with more seeds or settings.`
      : null;
  return { n: rows.length, params, warning };
}
