import { ValidationError } from './errors';
import { validateKey, validateLength } from './validation';

/**
 * MLflow's model registry rules (mlflow/utils/validation.py: _validate_model_name, _validate_model_version,
 * _validate_model_alias_name), plus what a name needs to be a folder of MLflow's file store
 * (`mlruns/models/<name>/`), since tabflow's zip export writes exactly that layout.
 */

export const REGISTRY_LIMITS = {
  modelNameLength: 256,
  aliasLength: 255,
  tagValueLength: 5000,
  descriptionLength: 5000,
} as const;

const ALIAS_PATTERN = /^[\w-]*$/;
const VERSION_ALIAS_PATTERN = /^[vV]\d+$/;

export function validateModelName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new ValidationError('A registered model needs a name.');
  if (name.length > REGISTRY_LIMITS.modelNameLength) {
    throw new ValidationError(
      `Model name '${name.slice(0, 40)}…' is ${name.length} characters long; the limit is ${REGISTRY_LIMITS.modelNameLength}.`,
    );
  }
  if (/[/\\:]/.test(name) || name === '.' || name === '..' || name !== name.trim()) {
    throw new ValidationError(
      `Invalid model name '${name}': it may not contain '/', '\\' or ':', be '.' or '..', or start or end with a space (it becomes a folder name and part of models:/ URIs).`,
    );
  }
}

/** A version is a whole number ≥ 1 (MLflow accepts "3" as well as 3). */
export function toVersionNumber(version: number | string): number {
  const n = typeof version === 'number' ? version : /^\s*\d+\s*$/.test(version) ? Number(version) : NaN;
  if (!Number.isInteger(n) || n < 1)
    throw new ValidationError(`Model version must be a whole number of at least 1, got '${version}'.`);
  return n;
}

export function validateAliasName(alias: string): void {
  if (typeof alias !== 'string' || alias === '')
    throw new ValidationError('Registered model alias name cannot be empty.');
  if (!ALIAS_PATTERN.test(alias)) {
    throw new ValidationError(
      `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`,
    );
  }
  if (alias.length > REGISTRY_LIMITS.aliasLength) {
    throw new ValidationError(
      `Registered model alias name is ${alias.length} characters long; the limit is ${REGISTRY_LIMITS.aliasLength}.`,
    );
  }
  if (alias.toLowerCase() === 'latest')
    throw new ValidationError("'latest' alias name (case insensitive) is reserved.");
  if (VERSION_ALIAS_PATTERN.test(alias)) throw new ValidationError(`Version alias name '${alias}' is reserved.`);
}

export function validateRegistryTag(key: string, value: string): void {
  validateKey('tag', key);
  validateLength('Tag', key, value, REGISTRY_LIMITS.tagValueLength);
}

export function validateDescription(description: string): void {
  if (description.length > REGISTRY_LIMITS.descriptionLength) {
    throw new ValidationError(
      `A description is limited to ${REGISTRY_LIMITS.descriptionLength} characters; this one has ${description.length}.`,
    );
  }
}
