/**
 * What a stored model reads and writes, worked out from the run that trained it: the raw columns it expects
 * (a generator's x, y or a CSV's feature columns), the derived input features it computes from them, and what
 * its output means. tfjs's model.json only knows tensor shapes; the run's params and dataset input know names.
 */
import type { Task } from './dataset';
import { generateDataset, isGeneratorName, type GeneratorName } from './generators';
import { readList, type Params } from './param-codec';

export interface ModelSignature {
  /** The raw columns the model reads, in order, before derived features are computed. */
  featureNames: string[];
  /** The model-config `input_features`: derived or raw features fed to the network; [] means featureNames. */
  inputFeatures: string[];
  targetName: string;
  task: Task;
  /** 0 for regression. */
  numClasses: number;
  /** The target value behind each class index (0..k-1 for generated data, the CSV's values for uploads). */
  classLabels: number[];
  /**
   * The name of each class when the training target held text (a CSV's "setosa", an image folder's "cat", the
   * digits' "0"–"9"); classLabels are then 0..k-1. Absent when the classes are numbers.
   */
  classNames?: string[];
  /** The generator the model was trained on, when it was trained on generated data. */
  generator: GeneratorName | null;
}

export interface TrainingRecord {
  params: Params;
  /** The run's dataset inputs: MLflow's schema is `{"mlflow_colspec": [{"name": ...}, ...]}`. */
  datasetInputs: { schema?: string; context?: string }[];
  /** Class labels the run recorded (its confusion matrix's `labels`): numbers, or the classes' names as text. */
  classLabels?: (number | string)[];
}

export interface ModelShape {
  inputDim: number;
  outputUnits: number;
}

function schemaColumns(schema: string | undefined): string[] | null {
  if (!schema) return null;
  try {
    const spec = (JSON.parse(schema) as { mlflow_colspec?: { name?: unknown }[] }).mlflow_colspec;
    const names = spec?.map((c) => c.name);
    return names && names.every((n): n is string => typeof n === 'string') ? names : null;
  } catch {
    return null;
  }
}

function rawColumns(
  record: TrainingRecord,
  inputDim: number,
): { featureNames: string[]; targetName: string; generator: GeneratorName | null } {
  const generator = record.params.dataset;
  if (record.params.dataset_source !== 'csv' && generator && isGeneratorName(generator)) {
    const sample = generateDataset(generator, { numPoints: 2, noise: 0, seed: 0 });
    return { featureNames: sample.featureNames, targetName: sample.targetName, generator };
  }
  const input = record.datasetInputs.find((d) => d.context === 'training') ?? record.datasetInputs[0];
  const columns = schemaColumns(input?.schema);
  if (columns && columns.length >= 2) {
    const target =
      record.params.dataset_target && columns.includes(record.params.dataset_target)
        ? record.params.dataset_target
        : columns[columns.length - 1];
    return { featureNames: columns.filter((c) => c !== target), targetName: target, generator: null };
  }
  // A model logged without a record of its data: name the inputs as the Playground's 2-D data, else x1..xd.
  const featureNames = inputDim === 2 ? ['x', 'y'] : Array.from({ length: inputDim }, (_, i) => `x${i + 1}`);
  return { featureNames, targetName: 'target', generator: null };
}

export function modelSignature(record: TrainingRecord, shape: ModelShape): ModelSignature {
  const inputFeatures = readList<string>(record.params, 'input_features', 'string', []);
  const { featureNames, targetName, generator } = rawColumns(record, shape.inputDim);
  const expected = inputFeatures.length || featureNames.length;
  if (expected !== shape.inputDim) {
    throw new Error(
      `The model reads ${shape.inputDim} inputs, but its run describes ${expected} (${(inputFeatures.length ? inputFeatures : featureNames).join(', ')}).`,
    );
  }
  const task: Task = shape.outputUnits === 1 ? 'regression' : 'classification';
  const numClasses = task === 'classification' ? shape.outputUnits : 0;
  const labels = record.classLabels?.length === numClasses ? record.classLabels : undefined;
  const indices = Array.from({ length: numClasses }, (_, c) => c);
  if (labels && !labels.every((l): l is number => typeof l === 'number')) {
    return {
      featureNames,
      inputFeatures,
      targetName,
      task,
      numClasses,
      classLabels: indices,
      classNames: labels.map(String),
      generator,
    };
  }
  return {
    featureNames,
    inputFeatures,
    targetName,
    task,
    numClasses,
    classLabels: labels ? [...labels] : indices,
    generator,
  };
}

/** The words for each class index: its recorded name, else its target value as text. */
export function classNamesOf(signature: Pick<ModelSignature, 'classLabels' | 'classNames'>): string[] {
  return signature.classNames ?? signature.classLabels.map(String);
}

/** The words for one model output row: the predicted class's label, or the predicted value. */
export function describeOutput(
  signature: ModelSignature,
  outputs: ArrayLike<number>,
  row: number,
): { label: string; probability: number | null } {
  if (signature.task === 'regression') return { label: formatNumber(outputs[row]), probability: null };
  const k = signature.numClasses;
  let best = 0;
  for (let c = 1; c < k; c++) if (outputs[row * k + c] > outputs[row * k + best]) best = c;
  return {
    label: signature.classNames?.[best] ?? String(signature.classLabels[best]),
    probability: outputs[row * k + best],
  };
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}
