/**
 * tabflow's tracking API: MLflow's client in camelCase, over IndexedDB. DOM-free and tfjs-free, so it runs in
 * the page, in workers and in Node.
 *
 *   const tracking = await openTracking();
 *   const run = await tracking.startRun({ runName: 'baseline' });
 *   await run.logParams({ lr: 0.01, optimizer: 'adam' });
 *   run.logMetric('loss', 0.42, 1);
 *   await run.end();
 */
import { TrackingClient, type TrackingOptions } from './client';

export async function openTracking(options: TrackingOptions = {}): Promise<TrackingClient> {
  return new TrackingClient(options).open();
}

export { TrackingClient, DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME, DEFAULT_MAX_RESULTS } from './client';
export type { TrackingOptions } from './client';
export { ActiveRun } from './active-run';
export * from './errors';
export * from './types';
export {
  LIMITS,
  paramToString,
  validateArtifactPath,
  validateExperimentId,
  validateExperimentName,
  validateExperimentTag,
  validateKey,
  validateParam,
  validateRunId,
  validateRunTag,
} from './validation';
export {
  readRegistry,
  readRunContents,
  writeSnapshot,
  type RunContents,
  type Snapshot,
  type SnapshotRun,
  type SnapshotRegisteredModel,
  type SnapshotModelVersion,
  type SnapshotWriteResult,
  type SkippedItem,
} from './snapshot';
export { observe, observeRuns, type LiveObservable, type ObserveRunsOptions, type Subscription } from './live';
export { parseFilter, parseOrderBy, filterRuns, sortRuns, MAX_RESULTS_LIMIT, quoteSearchValue } from './search';
export { parseModelUri, modelVersionUri, modelAliasUri, runModelUri, type ModelUri } from './model-uri';
export type { RegistryEntryOptions, ResolvedModel } from './registry';
export {
  REGISTRY_LIMITS,
  validateAliasName,
  validateDescription,
  validateModelName,
  validateRegistryTag,
} from './registry-validation';
export { estimateStorageUsage, type ExperimentUsage, type StorageUsage } from './usage';
export { deleteOwn, hasOwnKey, keyedRecord, ownValue, setOwn, type KeyedRecord } from './keyed-record';
export { watchAbandonedRuns } from './run-locks';
export {
  deferPush,
  enqueuePush,
  listOutbox,
  normalizeServerUrl,
  pushRecordsOf,
  recordPushes,
  removeFromOutbox,
  type OutboxEntry,
  type PushRecord,
} from './push-records';
