// The benchmark page: exposes one function per measurement on window.bench; the driver (bench/run.mjs) calls
// them through Playwright, one repetition per call, and does the statistics in Node.
import * as chartDraw from './chart-draw';
import * as digits from './digits';
import * as exportImport from './export-import';
import * as metricLogging from './metric-logging';
import * as metricRead from './metric-read';
import * as mlflowPushPull from './mlflow-push-pull';
import * as runsTable from './runs-table';
import * as throughput from './throughput';
import * as training from './training';

const api = {
  ...chartDraw,
  ...metricLogging,
  ...metricRead,
  ...runsTable,
  ...exportImport,
  ...training,
  ...throughput,
  ...mlflowPushPull,
  ...digits,
};

declare global {
  interface Window {
    bench: typeof api;
  }
}

window.bench = api;
