/**
 * "runs table": ms to apply a search filter and an order_by over many runs with 30 columns (10 params, 10
 * metrics, 10 tags) using the tracking module's filterRuns/sortRuns, against a hand-written Array.filter + sort
 * of the same rows (what a table without MLflow's grammar would do); and the Experiments page's own update, from
 * the table pipeline to the drawn <runs-table>.
 */
import { filterRuns, sortRuns, type MetricSummary, type Run } from '../src/tracking';
import '../src/ui/runs-table/runs-table';
import { TablePipeline, type TableView } from '../src/ui/runs-table/pipeline';
import type { SortState } from '../src/ui/runs-table/sort-rows';
import { seededValues, timeMs } from './timing';

export const RUNS_TABLE_FILTER = "metrics.accuracy > 0.5 and params.optimizer = 'adam'";
export const RUNS_TABLE_ORDER = ['metrics.val_loss ASC'];

const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'];
const METRICS = [
  'loss',
  'accuracy',
  'val_loss',
  'val_accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'lr',
  'epoch_time',
];
const PARAM_COUNT = 9;
const TAG_COUNT = 10;

let runs: Run[] = [];

function summary(value: number, step: number): MetricSummary {
  return { value, step, timestamp: 1_700_000_000_000 + step, min: value, max: value, count: step + 1 };
}

/** Builds `count` runs in memory, as searchRuns returns them. Deterministic, so every repetition sees the same. */
export function runsTablePrepare({ count }: { count: number }): { count: number; filter: string; orderBy: string[] } {
  const random = seededValues(count * (METRICS.length + PARAM_COUNT + 1), 3);
  let at = 0;
  runs = [];
  for (let i = 0; i < count; i++) {
    const params: Record<string, string> = { optimizer: OPTIMIZERS[Math.floor(random[at++] * OPTIMIZERS.length)] };
    for (let p = 0; p < PARAM_COUNT; p++) params[`param_${p}`] = random[at++].toFixed(4);
    const metrics: Record<string, MetricSummary> = {};
    for (const key of METRICS) metrics[key] = summary(random[at++], 99);
    const tags: Record<string, string> = { 'mlflow.runName': `run-${i}` };
    for (let t = 1; t < TAG_COUNT; t++) tags[`tag_${t}`] = `value-${(i * 7 + t) % 13}`;
    runs.push({
      info: {
        runId: i.toString(16).padStart(32, '0'),
        runName: `run-${i}`,
        experimentId: '0',
        status: 'FINISHED',
        startTime: 1_700_000_000_000 + i,
        endTime: 1_700_000_100_000 + i,
        lifecycleStage: 'active',
        userId: 'bench',
        artifactUri: `tabflow:/0/${i}/artifacts`,
      },
      data: { params, tags, metrics },
      inputs: { datasetInputs: [] },
    });
  }
  return { count: runs.length, filter: RUNS_TABLE_FILTER, orderBy: RUNS_TABLE_ORDER };
}

export interface RunsTableSample {
  ms: number;
  matched: number;
  firstRunId: string;
}

export async function runsTableTabflow(): Promise<RunsTableSample> {
  let result: Run[] = [];
  const ms = await timeMs(() => {
    result = sortRuns(filterRuns(runs, RUNS_TABLE_FILTER), RUNS_TABLE_ORDER);
  });
  return { ms, matched: result.length, firstRunId: result[0]?.info.runId ?? '' };
}

export async function runsTablePlain(): Promise<RunsTableSample> {
  let result: Run[] = [];
  const ms = await timeMs(() => {
    result = runs
      .filter((run) => run.data.metrics.accuracy.value > 0.5 && run.data.params.optimizer === 'adam')
      .sort((a, b) => a.data.metrics.val_loss.value - b.data.metrics.val_loss.value);
  });
  return { ms, matched: result.length, firstRunId: result[0]?.info.runId ?? '' };
}

/**
 * What the Experiments page does when a person applies the filter and sorts a column on a table already showing
 * every run: the runs table's pipeline (filter, sort, nest, columns) and the virtualized <runs-table> redrawing,
 * timed until the next frame.
 */
export async function runsTableElement(): Promise<RunsTableSample> {
  const table = document.createElement('runs-table');
  table.style.cssText = 'display:block;position:relative;width:1200px;height:800px';
  document.body.append(table);
  const pipeline = new TablePipeline();
  const show = (filter: string, sort: SortState | null) => {
    const view = pipeline.compute({
      runs,
      filter,
      sort,
      hiddenIds: new Set(),
      hideIdentical: false,
      expanded: new Set(),
    });
    table.rows = view.rows;
    table.columns = view.columns;
    table.sort = sort;
    return view;
  };
  try {
    show('', null);
    await table.updateComplete;
    // The table learns its box's size from a ResizeObserver, which reports after the first frame's layout and
    // redraws the rows for the real height: wait for that redraw too, or the timed update would include the
    // table's first draw (a table already showing every run has long been measured).
    await nextFrame();
    await table.updateComplete;
    await nextFrame();
    let view: TableView | null = null;
    const ms = await timeMs(async () => {
      view = show(RUNS_TABLE_FILTER, { columnId: 'metrics.val_loss', ascending: true });
      await table.updateComplete;
      await nextFrame();
    });
    const sorted = (view as TableView | null)?.sorted ?? [];
    return { ms, matched: sorted.length, firstRunId: sorted[0]?.info.runId ?? '' };
  } finally {
    table.remove();
  }
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
