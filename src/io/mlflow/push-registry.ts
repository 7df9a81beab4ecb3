import type { TrackingClient } from '../../tracking';
import { MlflowError } from './errors';
import type { MlflowRestClient } from './rest-client';
import { quoteFilterValue, type ModelVersionJson } from './wire';

/** A local model version and the remote version that now holds it. */
export interface PushedModel {
  name: string;
  version: number;
  remoteVersion: number;
  aliases: string[];
  status: 'created' | 'unchanged';
}

/**
 * Creates the registered model unless the server has it. Looked up with registered-models/search first: creating
 * one that exists answers 400 RESOURCE_ALREADY_EXISTS, which a page's console reports as an error on every push.
 */
async function ensureRegisteredModel(
  client: MlflowRestClient,
  name: string,
  description: string,
  signal?: AbortSignal,
): Promise<void> {
  const { registered_models: found = [] } = await client.get<{ registered_models?: { name: string }[] }>(
    'registered-models/search',
    { filter: `name = ${quoteFilterValue(name)}`, max_results: 1 },
    signal,
  );
  if (found.some((m) => m.name === name)) return;
  try {
    await client.post('registered-models/create', { name, description }, signal);
  } catch (error) {
    // Another pusher created it in between.
    if (!(error instanceof MlflowError && error.mlflowCode === 'RESOURCE_ALREADY_EXISTS')) throw error;
  }
}

/**
 * Registers, on the server, every local version of a pushed run's model, with `source` = the remote run's
 * artifact URI + the model's path (what MLflow's own `register_model` writes for a run's model), and moves the
 * local aliases onto them. A version the server already has (same run and source) is reused, so pushing again
 * creates none; remote version numbers are the server's own and may differ from the local ones.
 */
export async function pushRegistry(
  client: MlflowRestClient,
  tracking: TrackingClient,
  pushed: { runId: string; remoteRunId: string; artifactUri: string }[],
  signal?: AbortSignal,
): Promise<PushedModel[]> {
  const out: PushedModel[] = [];
  for (const run of pushed) {
    for (const v of await tracking.searchModelVersions({ runId: run.runId })) {
      const model = await tracking.getRegisteredModel(v.name);
      await ensureRegisteredModel(client, v.name, model.description, signal);
      const source = `${run.artifactUri}/${v.artifactPath}`;
      const { model_versions: existing = [] } = await client.get<{ model_versions?: ModelVersionJson[] }>(
        'model-versions/search',
        {
          filter: `name = ${quoteFilterValue(v.name)} and run_id = ${quoteFilterValue(run.remoteRunId)}`,
          max_results: 1000,
        },
        signal,
      );
      let remote = existing.find((m) => m.source === source);
      const status = remote ? 'unchanged' : 'created';
      if (!remote) {
        const tags = Object.entries(v.tags).map(([key, value]) => ({ key, value }));
        ({ model_version: remote } = await client.post<{ model_version: ModelVersionJson }>(
          'model-versions/create',
          { name: v.name, source, run_id: run.remoteRunId, description: v.description, tags },
          signal,
        ));
      }
      const aliases = Object.entries(model.aliases)
        .filter(([, version]) => version === v.version)
        .map(([alias]) => alias);
      for (const alias of aliases) {
        if (remote.aliases?.includes(alias)) continue;
        await client.post('registered-models/alias', { name: v.name, alias, version: remote.version }, signal);
      }
      out.push({ name: v.name, version: v.version, remoteVersion: Number(remote.version), aliases, status });
    }
  }
  return out;
}
