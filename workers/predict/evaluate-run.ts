/**
 * MLflow's `mlflow.evaluate`, in the browser: runs a stored model over a dataset and records the result as an
 * ordinary run — metrics under MLflow's default-evaluator names, the confusion matrix as an artifact, the data as
 * an "eval" dataset input and tags linking the model version — so evaluations compare like any other runs.
 */
import type { TrackingClient } from '../../src/tracking';
import { numRows, type Dataset } from '../../src/ml/dataset';
import { describeDataset, type DatasetSummary } from '../../src/ml/dataset-input';
import { argmaxRows, classificationReport, regressionReport } from '../../src/ml/evaluate';
import { expandFeatures } from '../../src/ml/features';
import { classMetricName, perClassAccuracy } from '../../src/ml/image-report';
import { datasetForModel, type DatasetChoice } from '../../src/ml/model-dataset';
import type { EvaluationChoice, EvaluationResult, ModelDescription } from '../../src/ml/predict-api';
import { predictDataset } from '../../src/ml/predict';
import type { LayersModel, Tf } from '../../src/ml/tf-types';
import { errorMessage } from '../../src/shared/errors';
import { csvField } from '../../src/shared/csv-field';
import { CONFUSION_MATRIX_PATH } from '../../src/ml/confusion-file';
import type { ImageHooks } from '../image-training';
import { imageEvaluationData } from './image-evaluation';

/** The data of one evaluation, in the model's columns and classes, with what its run records about it. */
export interface EvaluationData {
  ds: Dataset;
  params: Record<string, string>;
  summary: DatasetSummary;
  sourceType: string;
  source: string;
  /** Names the data in the run's name. */
  label: string;
}

function datasetParams(choice: DatasetChoice, ds: Dataset): Record<string, string> {
  if (choice.kind === 'csv')
    return { dataset_source: 'csv', dataset_file: choice.fileName, dataset_target: ds.targetName };
  const params: Record<string, string> = {
    dataset: choice.generator,
    dataset_points: String(choice.numPoints),
    dataset_noise: String(choice.noise),
    dataset_seed: String(choice.seed),
  };
  if (choice.numClasses !== undefined) params.dataset_classes = String(choice.numClasses);
  return params;
}

function matrixCsv(labels: string[], matrix: number[][]): string {
  const header = ['true \\ predicted', ...labels].map(csvField).join(',');
  return [header, ...matrix.map((row, i) => [csvField(labels[i]), ...row.map(String)].join(','))].join('\n') + '\n';
}

function tableData(choice: DatasetChoice, ds: Dataset): EvaluationData {
  const params = datasetParams(choice, ds);
  return {
    ds,
    params,
    summary: describeDataset(ds),
    sourceType: choice.kind === 'csv' ? 'upload' : 'generated',
    source: choice.kind === 'csv' ? choice.fileName : JSON.stringify(params),
    label: choice.kind === 'generated' ? `${choice.generator}-seed${choice.seed}` : choice.fileName,
  };
}

/** Each class's name as the data names it: an image class, a CSV's text class, else its target value as text. */
function classNamesOfData(ds: Dataset): string[] {
  return ds.image?.classNames ?? ds.classNames ?? ds.classLabels.map(String);
}

/** Per-class accuracy (`class_accuracy/<class>`, as image training runs log it), for the classes the data holds. */
function classAccuracyMetrics(ds: Dataset, outputs: Float32Array): Record<string, number> {
  const names = classNamesOfData(ds);
  const metrics: Record<string, number> = {};
  perClassAccuracy(ds.y, argmaxRows(outputs, ds.numClasses), ds.numClasses).forEach((value, c) => {
    if (!Number.isNaN(value)) metrics[classMetricName(names[c])] = value;
  });
  return metrics;
}

/**
 * The metrics of `model` on `ds` (already in the model's columns and classes), under MLflow's names; image data
 * adds per-class accuracy. Table evaluations keep exactly MLflow's default-evaluator set.
 */
