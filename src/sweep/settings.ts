/**
 * The Playground settings a sweep can vary, how a person types their values, and how a trial's values turn the
 * Playground's base setup into that trial's own config.
 */
import { ACTIVATIONS, OPTIMIZERS, type ModelConfig } from '../ml/model-config';
import type { DatasetSource } from '../ml/training-messages';
import { SweepDefinitionError, type SweepValue } from './definition';
import type { TrialSettings } from './expand';

export interface SweepSetting {
  key: string;
  label: string;
  kind: 'float' | 'int' | 'choice';
  choices?: readonly string[];
  /** The run params this setting changes, so the parent run logs only the settings every trial shares. */
  paramKeys: readonly string[];
  /** Spans orders of magnitude, so a random search samples it log-uniformly by default. */
  logScale?: boolean;
  /** A dataset setting: a generated dataset's recipe (or a CSV's split, for the split settings). */
  dataset?: 'recipe' | 'split';
}

export const SWEEP_SETTINGS: readonly SweepSetting[] = [
  { key: 'learningRate', label: 'Learning rate', kind: 'float', paramKeys: ['learning_rate'], logScale: true },
  { key: 'hiddenUnits', label: 'Hidden units (per layer)', kind: 'int', paramKeys: ['hidden_layers'] },
  { key: 'hiddenLayerCount', label: 'Hidden layers', kind: 'int', paramKeys: ['hidden_layers'] },
  { key: 'activation', label: 'Activation', kind: 'choice', choices: ACTIVATIONS, paramKeys: ['activation'] },
  { key: 'optimizer', label: 'Optimizer', kind: 'choice', choices: OPTIMIZERS, paramKeys: ['optimizer'] },
  { key: 'batchSize', label: 'Batch size', kind: 'int', paramKeys: ['batch_size'] },
  { key: 'epochs', label: 'Epochs', kind: 'int', paramKeys: ['epochs'] },
  { key: 'l2', label: 'L2 penalty', kind: 'float', paramKeys: ['l2'], logScale: true },
  { key: 'dropout', label: 'Dropout', kind: 'float', paramKeys: ['dropout'] },
  { key: 'seed', label: 'Model seed', kind: 'int', paramKeys: ['seed'] },
  { key: 'noise', label: 'Noise', kind: 'float', paramKeys: ['dataset_noise'], dataset: 'recipe' },
  { key: 'numPoints', label: 'Data points', kind: 'int', paramKeys: ['dataset_points'], dataset: 'recipe' },
  {
    key: 'testFraction',
    label: 'Test fraction',
    kind: 'float',
    paramKeys: ['dataset_test_fraction'],
    dataset: 'split',
  },
  { key: 'datasetSeed', label: 'Data seed', kind: 'int', paramKeys: ['dataset_seed'], dataset: 'split' },
];

export function sweepSetting(key: string): SweepSetting {
  const setting = SWEEP_SETTINGS.find((s) => s.key === key);
  if (!setting) throw new SweepDefinitionError(`"${key}" is not a setting a sweep can vary.`);
  return setting;
}

/** Reads "0.01, 0.1" (or "relu, tanh") into the setting's values; throws a SweepDefinitionError in words. */
export function parseValues(setting: SweepSetting, text: string): SweepValue[] {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  if (parts.length === 0)
    throw new SweepDefinitionError(`Enter at least one value for ${setting.label.toLowerCase()}.`);
  const values = parts.map((part): SweepValue => {
    if (setting.kind === 'choice') {
      if (!setting.choices?.includes(part)) {
        throw new SweepDefinitionError(
          `${setting.label} must be one of ${setting.choices?.join(', ')}, got "${part}".`,
        );
      }
      return part;
    }
    const n = Number(part);
    if (!Number.isFinite(n)) throw new SweepDefinitionError(`${setting.label}: "${part}" is not a number.`);
    if (setting.kind === 'int' && !Number.isInteger(n)) {
      throw new SweepDefinitionError(`${setting.label} takes whole numbers, got ${part}.`);
    }
    return n;
  });
  return [...new Map(values.map((v) => [String(v), v])).values()];
}

/** What every trial starts from: the Playground's data and model as they are when the sweep starts. */
export interface TrialBase {
  source: DatasetSource;
  model: ModelConfig;
}

function units(base: ModelConfig): number {
  return base.hiddenLayers[0] ?? 8;
}

/** The base with one trial's values applied; the layer count applies before units per layer. */
export function applyTrialSettings(base: TrialBase, settings: TrialSettings): TrialBase {
  const model: ModelConfig = { ...base.model, hiddenLayers: [...base.model.hiddenLayers] };
  let source: DatasetSource =
    base.source.kind === 'generated' ? { ...base.source, config: { ...base.source.config } } : { ...base.source };
  const ordered = Object.entries(settings).sort(([a], [b]) =>
    a === 'hiddenLayerCount' ? -1 : b === 'hiddenLayerCount' ? 1 : 0,
  );
  for (const [key, value] of ordered) {
    const setting = sweepSetting(key);
    if (setting.dataset === 'recipe' && source.kind !== 'generated') {
      throw new SweepDefinitionError(
        `${setting.label} belongs to a generated dataset; an uploaded CSV cannot vary it.`,
      );
    }
    switch (key) {
      case 'hiddenLayerCount':
        model.hiddenLayers = Array.from({ length: Number(value) }, () => units(base.model));
        break;
      case 'hiddenUnits':
        model.hiddenLayers =
          model.hiddenLayers.length === 0 ? [Number(value)] : model.hiddenLayers.map(() => Number(value));
        break;
      case 'noise':
      case 'numPoints':
        if (source.kind === 'generated') source = { ...source, config: { ...source.config, [key]: value } };
        break;
      case 'testFraction':
        source =
          source.kind === 'generated'
            ? { ...source, config: { ...source.config, testFraction: Number(value) } }
            : { ...source, testFraction: Number(value) };
        break;
      case 'datasetSeed':
        source =
          source.kind === 'generated'
            ? { ...source, config: { ...source.config, seed: Number(value) } }
            : { ...source, seed: Number(value) };
        break;
      default:
        (model as unknown as Record<string, SweepValue>)[key] = value;
    }
  }
  return { source, model };
}

/** "learningRate=0.01, hiddenUnits=4": a trial's values in a line, for run names and the queue view. */
export function describeSettings(settings: TrialSettings): string {
  return Object.entries(settings)
    .map(
      ([k, v]) => `${k}=${Array.isArray(v) ? JSON.stringify(v) : typeof v === 'number' ? Number(v.toPrecision(4)) : v}`,
    )
    .join(', ');
}
