import { validateAliasName, validateModelName, type SnapshotModelVersion, type SnapshotRegisteredModel } from '../tracking';
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
    const aliases: Record<string, number> = {};
    for (const [alias, version] of Object.entries(f.record('aliases'))) aliases[alias] = Number(version);
    for (const [alias, entry] of model.aliases) {
      reader.check(entry.path, () => validateAliasName(alias));
      const text = (await reader.text(entry)).trim();
      if (!/^\d+$/.test(text)) throw new ImportError('INVALID_CONTENT', `${entry.path}: an alias file must hold a version number, found '${text.slice(0, 40)}'.`, entry.path);
      aliases[alias] = Number(text);
    }
    const created = f.integer('creation_timestamp', null) ?? 0;
    registeredModels.push({
      name,
      description: f.string('description', ''),
      tags: await reader.keyValues(model.tags, () => {}),
      aliases,
      creationTimestamp: created,
      lastUpdatedTimestamp: f.integer('last_updated_timestamp', null) ?? created,
    });
    for (const version of model.versions.values()) {
      if (!version.meta) continue;
      const v = await reader.yaml(version.meta);
      const runId = v.string('run_id', '');
      const versionCreated = v.integer('creation_timestamp', null) ?? 0;
      modelVersions.push({
        name,
        version: v.integer('version')!,
        runId,
        artifactPath: artifactPathOfSource(v.string('source', ''), runId) || artifactPathOfSource(v.string('storage_location', ''), runId),
        description: v.string('description', ''),
        tags: await reader.keyValues(version.tags, () => {}),
        creationTimestamp: versionCreated,
        lastUpdatedTimestamp: v.integer('last_updated_timestamp', null) ?? versionCreated,
        userId: v.has('user_id') && v.string('user_id', '') ? v.string('user_id') : null,
      });
    }
  }
  return { registeredModels, modelVersions };
}
