/**
 * The sweep panel's form as plain data, and its translation into a SweepDefinition. Kept apart from the element
 * so the rules (what a grid takes, what a random search takes, what counts as a problem) are tested in Node.
 */
import type { ModelConfig } from '../../ml/model-config';
import {
  parseValues,
  SweepDefinitionError,
  SWEEP_SETTINGS,
  type Direction,
  type SweepDefinition,
  type SweepSetting,
  type SweepSpace,
} from '../../sweep';

export interface SettingDraft {
  swept: boolean;
  /** Grid (and choices in a random search): the values to try, as typed. */
  values: string;
  /** Random search over a number: the range, as typed, and how to sample it. */
  min: string;
  max: string;
  scale: 'uniform' | 'log-uniform';
}

export interface SweepForm {
  method: 'grid' | 'random';
  settings: Record<string, SettingDraft>;
  trials: string;
  seed: string;
  metric: string;
  direction: Direction;
  earlyStopping: boolean;
  poolSize: string;
  /** Each trial repeated over this many model seeds (1: no repeat), as typed. */
  repeatSeeds?: string;
  /** Train compatible trials together as one batched model per worker (faster; each still its own run). */
  trainTogether: boolean;
}

/** The metric a direction is implied by: losses and errors go down, accuracy goes up. */
export function directionFor(metric: string): Direction {
  return /accuracy/.test(metric) ? 'maximize' : 'minimize';
}

function baseValue(setting: SweepSetting, model: ModelConfig): string {
  switch (setting.key) {
    case 'hiddenUnits':
      return String(model.hiddenLayers[0] ?? 8);
    case 'hiddenLayerCount':
      return String(model.hiddenLayers.length);
    default: {
      const value = (model as unknown as Record<string, unknown>)[setting.key];
      return value === undefined ? '' : String(value);
    }
  }
}

/** A fresh form: nothing swept, each setting's values prefilled with the model's current value. */
export function initialForm(model: ModelConfig, metric: string, poolSize: number): SweepForm {
  const settings: Record<string, SettingDraft> = {};
  for (const s of SWEEP_SETTINGS) {
    settings[s.key] = {
      swept: false,
      values: baseValue(s, model),
      min: '',
      max: '',
      scale: s.logScale ? 'log-uniform' : 'uniform',
    };
  }
  return {
    method: 'grid',
    settings,
    trials: '8',
    seed: '1',
    metric,
    direction: directionFor(metric),
    earlyStopping: false,
    poolSize: String(poolSize),
    trainTogether: true,
  };
}

function numberField(text: string, what: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n)) throw new SweepDefinitionError(`${what}: enter a number.`);
  return n;
}

function spaceOf(setting: SweepSetting, draft: SettingDraft, method: SweepForm['method']): SweepSpace {
  if (method === 'grid' || setting.kind === 'choice')
    return { kind: 'values', values: parseValues(setting, draft.values) };
  const min = numberField(draft.min, `Minimum ${setting.label.toLowerCase()}`);
  const max = numberField(draft.max, `Maximum ${setting.label.toLowerCase()}`);
  return { kind: 'range', min, max, scale: draft.scale, ...(setting.kind === 'int' ? { integer: true } : {}) };
}

/**
 * The definition the form describes, or throws a SweepDefinitionError in words. `epochs` (the base model's)
 * sets when early stopping may first judge a trial: after a quarter of its epochs, and 2 finished trials.
 */
export function formToDefinition(form: SweepForm, epochs: number): SweepDefinition {
  const space: Record<string, SweepSpace> = {};
  for (const setting of SWEEP_SETTINGS) {
    const draft = form.settings[setting.key];
    if (draft?.swept) space[setting.key] = spaceOf(setting, draft, form.method);
  }
  if (Object.keys(space).length === 0) throw new SweepDefinitionError('Mark at least one setting as swept.');
  const def: SweepDefinition = { method: form.method, space, metric: form.metric, direction: form.direction };
  if (form.method === 'random') {
    def.trials = numberField(form.trials, 'Number of trials');
    def.seed = numberField(form.seed, 'Seed');
    if (!Number.isInteger(def.seed)) throw new SweepDefinitionError('Seed: enter a whole number.');
  }
  if (form.earlyStopping) def.earlyStopping = { minCompletedTrials: 2, minEpochs: Math.max(1, Math.round(epochs / 4)) };
  // Whole numbers from 1 are checked by the plan (checkRepeats), in words.
  const seeds = numberField(form.repeatSeeds ?? '1', 'Seeds per trial');
  if (seeds !== 1) def.repeats = { seeds };
  return def;
}
