/**
 * Loading a stored model into tfjs, from IndexedDB through the tracking API, with the signature that says what
 * its inputs and outputs mean. Loaded models are kept per (run, artifact path): a URI is resolved on every call
 * (an alias may have moved since), but the same stored model is only parsed once.
 */
import type { TrackingClient } from '../../src/tracking';
import { CONFUSION_MATRIX_PATH } from '../../src/ml/confusion-file';
import { isDigitsParams } from '../../src/ml/digits';
import { FOLDER_PARAM_KEYS, FOLDER_SOURCE } from '../../src/ml/image-folder';
import { modelSignature, type ModelSignature } from '../../src/ml/model-signature';
import type { Params } from '../../src/ml/param-codec';
import type { ModelDescription } from '../../src/ml/predict-api';
import type { LayersModel, Tf } from '../../src/ml/tf-types';

export interface LoadedModel {
  model: LayersModel;
  description: ModelDescription;
}

/**
 * The confusion matrix a training run logs carries its classes: a CSV's numeric targets (3, 5, 8) or the names of
 * text classes (a CSV's "setosa", an image folder's "cat", the digits' "0"–"9").
 */
async function recordedClassLabels(tracking: TrackingClient, runId: string): Promise<(number | string)[] | undefined> {
  try {
    const text = await (await tracking.getArtifact(runId, CONFUSION_MATRIX_PATH)).text();
    const labels = (JSON.parse(text) as { labels?: unknown }).labels;
    const usable =
      Array.isArray(labels) &&
      (labels.every((l) => typeof l === 'number') || labels.every((l) => typeof l === 'string'));
    return usable ? labels : undefined;
  } catch {
    return undefined;
  }
}

function dimension(shape: (number | null)[] | (number | null)[][], what: string): number {
  const flat = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
  const size = flat[flat.length - 1];
  if (flat.length !== 2 || typeof size !== 'number') {
    throw new Error(
      `tabflow can only use models with a flat ${what} (a table row); this one's ${what} shape is [${flat.join(', ')}].`,
    );
  }
  return size;
}

type ImageData = ModelDescription['imageData'];

function imageDataOf(params: Params): ImageData {
  if (isDigitsParams(params)) return 'digits';
  return params[FOLDER_PARAM_KEYS.source] === FOLDER_SOURCE ? 'folder' : null;
}

interface StoredModel {
  model: LayersModel;
  signature: ModelSignature;
  imageData: ImageData;
}

export class ModelCache {
  private readonly models = new Map<string, Promise<StoredModel>>();

  constructor(
    private readonly tf: Tf,
    private readonly tracking: TrackingClient,
  ) {}

  async load(uri: string): Promise<LoadedModel> {
    const resolved = await this.tracking.resolveModelUri(uri);
    const key = `${resolved.runId}/${resolved.artifactPath}`;
    let entry = this.models.get(key);
    if (!entry) {
      entry = this.read(resolved.runId, resolved.artifactPath);
      this.models.set(key, entry);
      entry.catch(() => this.models.delete(key));
    }
    const { model, signature, imageData } = await entry;
    return { model, description: { uri, ...resolved, signature, imageData } };
  }

  private async read(runId: string, artifactPath: string): Promise<StoredModel> {
    const [artifacts, run, classLabels] = await Promise.all([
      this.tracking.loadModelArtifacts(runId, artifactPath),
      this.tracking.getRun(runId),
      recordedClassLabels(this.tracking, runId),
    ]);
    const model = await this.tf.loadLayersModel(
      this.tf.io.fromMemory(artifacts as Parameters<Tf['io']['fromMemory']>[0]),
    );
    try {
      const shape = {
        inputDim: dimension(model.inputs[0].shape, 'input'),
        outputUnits: dimension(model.outputs[0].shape, 'output'),
      };
      const signature = modelSignature(
        { params: run.data.params, datasetInputs: run.inputs.datasetInputs, classLabels },
        shape,
      );
      return { model, signature, imageData: imageDataOf(run.data.params) };
    } catch (error) {
      model.dispose();
      throw error;
    }
  }
}
