/**
 * A Keras-style summary of a logged tfjs layers model, read from its stored `model.json` without loading tfjs:
 * the layers come from the topology, parameter counts from the weights manifest's shapes.
 */
import { errorMessage } from '../../shared/errors';

export interface LayerSummary {
  name: string;
  type: string;
  /** Units, activation, rate… whatever the layer's config says that a person would look for. */
  details: string;
  params: number;
}

export interface ModelSummary {
  modelClass: string;
  layers: LayerSummary[];
  totalParams: number;
  format: string;
  generatedBy: string;
}

interface LayerJson {
  class_name?: string;
  name?: string;
  config?: Record<string, unknown>;
}

const DETAIL_KEYS = [
  'units',
  'activation',
  'rate',
  'filters',
  'kernel_size',
  'pool_size',
  'batch_input_shape',
  'target_shape',
];

function describe(config: Record<string, unknown>): string {
  return DETAIL_KEYS.filter((k) => config[k] !== undefined && config[k] !== null)
    .map(
      (k) =>
        `${k}=${Array.isArray(config[k]) ? `[${(config[k] as unknown[]).map((v) => (v === null ? 'None' : v)).join(', ')}]` : String(config[k])}`,
    )
    .join(', ');
}

function layersOf(topology: Record<string, unknown>): LayerJson[] {
  // tfjs writes { class_name, config: { layers } }; older Keras JSON nests it as { model_config: {...} }.
  const model = (topology.model_config as Record<string, unknown> | undefined) ?? topology;
  const config = model.config as Record<string, unknown> | unknown[] | undefined;
  const layers = Array.isArray(config) ? config : config?.layers;
  return Array.isArray(layers) ? (layers as LayerJson[]) : [];
}

/** Throws an Error that says what is wrong when the text is not a tfjs layers-model JSON. */
export function summarizeModel(modelJsonText: string): ModelSummary {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(modelJsonText) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`model.json is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
  const topology = json.modelTopology as Record<string, unknown> | undefined;
  if (!topology || typeof topology !== 'object')
    throw new Error('model.json has no modelTopology, so it is not a tfjs layers model.');
  const paramsByLayer = new Map<string, number>();
  let totalParams = 0;
  for (const group of (json.weightsManifest as { weights?: { name: string; shape: number[] }[] }[] | undefined) ?? []) {
    for (const weight of group.weights ?? []) {
      const count = weight.shape.reduce((a, b) => a * b, 1);
      const layer = weight.name.includes('/') ? weight.name.slice(0, weight.name.lastIndexOf('/')) : weight.name;
      paramsByLayer.set(layer, (paramsByLayer.get(layer) ?? 0) + count);
      totalParams += count;
    }
  }
  const layers = layersOf(topology).map((layer): LayerSummary => {
    const config = layer.config ?? {};
    const name = String(layer.name ?? config.name ?? '');
    return {
      name,
      type: String(layer.class_name ?? '?'),
      details: describe(config),
      params: paramsByLayer.get(name) ?? 0,
    };
  });
  return {
    modelClass: String((topology.model_config as LayerJson | undefined)?.class_name ?? topology.class_name ?? 'Model'),
    layers,
    totalParams,
    format: String(json.format ?? 'layers-model'),
    generatedBy: String(json.generatedBy ?? ''),
  };
}
