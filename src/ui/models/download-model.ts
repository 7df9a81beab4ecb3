import type { TrackingClient } from '../../tracking';
import { downloadBlob } from '../../charts/download';

/**
 * Saves a stored model as tfjs files: model.json and the weight shards it names, under their own names, so
 * `tf.loadLayersModel('…/model.json')` (or browserFiles with both files) loads them elsewhere.
 */
export async function downloadModel(tracking: TrackingClient, uri: string): Promise<string[]> {
  const { runId, artifactPath } = await tracking.resolveModelUri(uri);
  const modelJson = await tracking.getArtifact(runId, `${artifactPath}/model.json`);
  const manifest =
    (JSON.parse(await modelJson.text()) as { weightsManifest?: { paths: string[] }[] }).weightsManifest ?? [];
  const shards = manifest.flatMap((group) => group.paths);
  const files = [{ name: 'model.json', blob: modelJson }];
  for (const shard of shards)
    files.push({ name: shard, blob: await tracking.getArtifact(runId, `${artifactPath}/${shard}`) });
  for (const file of files) downloadBlob(file.blob, file.name);
  return files.map((f) => f.name);
}
