// Pure helpers of the benchmark driver: summarising repetitions into one figure and printing the table.
// Kept free of Node and browser APIs so that unit tests can check them.

/** Median, min and max of one measurement's repetitions. */
export function summarise(samples) {
  if (samples.length === 0) throw new Error('summarise: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], repetitions: samples.length };
}

/**
 * A goal is a comparison against either the ratio (`ratio >= 0.8`) or the value itself (`value <= 50`): the
 * issue states some goals relative to the baseline and some in absolute units.
 */
export function meetsGoal(goal, value, ratio) {
  const x = goal.on === 'ratio' ? ratio : value;
  if (x === null || x === undefined || Number.isNaN(x)) return false;
  return goal.op === '>=' ? x >= goal.limit : x <= goal.limit;
}

export function describeGoal(goal, unit) {
  return goal.on === 'ratio' ? `${goal.op} ${goal.limit} (ratio)` : `${goal.op} ${goal.limit} ${unit}`;
}

/**
 * One results.json entry. `value` and `baseline` are medians; `ratio` is value / baseline, so it reads the same
 * way as the goal (throughput ratios want to be high, time ratios low).
 */
export function figureEntry({ figure, unit, samples, baselineSamples, goal, details }) {
  const value = summarise(samples);
  const baseline = baselineSamples ? summarise(baselineSamples) : null;
  const ratio = baseline && baseline.median !== 0 ? value.median / baseline.median : null;
  return {
    figure,
    value: value.median,
    unit,
    baseline: baseline ? baseline.median : null,
    ratio,
    goal: describeGoal(goal, unit),
    met: meetsGoal(goal, value.median, ratio),
    min: value.min,
    max: value.max,
    repetitions: value.repetitions,
    ...(baseline ? { baselineMin: baseline.min, baselineMax: baseline.max } : {}),
    ...(details ? { details } : {}),
  };
}

/** An entry for a figure that could not be measured in this run, with the reason in words. */
export function notMeasured(figure, reason) {
  return {
    figure,
    value: null,
    unit: null,
    baseline: null,
    ratio: null,
    goal: null,
    met: null,
    min: null,
    max: null,
    repetitions: 0,
    notMeasured: reason,
  };
}

/** Three significant digits, with thousands separators for large numbers. */
export function formatNumber(x) {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return x.toFixed(1);
  if (abs >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** The markdown table the driver prints and the README shows. */
export function markdownTable(entries) {
  const rows = [
    '| figure | tabflow (median) | min – max | baseline (median) | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const e of entries) {
    if (e.notMeasured) {
      rows.push(`| ${e.figure} | not measured: ${e.notMeasured} | | | | | |`);
      continue;
    }
    const unit = e.unit ? ` ${e.unit}` : '';
    const extra = (e.details?.notes ?? []).map((n) => `<br>${n}`).join('');
    rows.push(
      `| ${e.figure} | ${formatNumber(e.value)}${unit}${extra} | ${formatNumber(e.min)} – ${formatNumber(e.max)} | ` +
        `${e.baseline === null ? '—' : formatNumber(e.baseline) + unit} | ${e.ratio === null ? '—' : e.ratio.toFixed(2)} | ` +
        `${e.goal} | ${e.met ? 'yes' : 'no'} |`,
    );
  }
  return rows.join('\n');
}
