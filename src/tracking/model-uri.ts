import { ValidationError } from './errors';

/**
 * MLflow's model URIs, as `mlflow.pyfunc.load_model` takes them:
 *   models:/<name>/<version>   a registered model version
 *   models:/<name>/latest      its newest version
 *   models:/<name>@<alias>     the version an alias points at
 *   runs:/<runId>/<path>       a model logged in a run, by artifact path
 */
export type ModelUri =
  | { kind: 'version'; name: string; version: number }
  | { kind: 'latest'; name: string }
  | { kind: 'alias'; name: string; alias: string }
  | { kind: 'run'; runId: string; artifactPath: string };

function bad(uri: string, why: string): ValidationError {
  return new ValidationError(
    `Invalid model URI '${uri}': ${why}. Use models:/<name>/<version>, models:/<name>@<alias> or runs:/<run id>/<artifact path>.`,
  );
}

export function parseModelUri(uri: string): ModelUri {
  if (uri.startsWith('runs:/')) {
    const [runId, ...rest] = uri.slice('runs:/'.length).replace(/^\/+/, '').split('/');
    const artifactPath = rest.join('/').replace(/\/+$/, '');
    if (!runId || !artifactPath) throw bad(uri, 'a runs:/ URI needs a run id and an artifact path');
    return { kind: 'run', runId, artifactPath };
  }
  if (!uri.startsWith('models:/')) throw bad(uri, 'it must start with models:/ or runs:/');
  const path = uri.slice('models:/'.length).replace(/^\/+/, '');
  const parts = path.split('/');
  if (parts.length === 1) {
    // Names may hold '@' only before the alias: MLflow splits at the last one too.
    const at = path.lastIndexOf('@');
    if (at <= 0 || at === path.length - 1)
      throw bad(uri, 'give a version (models:/<name>/<version>) or an alias (models:/<name>@<alias>)');
    return { kind: 'alias', name: path.slice(0, at), alias: path.slice(at + 1) };
  }
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw bad(uri, 'expected exactly one name and one version');
  const [name, suffix] = parts;
  if (/^\d+$/.test(suffix) && Number(suffix) >= 1) return { kind: 'version', name, version: Number(suffix) };
  if (suffix.toLowerCase() === 'latest') return { kind: 'latest', name };
  throw bad(uri, `'${suffix}' is not a version number (stages are not supported; use an alias)`);
}

export function modelVersionUri(name: string, version: number): string {
  return `models:/${name}/${version}`;
}

export function modelAliasUri(name: string, alias: string): string {
  return `models:/${name}@${alias}`;
}

export function runModelUri(runId: string, artifactPath: string): string {
  return `runs:/${runId}/${artifactPath}`;
}
