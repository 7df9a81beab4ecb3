/**
 * The Playground's state and its URL form. The query holds the same keys a run logs as params (see
 * playground-link.ts), so reading a link and reading a run's params are the same code.
 */
import { CSV_PARAM_KEYS, csvSourceParams } from '../../ml/csv-params';
import {
  datasetConfigToParams,
  DEFAULT_DATASET_CONFIG,
  paramsToDatasetConfig,
  type DatasetConfig,
} from '../../ml/dataset-config';
import { digitsConfigToParams, isDigitsParams, paramsToDigitsConfig } from '../../ml/digits';
import {
  FOLDER_PARAM_KEYS,
  FOLDER_SOURCE,
  folderSourceParams,
  isImageSizeKey,
  type ImageSizeKey,
} from '../../ml/image-folder';
import { configToParams, DEFAULT_MODEL_CONFIG, paramsToConfig, type ModelConfig } from '../../ml/model-config';
import type { TrainRequest } from '../../ml/training-messages';
import { DEFAULT_EXPERIMENT_ID } from '../../tracking';
import { errorMessage } from '../../shared/errors';
import { playgroundQuery } from './playground-link';

export interface PlaygroundState {
  /** The generator recipe; for a CSV only its test fraction and seed are used (they split the table). */
  dataset: DatasetConfig;
  /** Set when the data is an uploaded CSV: which file and target column the link or run used. */
  csv: { fileName: string; target: string } | null;
  /** Set when the data is the shipped digits: how many of them (0 for all); split as `dataset` says. */
  digits?: { subset: number } | null;
  /** Set when the data is a folder of pictures: its name (the files are picked again, as a CSV is) and size. */
  images?: { folderName: string; size: ImageSizeKey } | null;
  model: ModelConfig;
  /** Where the runs go. Not a run param (a run knows its experiment), so it has a key of its own in the link. */
  experimentId: string;
}

/** The link key of the chosen experiment; left out for the Default experiment, so most links stay short. */
export const EXPERIMENT_QUERY_KEY = 'experiment_id';

export interface ParsedState {
  state: PlaygroundState;
  /** What in the link could not be read and fell back to defaults, in words. */
  problems: string[];
}

export function readState(query: URLSearchParams): ParsedState {
  const params = Object.fromEntries(playgroundQuery(Object.fromEntries(query)));
  const problems: string[] = [];
  let dataset: DatasetConfig = { ...DEFAULT_DATASET_CONFIG };
  let model: ModelConfig = {
    ...DEFAULT_MODEL_CONFIG,
    hiddenLayers: [...DEFAULT_MODEL_CONFIG.hiddenLayers],
    inputFeatures: [],
  };
  const isCsv = params[CSV_PARAM_KEYS.source] === 'csv';
  const isDigits = isDigitsParams(params);
  const isImages = params[FOLDER_PARAM_KEYS.source] === FOLDER_SOURCE;
  let digits: { subset: number } | null = null;
  try {
    // A CSV or digits link has no generator recipe; its split settings still live under the dataset keys.
    dataset = paramsToDatasetConfig(
      isCsv || isDigits || isImages ? { ...params, dataset: DEFAULT_DATASET_CONFIG.generator } : params,
    );
    if (isDigits) digits = { subset: paramsToDigitsConfig(params).subset };
  } catch (error) {
    problems.push(`The link's dataset settings could not be used (${errorMessage(error)}), so the defaults are shown.`);
  }
  try {
    model = paramsToConfig(params);
  } catch (error) {
    problems.push(`The link's model settings could not be used (${errorMessage(error)}), so the defaults are shown.`);
  }
  const sizeParam = params[FOLDER_PARAM_KEYS.size];
  const images = isImages
    ? { folderName: params[FOLDER_PARAM_KEYS.folder] ?? '', size: isImageSizeKey(sizeParam) ? sizeParam : '28-gray' }
    : null;
  const csv = isCsv
    ? { fileName: params[CSV_PARAM_KEYS.file] ?? '', target: params[CSV_PARAM_KEYS.target] ?? '' }
    : null;
  const experimentId = query.get(EXPERIMENT_QUERY_KEY) || DEFAULT_EXPERIMENT_ID;
  // Left out unless set, so a state read from a link equals one built without knowing about digits.
  return {
    state: { dataset, csv, ...(digits ? { digits } : {}), ...(images ? { images } : {}), model, experimentId },
    problems,
  };
}

export function stateQuery(state: PlaygroundState): URLSearchParams {
  const { testFraction, seed } = state.dataset;
  const dataParams = state.csv
    ? csvSourceParams(state.csv.fileName, state.csv.target, testFraction, seed)
    : state.digits
      ? digitsConfigToParams({ subset: state.digits.subset, testFraction, seed })
      : state.images
        ? folderSourceParams(state.images.folderName, state.images.size, testFraction, seed)
        : datasetConfigToParams(state.dataset);
  const query = playgroundQuery({ ...dataParams, ...configToParams(state.model) });
  if (state.experimentId !== DEFAULT_EXPERIMENT_ID) query.set(EXPERIMENT_QUERY_KEY, state.experimentId);
  return query;
}

/** The Playground setup a training request was made from (to show it again when the person comes back). */
export function requestState(request: TrainRequest): PlaygroundState {
  const { source, model } = request;
  const experimentId = request.experimentId ?? DEFAULT_EXPERIMENT_ID;
  if (source.kind === 'generated') return { dataset: source.config, csv: null, model, experimentId };
  if (source.kind === 'digits') {
    const dataset = { ...DEFAULT_DATASET_CONFIG, testFraction: source.testFraction, seed: source.seed };
    return { dataset, csv: null, digits: { subset: source.subset }, model, experimentId };
  }
  if (source.kind === 'images') {
    const dataset = { ...DEFAULT_DATASET_CONFIG, testFraction: source.testFraction, seed: source.seed };
    return { dataset, csv: null, images: { folderName: source.folderName, size: source.size }, model, experimentId };
  }
  return {
    dataset: { ...DEFAULT_DATASET_CONFIG, testFraction: source.testFraction, seed: source.seed },
    csv: { fileName: source.fileName, target: source.dataset.targetName },
    model,
    experimentId,
  };
}
