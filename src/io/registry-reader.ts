import {
  keyedRecord,
  setOwn,
  validateAliasName,
  validateDescription,
  validateModelName,
  validateRegistryTag,
  type SnapshotModelVersion,
  type SnapshotRegisteredModel,
} from '../tracking';
import { ImportError } from './errors';
import type { MlrunsLayout } from './mlruns-layout';
import type { TreeReader } from './mlruns-reader';

/**
 * The artifact path of a model version inside its run, from MLflow's `source`: `runs:/<run>/<path>`, or a file
 * URI ending in `<run>/artifacts/<path>` written on another machine.
 */
export function artifactPathOfSource(source: string, runId: string): string {
  const runs = /^runs:\/+([^/]+)\/(.+)$/.exec(source);
  if (runs) return runs[2].replace(/\/+$/, '');
  const marker = `${runId}/artifacts/`;
  const at = source.replace(/\\/g, '/').lastIndexOf(marker);
  return at >= 0 ? source.slice(at + marker.length).replace(/\/+$/, '') : '';
}

function versionNumberOf(text: string, file: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new ImportError(
      'INVALID_CONTENT',
      `${file}: ${what} must hold a version number of at least 1, found '${text.slice(0, 40)}'.`,
      file,
    );
  }
  return Number(text);
}

export async function readRegistryFiles(
  reader: TreeReader,
  layout: MlrunsLayout,
): Promise<{ registeredModels: SnapshotRegisteredModel[]; modelVersions: SnapshotModelVersion[] }> {
  const registeredModels: SnapshotRegisteredModel[] = [];
  const modelVersions: SnapshotModelVersion[] = [];
  for (const model of layout.models.values()) {
    if (!model.meta) continue;
    const f = await reader.yaml(model.meta);
    const name = f.string('name');
    reader.check(model.meta.path, () => validateModelName(name));
    // The same rules as the registry API: an alias from a file must be one setRegisteredModelAlias would accept.
    const aliases = keyedRecord<number>();
    for (const [alias, version] of Object.entries(f.record('aliases'))) {
      reader.check(model.meta.path, () => validateAliasName(alias));
      setOwn(aliases, alias, versionNumberOf(String(version), model.meta.path, `alias '${alias}'`));
    }
    for (const [alias, entry] of model.aliases) {
      reader.check(entry.path, () => validateAliasName(alias));
      setOwn(aliases, alias, versionNumberOf((await reader.text(entry)).trim(), entry.path, 'an alias file'));
    }
    const created = f.integer('creation_timestamp', null) ?? 0;
    const description = f.string('description', '');
    reader.check(model.meta.path, () => validateDescription(description));
    registeredModels.push({
      name,
      description,
      tags: await reader.keyValues(model.tags, validateRegistryTag),
      aliases,
      creationTimestamp: created,
      lastUpdatedTimestamp: f.integer('last_updated_timestamp', null) ?? created,
    });
    for (const version of model.versions.values()) {
      if (!version.meta) continue;
      const v = await reader.yaml(version.meta);
      const runId = v.string('run_id', '');
      const versionCreated = v.integer('creation_timestamp', null) ?? 0;
      const versionNumber = v.integer('version')!;
      if (versionNumber < 1)
        throw new ImportError(
          'INVALID_CONTENT',
          `${version.meta.path}: version ${versionNumber} is not a whole number of at least 1.`,
          version.meta.path,
        );
      const versionDescription = v.string('description', '');
      reader.check(version.meta.path, () => validateDescription(versionDescription));
      modelVersions.push({
        name,
        version: versionNumber,
        runId,
        artifactPath:
          artifactPathOfSource(v.string('source', ''), runId) ||
          artifactPathOfSource(v.string('storage_location', ''), runId),
        description: versionDescription,
        tags: await reader.keyValues(version.tags, validateRegistryTag),
        creationTimestamp: versionCreated,
        lastUpdatedTimestamp: v.integer('last_updated_timestamp', null) ?? versionCreated,
        userId: v.has('user_id') && v.string('user_id', '') ? v.string('user_id') : null,
      });
    }
  }
  return { registeredModels, modelVersions };
}
