import type { SnapshotModelVersion, SnapshotRegisteredModel } from '../../tracking';
import type { MlflowRestClient } from './rest-client';
import { num, toRecord, type ModelVersionJson, type RegisteredModelJson, type RunJson, quoteFilterValue } from './wire';
import { keyedRecord, setOwn } from '../../tracking/keyed-record';

/**
 * The model path inside its run, from a version's `source`: the run's artifact URI + path (what MLflow's
 * register_model writes for a run's model, and what tabflow's push writes) or `runs:/<id>/<path>`; anything else
 * (an MLflow 3 logged-model URI) falls back to tabflow's own 'model'.
 */
function artifactPathOf(source: string | undefined, run: RunJson): string {
  if (source?.startsWith(`${run.info.artifact_uri}/`)) return source.slice(run.info.artifact_uri.length + 1);
  const runsUri = source?.match(/^runs:\/[^/]+\/(.+)$/);
  return runsUri ? runsUri[1] : 'model';
}

/** The registry entries that point at pulled runs: their versions, and their models with the aliases on them. */
export async function pullRegistry(
  client: MlflowRestClient,
  runs: RunJson[],
  signal?: AbortSignal,
): Promise<{ registeredModels: SnapshotRegisteredModel[]; modelVersions: SnapshotModelVersion[] }> {
  const modelVersions: SnapshotModelVersion[] = [];
  for (const run of runs) {
    const { model_versions: versions = [] } = await client.get<{ model_versions?: ModelVersionJson[] }>(
      'model-versions/search',
      { filter: `run_id = ${quoteFilterValue(run.info.run_id)}`, max_results: 1000 },
      signal,
    );
    for (const v of versions) {
      modelVersions.push({
        name: v.name,
        version: Number(v.version),
        runId: run.info.run_id,
        artifactPath: artifactPathOf(v.source, run),
        description: v.description ?? '',
        tags: toRecord(v.tags),
        creationTimestamp: num(v.creation_timestamp) ?? 0,
        lastUpdatedTimestamp: num(v.last_updated_timestamp) ?? 0,
        userId: v.user_id || null,
      });
    }
  }
  const registeredModels: SnapshotRegisteredModel[] = [];
  for (const name of new Set(modelVersions.map((v) => v.name))) {
    const { registered_model: m } = await client.get<{ registered_model: RegisteredModelJson }>(
      'registered-models/get',
      { name },
      signal,
    );
    const pulled = new Set(modelVersions.filter((v) => v.name === name).map((v) => v.version));
    const aliases = keyedRecord<number>();
    for (const a of m.aliases ?? []) if (pulled.has(Number(a.version))) setOwn(aliases, a.alias, Number(a.version));
    registeredModels.push({
      name,
      description: m.description ?? '',
      tags: toRecord(m.tags),
      aliases,
      creationTimestamp: num(m.creation_timestamp) ?? 0,
      lastUpdatedTimestamp: num(m.last_updated_timestamp) ?? 0,
    });
  }
  return { registeredModels, modelVersions };
}
