import { ValidationError } from './errors';

/**
 * MLflow's validation rules (mlflow/utils/validation.py). Following them exactly means anything tabflow stores
 * can be written to MLflow's file store and read back by `mlflow ui`.
 */
export const LIMITS = {
  keyLength: 250,
  paramValueLength: 6000,
  runTagValueLength: 8000,
  experimentNameLength: 500,
  experimentTagValueLength: 5000,
} as const;

// Python's `\w` in MLflow's `^[/\w.\- ]*$` is Unicode-aware (letters and numbers of any script, and '_'), so
// a key like 'précision' or '损失' is valid in MLflow and must be here; JavaScript's `\w` is ASCII only.
const KEY_PATTERN = /^[/\p{L}\p{N}_.\- ]*$/u;
const RUN_ID_PATTERN = /^[a-zA-Z0-9][\w-]{0,255}$/;

/** Normalises like Python's posixpath.normpath, which MLflow uses to reject keys that would escape a folder. */
function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  const joined = parts.join('/');
  return path.startsWith('/') ? `/${joined}` : joined || '.';
}

export type KeyKind = 'metric' | 'param' | 'tag' | 'experiment tag';

export function validateKey(kind: KeyKind, key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new ValidationError(`Invalid ${kind} name: ${JSON.stringify(key)}. A name must be a non-empty string.`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`,
    );
  }
  if (key === '.' || key.startsWith('..') || key.startsWith('/') || normalisePath(key) !== key) {
    throw new ValidationError(
      `Invalid ${kind} name: '${key}'. Names may not be '.', start with '..' or '/', or change under path normalisation (no '//', './' or trailing '/').`,
    );
  }
  // MLflow counts Python characters, i.e. code points, not UTF-16 units.
  const length = [...key].length;
  if (length > LIMITS.keyLength) {
    throw new ValidationError(
      `Invalid ${kind} name: '${key.slice(0, 40)}…' is ${length} characters long; the limit is ${LIMITS.keyLength}.`,
    );
  }
}

export function validateLength(what: string, key: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw new ValidationError(`${what} '${key}' has a value of ${value.length} characters; the limit is ${limit}.`);
  }
}

export function validateParam(key: string, value: string): void {
  validateKey('param', key);
  validateLength('Param', key, value, LIMITS.paramValueLength);
}

export function validateRunTag(key: string, value: string): void {
  validateKey('tag', key);
  validateLength('Tag', key, value, LIMITS.runTagValueLength);
}

export function validateExperimentTag(key: string, value: string): void {
  validateKey('experiment tag', key);
  validateLength('Experiment tag', key, value, LIMITS.experimentTagValueLength);
}

export function validateMetric(key: string, value: number, step: number, timestamp: number): void {
  validateKey('metric', key);
  if (typeof value !== 'number') {
    throw new ValidationError(
      `Metric '${key}' has a non-numeric value ${JSON.stringify(value)}; metric values must be numbers (NaN and ±Infinity are allowed).`,
    );
  }
  if (!Number.isInteger(step)) {
    throw new ValidationError(`Metric '${key}' has step ${step}; a step must be an integer.`);
  }
  if (!Number.isFinite(timestamp) || timestamp < 0) {
    throw new ValidationError(
      `Metric '${key}' has timestamp ${timestamp}; a timestamp must be a number of milliseconds ≥ 0.`,
    );
  }
}

export function validateExperimentName(name: string): void {
  if (typeof name !== 'string' || name.trim().length === 0) {
    throw new ValidationError('An experiment name must be a non-empty string.');
  }
  if (name.length > LIMITS.experimentNameLength) {
    throw new ValidationError(
      `Experiment name '${name.slice(0, 40)}…' is ${name.length} characters long; the limit is ${LIMITS.experimentNameLength}.`,
    );
  }
}

/** MLflow's experiment ids are digits (FileStore, SQL stores) or 32 hex characters; nothing else is accepted. */
const EXPERIMENT_ID_PATTERN = /^(?:\d{1,32}|[0-9a-f]{32})$/;

export function validateExperimentId(experimentId: string): void {
  if (typeof experimentId !== 'string' || !EXPERIMENT_ID_PATTERN.test(experimentId)) {
    throw new ValidationError(
      `Invalid experiment id ${JSON.stringify(experimentId)}: MLflow's experiment ids are digits or 32 hex characters.`,
    );
  }
}

export function validateRunId(runId: string): void {
  if (typeof runId !== 'string' || !RUN_ID_PATTERN.test(runId)) {
    throw new ValidationError(`Invalid run id ${JSON.stringify(runId)}: it must match ${RUN_ID_PATTERN.source}.`);
  }
}

/** Artifact paths are relative, '/'-separated and may not climb out of the run's folder. */
export function validateArtifactPath(path: string): void {
  if (typeof path !== 'string' || path.length === 0) {
    throw new ValidationError('An artifact path must be a non-empty string.');
  }
  if (
    path.startsWith('/') ||
    /^[a-zA-Z]:/.test(path) ||
    path.includes('\\') ||
    path.split('/').some((p) => p === '..' || p === '.' || p === '')
  ) {
    throw new ValidationError(
      `Invalid artifact path '${path}': it must be relative, use '/' and contain no '.', '..' or empty parts.`,
    );
  }
}

/** MLflow stores params as strings: `logParam('lr', 0.01)` stores '0.01', as Python's str() would. */
export function paramToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
