/**
 * MLflow tracking server support over its REST API 2.0: push local runs, pull remote ones, check a server.
 * DOM-free, so it runs on the page and in Node tests alike.
 */
export { pushRuns, type PushOptions, type PushProgress, type PushResult } from './push';
export type { PushedRun } from './push-run';
export type { PushedModel } from './push-registry';
export { pullRuns, type PullOptions } from './pull';
export { checkServer, type ServerCheck } from './check';
export { MlflowError, type MlflowErrorCode } from './errors';
export { LOG_BATCH_LIMITS } from './log-batch';
export { SOURCE_RUN_TAG } from './wire';
export type { MlflowServer, RestClientOptions } from './rest-client';
export { PushOutbox, retryDelay, type OutboxOptions, type PushOutcome } from './outbox';
