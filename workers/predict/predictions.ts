/** Predictions of a loaded model on points, a grid over generated data, and the rows of an uploaded CSV. */
import { readFeatureRows } from '../../src/ml/csv-features';
import { datasetChoiceLabel, datasetForModel, type DatasetChoice } from '../../src/ml/model-dataset';
import { describeOutput, formatNumber } from '../../src/ml/model-signature';
import type { BoundaryResult, CsvPredictions, PointPrediction } from '../../src/ml/predict-api';
import { modelScorer, predictMatrix } from '../../src/ml/predict';
import { dataBounds, predictGrid } from '../../src/ml/predict-grid';
import { expandMatrix } from '../../src/ml/features';
import type { Tf } from '../../src/ml/tf-types';
import { csvField } from '../../src/shared/csv-field';
import type { LoadedModel } from './loaded-model';

/** The largest boundary grid a caller may ask for: 256² cells is finer than the plot's pixels. */
const MAX_GRID = 256;

async function outputsFor(tf: Tf, { model, description }: LoadedModel, x: Float32Array): Promise<Float32Array> {
  const { featureNames, inputFeatures } = description.signature;
  const d = inputFeatures.length || featureNames.length;
  return predictMatrix(tf, model, expandMatrix(x, featureNames, inputFeatures), d);
}

export async function predictPoints(tf: Tf, loaded: LoadedModel, points: number[][]): Promise<PointPrediction[]> {
  const { signature } = loaded.description;
  const d = signature.featureNames.length;
  points.forEach((p, i) => {
    if (p.length !== d || !p.every(Number.isFinite)) {
      throw new Error(
        `Point ${i + 1} should be ${d} numbers (${signature.featureNames.join(', ')}), got [${p.join(', ')}].`,
      );
    }
  });
  const outputs = await outputsFor(tf, loaded, Float32Array.from(points.flat()));
  const width = signature.task === 'regression' ? 1 : signature.numClasses;
  return points.map((features, i) => ({
    features,
    ...describeOutput(signature, outputs, i),
    outputs: Array.from(outputs.subarray(i * width, (i + 1) * width)),
  }));
}

export async function decisionBoundary(
  tf: Tf,
  loaded: LoadedModel,
  choice: DatasetChoice,
  size: number,
): Promise<BoundaryResult> {
  const { signature } = loaded.description;
  if (signature.featureNames.length !== 2) {
    throw new Error(
      `The plot needs a model of 2 input columns; this one reads ${signature.featureNames.length} (${signature.featureNames.join(', ')}). Use CSV predictions instead.`,
    );
  }
  if (!(Number.isInteger(size) && size >= 2 && size <= MAX_GRID))
    throw new RangeError(`Grid size must be a whole number from 2 to ${MAX_GRID}, got ${size}.`);
  const ds = datasetForModel(choice, signature);
  const bounds = dataBounds(ds);
  const scorer = modelScorer(
    tf,
    loaded.model,
    signature.featureNames,
    signature.inputFeatures,
    signature.task,
    signature.numClasses,
  );
  const scores = await predictGrid(bounds, size, size, scorer);
  return {
    bounds,
    width: size,
    height: size,
    scores,
    points: ds.x,
    targets: ds.y,
    task: ds.task,
    numClasses: ds.numClasses,
    datasetLabel: datasetChoiceLabel(choice),
  };
}

export async function predictCsv(tf: Tf, loaded: LoadedModel, text: string): Promise<CsvPredictions> {
  const { signature } = loaded.description;
  const table = readFeatureRows(text, signature.featureNames);
  const outputs = await outputsFor(tf, loaded, table.x);
  const classifier = signature.task === 'classification';
  const columns = [...table.header, 'prediction', ...(classifier ? ['probability'] : [])];
  const rows = table.records.map((fields, i) => {
    const { label, probability } = describeOutput(signature, outputs, i);
    const padded = table.header.map((_, c) => fields[c] ?? '');
    return [...padded, label, ...(classifier ? [formatNumber(probability ?? NaN)] : [])];
  });
  const csv = [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
  return { columns, rows, csv };
}