export async function evaluationMetrics(
  tf: Tf,
  model: LayersModel,
  ds: Dataset,
  inputFeatures: string[],
): Promise<{ metrics: Record<string, number>; confusionMatrix: number[][] | null }> {
  const outputs = await predictDataset(tf, model, expandFeatures(ds, inputFeatures));
  if (ds.task === 'regression') {
    const r = regressionReport(ds.y, outputs);
    return {
      metrics: {
        example_count: numRows(ds),
        mean_absolute_error: r.mae,
        root_mean_squared_error: r.rmse,
        r2_score: r.r2,
      },
      confusionMatrix: null,
    };
  }
  const r = classificationReport(ds.y, outputs, ds.numClasses);
  return {
    metrics: {
      example_count: numRows(ds),
      accuracy_score: r.accuracy,
      precision_score: r.precision,
      recall_score: r.recall,
      f1_score: r.f1,
      log_loss: r.logLoss,
      ...(ds.image ? classAccuracyMetrics(ds, outputs) : {}),
    },
    confusionMatrix: r.confusionMatrix,
  };
}

export async function runEvaluation(
  tf: Tf,
  tracking: TrackingClient,
  model: LayersModel,
  description: ModelDescription,
  choice: EvaluationChoice,
  images?: ImageHooks,
): Promise<EvaluationResult> {
  const { signature } = description;
  const source = await tracking.getRun(description.runId);
  // Everything that can fail on bad input fails before a run exists, so a wrong file leaves no empty run behind.
  const data =
    choice.kind === 'digits-test' || choice.kind === 'image-folder'
      ? await imageEvaluationData(choice, signature, source.data.params, images)
      : tableData(choice, datasetForModel(choice, signature));
  const { ds, summary } = data;
  const { metrics, confusionMatrix } = await evaluationMetrics(tf, model, ds, signature.inputFeatures);
  const experiment = await tracking.getExperiment(source.info.experimentId);
  const experimentId = experiment.lifecycleStage === 'active' ? experiment.experimentId : undefined;
  const registered = description.name !== undefined && description.version !== undefined;
  const modelUri = registered
    ? `models:/${description.name}/${description.version}`
    : `runs:/${description.runId}/${description.artifactPath}`;
  const modelLabel = registered ? `${description.name}-v${description.version}` : source.info.runName;
  const tags: Record<string, string> = {
    'mlflow.source.name': 'evaluate',
    'mlflow.source.type': 'LOCAL',
    'tabflow.evaluated.model_uri': modelUri,
    'tabflow.evaluated.requested_uri': description.uri,
    'tabflow.evaluated.run_id': description.runId,
    'tabflow.evaluated.dataset_digest': summary.digest,
  };
  if (registered) {
    tags['tabflow.evaluated.model_name'] = description.name!;
    tags['tabflow.evaluated.model_version'] = String(description.version);
  }
  const run = await tracking.startRun({
    experimentId,
    runName: `eval-${modelLabel}-${data.label}`.slice(0, 250),
    tags,
  });
  try {
    await run.logParams(data.params);
    await run.logInput({
      name: summary.name,
      digest: summary.digest,
      sourceType: data.sourceType,
      source: data.source,
      schema: summary.schema,
      profile: summary.profile,
      context: 'eval',
    });
    run.logMetrics(metrics, 0);
    if (confusionMatrix) {
      // Text classes are recorded by name, as training runs record them, so the file reads "setosa", not an index.
      const matrix = {
        labels: ds.image?.classNames ?? ds.classNames ?? ds.classLabels,
        matrix: confusionMatrix,
        note: 'rows: true class, columns: predicted class',
      };
      await run.logArtifact(CONFUSION_MATRIX_PATH, JSON.stringify(matrix, null, 2));
      await run.logArtifact('confusion_matrix.csv', matrixCsv(classNamesOfData(ds), confusionMatrix));
    }
    await run.end('FINISHED');
  } catch (error) {
    await run.setTag('tabflow.error', errorMessage(error).slice(0, 5000)).catch(() => {});
    await run.end('FAILED').catch(() => {});
    throw error;
  }
  const finished = await tracking.getRun(run.id);
  return { runId: run.id, runName: finished.info.runName, experimentId: finished.info.experimentId, metrics };
}
