/**
 * One Playground training, tracked: starts a run, logs the config as params, the data as a dataset input, every
 * epoch's metrics (written on a timer every ~500 ms, never awaited by the loop, and at Stop, end, failure and when
 * a page hides, so a worker that dies loses at most the last ~0.5 s of points), then the model, a decision-boundary
 * PNG and a confusion matrix. A Stop
 * (its `signal`) ends the training at the next batch and the run KILLED, keeping every finished epoch. DOM-free
 * and handed `tf`, so the worker runs it on its chosen backend and unit tests run it in Node on the cpu backend
 * with fake-indexeddb.
 */
import type { TrackingClient } from '../src/tracking';
import { onMetricFlushRequest } from '../src/tracking/flush-requests';
import type { ColorScale } from '../src/ml/boundary-palette';
import { buildModel } from '../src/ml/build-model';
import { csvSourceParams } from '../src/ml/csv-params';
import { numFeatures, type Dataset } from '../src/ml/dataset';
import type { ActiveRun } from '../src/tracking';
import { describeDataset } from '../src/ml/dataset-input';
import { describeImageDataset } from '../src/ml/image-dataset';
import { checkDatasetConfig, datasetConfigToParams } from '../src/ml/dataset-config';
import { classificationReport } from '../src/ml/evaluate';
import { expandFeatures } from '../src/ml/features';
import { generateDataset } from '../src/ml/generators';
import { configToParams } from '../src/ml/model-config';
import { trainInSteps, type StepCommand, type StepSize } from '../src/ml/stepped-training';
import { predictDataset } from '../src/ml/predict';
import { splitDataset, type SplitDataset } from '../src/ml/split';
import type { Tf, LayersModel } from '../src/ml/tf-types';
import { trainModel } from '../src/ml/train';
import {
  ImageRunRecorder,
  prepareDigits,
  prepareImageFolder,
  type ImageHooks,
  type PreparedImages,
} from './image-training';
import { colorScale, pictureMaker, TrainingPictures, type ReplayBudget } from './train-pictures';
import { batchYielder } from './train-yield';
import type {
  BoundaryGrid,
  DatasetSource,
  TrainOutcome,
  TrainProgress,
  TrainRequest,
} from '../src/ml/training-messages';

/** What a decision-boundary PNG shows: the model's scores over the data's box, and the data on top. */
export interface BoundaryPicture {
  grid: BoundaryGrid;
  data: Dataset;
  scale: ColorScale;
}

export interface TrainHooks {
  /** The tfjs backend actually in use, logged as the `tabflow.backend` tag. */
  backend: string;
  onProgress?: (progress: TrainProgress) => void;
  /** Encodes a decision-boundary picture as PNG (the worker paints it with OffscreenCanvas). */
  renderPng?: (picture: BoundaryPicture) => Promise<Blob>;
  /**
   * Stop: aborting it before the run exists ends the run KILLED right after creating it (so that none is left
   * RUNNING); during training, at the next batch boundary, with every finished epoch's metrics committed.
   */
  signal?: AbortSignal;
  /** Loading the digits and painting image runs' pictures (image-training.ts). */
  images?: ImageHooks;
  /** A stepped training's next step: what the person asks for on the page, or 'end' (also on Stop). */
  nextStep?: () => Promise<StepCommand>;
  /** Buffered metrics are written at most this long after being logged; TRAINING_FLUSH_MS unless set. */
  flushEveryMs?: number;
  /** The live heatmap is recomputed at most this often (it costs a prediction over the grid). */
  boundaryEveryMs?: number;
  /**
   * The training loop, in trainModel's shape; trainModel unless set. A batched sweep hands each trial its member
   * of a TrainingGang (train-gang.ts), so the trial is recorded exactly as one trained alone.
   */
  trainer?: typeof trainModel;
  /** The replay snapshots' share of training time; a batched sweep's members share one (train-pictures.ts). */
  replayBudget?: ReplayBudget;
}

/**
 * How long a logged metric may wait in memory during training. Flushing per epoch cost a transaction per epoch
 * (0.83 of untracked speed in `npm run bench`); this bounds the writes to ~2 per second whatever the epoch rate.
 */
export const TRAINING_FLUSH_MS = 500;

const PNG_GRID_SIZE = 160;

interface PreparedData {
  full: Dataset;
  split: SplitDataset;
  params: Record<string, string>;
  sourceType: string;
  source: string;
}

