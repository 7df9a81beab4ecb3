import { ValidationError } from './errors';
import type { ModelArtifactsLike } from './types';

/**
 * A logged model is stored as ordinary run artifacts in the layout tfjs's own `model.save('downloads://')`
 * writes and MLflow expects of a model folder: `<path>/model.json` (topology + weights manifest),
 * `<path>/group1-shard1of1.bin` (the weights) and `<path>/MLmodel` (MLflow's flavor description). Keeping it as
 * plain files means export, import and the artifact browser need no special case for models.
 */

export const MODEL_JSON = 'model.json';
export const WEIGHTS_FILE = 'group1-shard1of1.bin';
export const MLMODEL_FILE = 'MLmodel';

export interface ModelFiles {
  modelJson: string;
  weights: ArrayBuffer;
  mlmodel: string;
}

function concatBuffers(data: ArrayBuffer | ArrayBuffer[] | undefined): ArrayBuffer {
  if (!data) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

function utcTimestamp(ms: number): string {
  // MLflow writes utc_time_created as 'YYYY-MM-DD HH:MM:SS.ffffff'.
  return `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}000`;
}

export function packModel(
  artifacts: ModelArtifactsLike,
  meta: { runId: string; artifactPath: string; modelUuid: string; now: number },
): ModelFiles {
  if (!artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new ValidationError('logModel needs a tfjs layers model whose topology is JSON (a tf.LayersModel).');
  }
  const modelJson = {
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  const tfjsVersion = String(artifacts.generatedBy ?? '').replace(/^TensorFlow\.js tfjs-layers v/, '') || 'unknown';
  const mlmodel = [
    `artifact_path: ${meta.artifactPath}`,
    'flavors:',
    '  tfjs:',
    `    data: ${MODEL_JSON}`,
    `    format: ${modelJson.format}`,
    `    tfjs_version: ${tfjsVersion}`,
    'mlflow_version: 2.22.0',
    `model_uuid: ${meta.modelUuid}`,
    `run_id: ${meta.runId}`,
    `utc_time_created: '${utcTimestamp(meta.now)}'`,
    '',
  ].join('\n');
  return { modelJson: JSON.stringify(modelJson), weights: concatBuffers(artifacts.weightData), mlmodel };
}

interface WeightsManifestGroup {
  paths: string[];
  weights: unknown[];
}

/**
 * Turns a stored `model.json` and its shard files back into tfjs ModelArtifacts, ready for
 * `tf.loadLayersModel(tf.io.fromMemory(artifacts))`. `readShard` fetches a file relative to the model folder.
 */
export async function unpackModel(
  modelJsonText: string,
  readShard: (path: string) => Promise<ArrayBuffer>,
): Promise<ModelArtifactsLike> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(modelJsonText) as Record<string, unknown>;
  } catch {
    throw new ValidationError('The stored model.json is not valid JSON.');
  }
  const manifest = (json.weightsManifest ?? []) as WeightsManifestGroup[];
  const weightSpecs: unknown[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest) {
    weightSpecs.push(...group.weights);
    for (const path of group.paths) buffers.push(await readShard(path));
  }
  return {
    modelTopology: json.modelTopology as object,
    format: json.format as string | undefined,
    generatedBy: json.generatedBy as string | undefined,
    convertedBy: json.convertedBy as string | null | undefined,
    trainingConfig: json.trainingConfig as object | undefined,
    userDefinedMetadata: json.userDefinedMetadata as Record<string, unknown> | undefined,
    weightSpecs,
    weightData: concatBuffers(buffers),
  };
}
