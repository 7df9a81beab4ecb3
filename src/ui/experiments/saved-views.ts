import { AGGREGATES } from '../../stats/describe';
import { METRIC_PICKS, type SummaryChoices } from '../runs-table/grouping';
import type { SortState } from '../runs-table/sort-rows';
import { isStringArray, readChartView, type ChartView } from '../compare/chart-view';

/**
 * Saved views of an experiment's runs table — filter, sort, columns, grouping, metric summaries — and of its
 * Compare charts (grouping, band, smoothing, x axis, metrics; saved from Compare), stored as
 * experiment tags `tabflow.view.<name>` holding JSON, so they travel in the zip export (MLflow keeps experiment
 * tags) and come back on import. Pure: reading and writing the tag text, with every value checked, since a tag
 * can come from someone else's zip.
 */

export const VIEW_TAG_PREFIX = 'tabflow.view.';

export interface SavedView {
  filter: string;
  sort: SortState | null;
  groupBy: string[];
  hiddenColumns: string[];
  summaries: SummaryChoices;
  showIdenticalParams: boolean;
  hideIdentical: boolean;
  /** Compare's chart settings, in a view saved from Compare; a view saved from the runs table has none. */
  charts?: ChartView;
}

/** MLflow's tag key characters (see tracking/validation.ts), minus '/' so a name is one path segment in the zip. */
const NAME_PATTERN = /^[\p{L}\p{N}_.\- ]+$/u;
const MAX_NAME_LENGTH = 100;

export class SavedViewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavedViewError';
  }
}

/** The tag key of a view named `name`; throws, naming the fix, for a name that cannot be one. */
export function viewTagKey(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new SavedViewError('Give the view a name.');
  if (trimmed.length > MAX_NAME_LENGTH)
    throw new SavedViewError(
      `A view name can have at most ${MAX_NAME_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  if (!NAME_PATTERN.test(trimmed))
    throw new SavedViewError('A view name can hold letters, digits, spaces, "_", "-" and "." only.');
  return VIEW_TAG_PREFIX + trimmed;
}

export function serializeView(view: SavedView): string {
  return JSON.stringify({ version: 1, ...view });
}

function readSummaries(value: unknown): SummaryChoices {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, { pick?: (typeof METRIC_PICKS)[number]; aggregate?: (typeof AGGREGATES)[number] }> = {};
  for (const [key, choice] of Object.entries(value)) {
    if (typeof choice !== 'object' || choice === null) continue;
    const { pick, aggregate } = choice as Record<string, unknown>;
    const entry: (typeof out)[string] = {};
    if (METRIC_PICKS.includes(pick as never)) entry.pick = pick as (typeof METRIC_PICKS)[number];
    if (AGGREGATES.includes(aggregate as never)) entry.aggregate = aggregate as (typeof AGGREGATES)[number];
    Object.defineProperty(out, key, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Reads a view's tag text; throws SavedViewError in words when it is not a view tabflow wrote. */
export function parseView(text: string): SavedView {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SavedViewError('This view is not valid JSON; save the view again to replace it.');
  }
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1) {
    throw new SavedViewError(
      'This view was not written by this version of tabflow; save the view again to replace it.',
    );
  }
  const v = data as Record<string, unknown>;
  const sort = v.sort as Record<string, unknown> | null;
  return {
    filter: typeof v.filter === 'string' ? v.filter : '',
    sort:
      sort && typeof sort.columnId === 'string' && typeof sort.ascending === 'boolean'
        ? { columnId: sort.columnId, ascending: sort.ascending }
        : null,
    groupBy: isStringArray(v.groupBy) ? v.groupBy : [],
    hiddenColumns: isStringArray(v.hiddenColumns) ? v.hiddenColumns : [],
    summaries: readSummaries(v.summaries),
    showIdenticalParams: v.showIdenticalParams === true,
    hideIdentical: v.hideIdentical === true,
    charts: readChartView(v.charts),
  };
}

export interface NamedView {
  name: string;
  view: SavedView | null;
  /** Why the view cannot be opened, when it cannot. */
  problem: string;
}

/** Every `tabflow.view.*` tag of an experiment, by name; a damaged one is listed with its problem, not dropped. */
export function listViews(tags: Readonly<Record<string, string>>): NamedView[] {
  return Object.keys(tags)
    .filter((key) => key.startsWith(VIEW_TAG_PREFIX))
    .sort()
    .map((key) => {
      const name = key.slice(VIEW_TAG_PREFIX.length);
      try {
        return { name, view: parseView(tags[key]), problem: '' };
      } catch (error) {
        return { name, view: null, problem: error instanceof Error ? error.message : String(error) };
      }
    });
}
