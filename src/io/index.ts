/**
 * Sharing runs: export to a zip in MLflow's file-store layout ("mlruns") and import tabflow zips, MLflow zips
 * and folders back. Both directions work on a TrackingClient, so scripts and tests use them as the UI does:
 *
 *   const zip = await exportRuns(tracking, { runIds });          // a Blob; everything when no ids are given
 *   const summary = await importRuns(tracking, file, { onExisting: 'skip' });
 *
 * The page uses `exportRunsInWorker` / `importRunsInWorker`, the same calls run in a worker of their own.
 */
export { exportRuns, EXPORT_FORMAT_VERSION, type ExportOptions } from './export';
export { importRuns, type ImportOptions, type ImportSummary } from './import';
export { exportRunsInWorker, importRunsInWorker } from './worker-bridge';
export { ImportError, CancelledError, type ImportErrorCode } from './errors';
export { DEFAULT_LIMITS, type ImportLimits, type ImportSource, type DirectoryHandleLike } from './sources';
export { formatPythonFloat, parsePythonFloat } from './python-float';
export { encodeMetricLines, formatMetricLines, parseMetricBytes, parseMetricLines } from './metric-lines';
export {
  pushRuns,
  pullRuns,
  checkServer,
  PushOutbox,
  MlflowError,
  type MlflowErrorCode,
  type MlflowServer,
  type PushOutcome,
  type PushProgress,
  type PushResult,
  type PushedRun,
  type PushedModel,
  type ServerCheck,
} from './mlflow';
