import { BAND_MODES, type BandMode } from './group-bands';
import { X_AXIS_MODES, type CompareSettings, type XAxisMode } from './compare-settings';
import type { SavedView } from '../experiments/saved-views';

/**
 * The part of Compare's settings a saved view keeps ("charts"): how the metric curves are drawn, not which runs.
 * Opening the view on any set of runs draws them the same way.
 */
export type ChartView = Pick<CompareSettings, 'groupBy' | 'band' | 'smoothing' | 'x' | 'metrics' | 'logScale'>;

export function chartViewOf(settings: CompareSettings): ChartView {
  const { groupBy, band, smoothing, x, metrics, logScale } = settings;
  return { groupBy: [...groupBy], band, smoothing, x, metrics: metrics && [...metrics], logScale };
}

/** A stored value that is a list of strings (views come from JSON someone else may have written). */
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * A view's "charts" as stored (JSON from an experiment tag, perhaps from someone else's zip): every value
 * checked, anything malformed replaced by Compare's default. Undefined when the view holds no charts.
 */
export function readChartView(value: unknown): ChartView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const smoothing = typeof v.smoothing === 'number' && Number.isFinite(v.smoothing) ? v.smoothing : 0;
  return {
    groupBy: isStringArray(v.groupBy) ? v.groupBy : [],
    band: BAND_MODES.includes(v.band as BandMode) ? (v.band as BandMode) : 'std',
    smoothing: Math.min(Math.max(smoothing, 0), 0.99),
    x: X_AXIS_MODES.includes(v.x as XAxisMode) ? (v.x as XAxisMode) : 'step',
    metrics: isStringArray(v.metrics) ? v.metrics : null,
    logScale: v.logScale === true,
  };
}

/**
 * A view saved from Compare: its chart settings, and a runs table grouped the same way (the rest of the table
 * at its defaults), so opening it from the experiment's Views list groups the table like the charts.
 */
export function viewFromCompare(settings: CompareSettings): SavedView {
  return {
    filter: '',
    sort: null,
    groupBy: [...settings.groupBy],
    hiddenColumns: [],
    summaries: {},
    showIdenticalParams: false,
    hideIdentical: false,
    charts: chartViewOf(settings),
  };
}
