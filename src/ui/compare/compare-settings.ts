import type { Direction } from './diff';
import { isFieldId, type FieldId } from './fields';
import { keyedRecord, setOwn } from '../../tracking/keyed-record';
import { BAND_MODES, type BandMode } from './group-bands';

/** What the x axis of the metric charts measures. */
export type XAxisMode = 'step' | 'wall' | 'relative';
export const X_AXIS_MODES: readonly XAxisMode[] = ['step', 'wall', 'relative'];

/**
 * Everything the Compare page shows, held in its URL (`#/compare?runs=a,b&x=wall&smooth=0.6…`) so a reload
 * or a shared link reopens the same view. Null means "the default for these runs" (decided once data loads).
 */
export interface CompareSettings {
  runIds: string[];
  metrics: string[] | null;
  x: XAxisMode;
  /** EMA weight in [0, 0.99]. */
  smoothing: number;
  logScale: boolean;
  hiddenRuns: string[];
  onlyDifferences: boolean;
  /** Per-metric overrides of the best-value direction. */
  directions: Record<string, Direction>;
  parallelFields: FieldId[] | null;
  scatterX: FieldId | null;
  scatterY: FieldId | null;
  boxMetric: string | null;
  boxBy: string | null;
  /** The metric that decides the winner in the summary. */
  winBy: string | null;
  /** Group keys (`params.lr`, `tags.x`, `attributes.parent_run`): one mean line per group instead of a line per run. */
  groupBy: string[];
  /** The shading around each group's mean line. */
  band: BandMode;
  /** The metric the "Parameter importance" section explains. */
  importanceMetric: string | null;
}

// Metric and param keys cannot contain commas or colons (MLflow's key rule: letters, digits, _ - . / space),
// so comma-separated lists and key:direction pairs are unambiguous.
const list = (text: string | null): string[] => (text ? text.split(',').filter(Boolean) : []);

export function parseSettings(query: URLSearchParams): CompareSettings {
  const x = query.get('x') as XAxisMode;
  const smoothing = Number(query.get('smooth') ?? 0);
  const directions = keyedRecord<Direction>();
  for (const pair of list(query.get('best'))) {
    const [key, direction] = pair.split(':');
    if (key && (direction === 'min' || direction === 'max')) setOwn(directions, key, direction);
  }
  const field = (name: string) => {
    const value = query.get(name);
    return value && isFieldId(value) ? value : null;
  };
  return {
    runIds: [...new Set(list(query.get('runs')))],
    metrics: query.has('metrics') ? list(query.get('metrics')) : null,
    x: X_AXIS_MODES.includes(x) ? x : 'step',
    smoothing: Number.isFinite(smoothing) ? Math.min(Math.max(smoothing, 0), 0.99) : 0,
    logScale: query.get('log') === '1',
    hiddenRuns: list(query.get('hide')),
    onlyDifferences: query.get('diff') === 'only',
    directions,
    parallelFields: query.has('axes') ? list(query.get('axes')).filter(isFieldId) : null,
    scatterX: field('sx'),
    scatterY: field('sy'),
    boxMetric: query.get('box'),
    boxBy: query.get('by'),
    winBy: query.get('win'),
    groupBy: list(query.get('group')),
    band: BAND_MODES.includes(query.get('band') as BandMode) ? (query.get('band') as BandMode) : 'std',
    importanceMetric: query.get('imp'),
  };
}

/** The inverse of parseSettings; defaults are left out so URLs stay short. */
export function settingsToQuery(settings: CompareSettings): URLSearchParams {
  const query = new URLSearchParams();
  query.set('runs', settings.runIds.join(','));
  if (settings.metrics) query.set('metrics', settings.metrics.join(','));
  if (settings.x !== 'step') query.set('x', settings.x);
  if (settings.smoothing > 0) query.set('smooth', String(settings.smoothing));
  if (settings.logScale) query.set('log', '1');
  if (settings.hiddenRuns.length) query.set('hide', settings.hiddenRuns.join(','));
  if (settings.onlyDifferences) query.set('diff', 'only');
  const best = Object.entries(settings.directions).map(([k, d]) => `${k}:${d}`);
  if (best.length) query.set('best', best.join(','));
  if (settings.parallelFields) query.set('axes', settings.parallelFields.join(','));
  if (settings.scatterX) query.set('sx', settings.scatterX);
  if (settings.scatterY) query.set('sy', settings.scatterY);
  if (settings.boxMetric) query.set('box', settings.boxMetric);
  if (settings.boxBy) query.set('by', settings.boxBy);
  if (settings.winBy) query.set('win', settings.winBy);
  if (settings.groupBy.length) query.set('group', settings.groupBy.join(','));
  if (settings.band !== 'std') query.set('band', settings.band);
  if (settings.importanceMetric) query.set('imp', settings.importanceMetric);
  return query;
}
