/**
 * The Playground's state lives in its URL hash query, under the same keys a run logs as MLflow params
 * (`dataset`, `dataset_points`, `hidden_layers`, `learning_rate`, ...). So a run's params are already a
 * Playground link: "Re-run" copies them into the query, and a teacher's shared link is a recipe for a run.
 */
import { CSV_PARAM_KEYS } from '../../ml/csv-params';
import { datasetConfigToParams, DEFAULT_DATASET_CONFIG } from '../../ml/dataset-config';
import { DEFAULT_DIGITS_CONFIG, digitsConfigToParams } from '../../ml/digits';
import { FOLDER_PARAM_KEYS } from '../../ml/image-folder';
import { MODEL_PARAM_KEYS } from '../../ml/model-config';
import { hashHref } from '../links';

/** Every generator-recipe key, derived from the dataset config's own param writer so the two never drift. */
const DATASET_PARAM_KEYS: readonly string[] = Object.keys(
  datasetConfigToParams({ ...DEFAULT_DATASET_CONFIG, generator: 'gauss', numClasses: 2 }),
);

/** The param keys that make up a Playground state, in the order they appear in a link. */
export const PLAYGROUND_PARAM_KEYS: readonly string[] = [
  ...new Set([
    ...DATASET_PARAM_KEYS,
    ...Object.keys(digitsConfigToParams(DEFAULT_DIGITS_CONFIG)),
    ...Object.values(CSV_PARAM_KEYS),
    ...Object.values(FOLDER_PARAM_KEYS),
  ]),
  ...MODEL_PARAM_KEYS,
];

/** The query of a Playground link holding exactly the Playground keys of `params`, nothing else. */
export function playgroundQuery(params: Readonly<Record<string, string>>): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of PLAYGROUND_PARAM_KEYS) {
    const value = params[key];
    if (value !== undefined) query.set(key, value);
  }
  return query;
}

/**
 * The Playground URL (a hash) that reproduces the run whose params these are, in the run's experiment (the
 * Playground's `experiment_id` key; the Default experiment is the Playground's default and left out).
 */
export function rerunHref(params: Record<string, string>, experimentId?: string): string {
  const query = playgroundQuery(params);
  if (experimentId && experimentId !== '0') query.set('experiment_id', experimentId);
  return hashHref('playground', [], query);
}