function prepareData(source: Exclude<DatasetSource, { kind: 'digits' | 'images' }>): PreparedData {
  if (source.kind === 'generated') {
    // The same steps as buildSplitDataset, kept apart here because the run also logs the unsplit table's digest.
    const config = source.config;
    checkDatasetConfig(config);
    const { generator, numPoints, noise, seed, numClasses } = config;
    const full = generateDataset(generator, { numPoints, noise, seed, numClasses });
    const params = datasetConfigToParams(config);
    return {
      full,
      split: splitDataset(full, config.testFraction, seed),
      params,
      sourceType: 'generated',
      source: JSON.stringify(params),
    };
  }
  const full = source.dataset;
  const params = csvSourceParams(source.fileName, full.targetName, source.testFraction, source.seed);
  return {
    full,
    split: splitDataset(full, source.testFraction, source.seed),
    params,
    sourceType: 'upload',
    source: source.fileName,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * trainInSteps in trainModel's shape, asking `hooks.nextStep` for each step after the first and showing the
 * network after a batch step with `showBatch` (epochs done so far).
 */
function steppedTrainer(
  first: StepSize,
  hooks: TrainHooks,
  showBatch: (epochsDone: number) => Promise<void>,
): typeof trainModel {
  const nextStep = hooks.nextStep ?? (async (): Promise<StepCommand> => 'end');
  return (tf, model, train, test, config, options = {}) =>
    trainInSteps(tf, model, train, test, config, {
      ...options,
      first,
      nextStep,
      onBatchStep: (epoch) => showBatch(epoch),
    });
}

/** Starts the run with the tags that say where it came from and how it trains. */
function startRun(tracking: TrackingClient, request: TrainRequest, hooks: TrainHooks): Promise<ActiveRun> {
  return tracking.startRun({
    experimentId: request.experimentId,
    runName: request.runName,
    parentRunId: request.parentRunId,
    tags: {
      ...request.tags,
      'mlflow.source.name': 'playground',
      'mlflow.source.type': 'LOCAL',
      'tabflow.backend': hooks.backend,
      ...(request.stepped ? { 'tabflow.stepped': 'true' } : {}),
    },
  });
}

/** The data the request names, prepared (generated, parsed, or decoded images). */
function prepare(request: TrainRequest, hooks: TrainHooks): PreparedImages | Promise<PreparedImages> {
  const { source } = request;
  if (source.kind === 'digits') return prepareDigits(source, hooks.images);
  if (source.kind === 'images') return prepareImageFolder(source, hooks.images);
  return prepareData(source);
}

/** Logs the config and the data's params, the dataset input, and the files an image folder skipped. */
async function logSetup(run: ActiveRun, request: TrainRequest, data: PreparedImages): Promise<void> {
  // A stepped run's length is known only at its end, when its `epochs` param is logged.
  const { epochs: plannedEpochs, ...modelParams } = configToParams(request.model);
  await run.logParams({ ...data.params, ...modelParams, ...(request.stepped ? {} : { epochs: plannedEpochs }) });
  const summary = data.full.image ? describeImageDataset(data.full) : describeDataset(data.full);
  await run.logInput({
    name: summary.name,
    digest: summary.digest,
    sourceType: data.sourceType,
    source: data.source,
    schema: summary.schema,
    profile: summary.profile,
    context: 'training',
  });
  if (data.skipped?.length) await run.logArtifact('skipped_files.txt', data.skipped.join('\n'));
}

/** What a finished run keeps besides its metrics: the model, a boundary PNG and the confusion matrix. */
async function logResults(
  tf: Tf,
  run: ActiveRun,
  trained: LayersModel,
  data: PreparedImages,
  train: Dataset,
  test: Dataset,
  request: TrainRequest,
  hooks: TrainHooks,
  images: ImageRunRecorder | null,
): Promise<void> {
  const config = request.model;
  await run.logModel(trained);
  const picture = pictureMaker(data.full);
  if (picture && hooks.renderPng) {
    const grid = await picture(tf, trained, data.full, config.inputFeatures, PNG_GRID_SIZE);
    await run.logArtifact(
      'decision_boundary.png',
      await hooks.renderPng({ grid, data: data.full, scale: colorScale(data.full) }),
    );
  }
  if (train.task !== 'classification') return;
  const evaluated = test.y.length > 0 ? test : train;
  const probabilities = await predictDataset(tf, trained, evaluated);
  const report = classificationReport(evaluated.y, probabilities, evaluated.numClasses);
  const matrix = {
    split: evaluated === test ? 'test' : 'train',
    // A CSV's text classes by their names, as the person wrote them.
    labels: evaluated.classNames ?? evaluated.classLabels,
    matrix: report.confusionMatrix,
    note: 'rows: true class, columns: predicted class',
    // Images name their classes and keep example images per cell (image-training.ts).
    ...(await images?.finish(evaluated, probabilities, config.epochs - 1)),
  };
  await run.logArtifact('confusion_matrix.json', JSON.stringify(matrix, null, 2));
}

/** Trains as `request` says and records it all; never throws once the run exists (a failure ends it FAILED). */
export async function runTrackedTraining(
  tf: Tf,
  tracking: TrackingClient,
  request: TrainRequest,
  hooks: TrainHooks,
): Promise<TrainOutcome> {
  const { model: config } = request;
  const run = await startRun(tracking, request, hooks);
  if (hooks.signal?.aborted) {
    await run.end('KILLED');
    return { runId: run.id, status: 'KILLED' };
  }
  run.startHeartbeat();
  run.setFlushDelay(hooks.flushEveryMs ?? TRAINING_FLUSH_MS);
  // A background write that fails (a full disk) stops the training at the next epoch end, which throws it.
  let writeError: unknown = null;
  run.onWriteError = (error) => {
    writeError ??= error;
  };
  const stopHearingFlushRequests = onMetricFlushRequest(() => void run.flush().catch(run.onWriteError));
  hooks.onProgress?.({
    type: 'started',
    runId: run.id,
    backend: hooks.backend,
    epochs: request.stepped ? 0 : config.epochs,
  });
  let model: LayersModel | null = null;
  try {
    const data = await prepare(request, hooks);
    await logSetup(run, request, data);
    const train = expandFeatures(data.split.train, config.inputFeatures);
    const test = expandFeatures(data.split.test, config.inputFeatures);
    const trained = buildModel(tf, config, numFeatures(train), train.task, train.numClasses, train.image);
    model = trained;
    const images = train.image
      ? new ImageRunRecorder(tf, run, test.y.length > 0 ? test : train, config.epochs, hooks.images)
      : null;
    const picture = pictureMaker(data.full);
    const pictures = picture
      ? new TrainingPictures(
          tf,
          trained,
          data.full,
          config.inputFeatures,
          picture,
          request.liveBoundary !== false,
          hooks.onProgress,
          hooks.boundaryEveryMs ?? 250,
          hooks.replayBudget,
        )
      : null;
    await pictures?.start();

    const yielder = batchYielder(() => run.flushing);
    const trainer = request.stepped
      ? steppedTrainer(request.stepped.first, hooks, (epoch) => pictures?.showBatch(epoch) ?? Promise.resolve())
      : (hooks.trainer ?? trainModel);
    const { aborted, history } = await trainer(tf, trained, train, test, config, {
      signal: hooks.signal,
      afterBatch: yielder.afterBatch,
      onEpochEnd: async (epoch, metrics) => {
        if (writeError) throw writeError;
        run.logMetrics(metrics, epoch);
        hooks.onProgress?.({ type: 'epoch', epoch, metrics });
        await images?.afterEpoch(epoch, trained);
        // Every step is shown: a person waits for it.
        await pictures?.afterEpoch(epoch, request.stepped !== undefined || epoch === config.epochs - 1);
      },
    }).finally(() => yielder.close());
    // Every finished epoch is committed before the run moves on (a Stop included); a write error ends it FAILED.
    await run.flush();
    // A stopped run keeps its replay up to the last snapshot taken, as it keeps its finished epochs.
    await pictures?.recording?.save((path, bytes) => run.logArtifact(path, bytes));
    if (aborted) {
      await run.end('KILLED');
      return { runId: run.id, status: 'KILLED' };
    }
    if (request.stepped) await run.logParams({ epochs: String(history.length) });
    await logResults(tf, run, trained, data, train, test, request, hooks, images);
    await run.end('FINISHED');
    return { runId: run.id, status: 'FINISHED' };
  } catch (error) {
    const message = errorText(error);
    await run.setTag('tabflow.error', message.slice(0, 5000)).catch(() => {});
    await run.end('FAILED').catch(() => tracking.setTerminated(run.id, 'FAILED').catch(() => {}));
    return { runId: run.id, status: 'FAILED', error: message };
  } finally {
    stopHearingFlushRequests();
    model?.dispose();
  }
}
