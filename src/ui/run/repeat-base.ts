import { DIGITS_FILE } from '../../ml/digits';
import type { TrialBase } from '../../sweep';
import type { Run } from '../../tracking';
import { readState } from '../playground/playground-state';

/** What "Repeat with seeds" on a run page can start: the run's setup, or why it cannot be repeated from here. */
export type RepeatSource =
  { base: TrialBase; task: 'classification' | 'regression'; hasTest: boolean } | { base: null; problem: string };

/**
 * The setup a run was trained with, rebuilt from its params (the same keys a Playground link holds, read by the
 * same code). A generated dataset or the shipped digits can be made again from them; an uploaded CSV or picture
 * folder is not stored with the run, so its repeat has to start from the Playground, where the file is picked.
 * `baseUri` is the page's (the digits file sits next to it).
 */
export function repeatSource(run: Run, baseUri: string): RepeatSource {
  const { state, problems } = readState(new URLSearchParams(Object.entries(run.data.params)));
  const viaPlayground = 'Repeat it in the Playground, which opens with its settings: pick the file there again.';
  if (state.csv)
    return {
      base: null,
      problem: `This run trained on the uploaded CSV “${state.csv.fileName}”, which is not stored with the run. ${viaPlayground}`,
    };
  if (state.images)
    return {
      base: null,
      problem: `This run trained on the picture folder “${state.images.folderName}”, which is not stored with the run. ${viaPlayground}`,
    };
  // Without a dataset param the run was not trained by tabflow (logged through the API, or imported): reading its
  // params would fall back to the Playground's defaults and train something else.
  if (!Object.hasOwn(run.data.params, 'dataset'))
    return {
      base: null,
      problem: 'This run has no dataset and model settings to train again (it was not trained in tabflow).',
    };
  if (problems.length) return { base: null, problem: `This run's settings cannot be repeated: ${problems.join(' ')}` };
  const { dataset, digits, model } = state;
  const base: TrialBase = digits
    ? {
        source: {
          kind: 'digits',
          url: new URL(DIGITS_FILE, baseUri).href,
          subset: digits.subset,
          testFraction: dataset.testFraction,
          seed: dataset.seed,
        },
        model,
      }
    : { source: { kind: 'generated', config: dataset }, model };
  // The sweep ranks the repeats on a metric the run's task logs: a regression logs mae, a classifier accuracy.
  const metrics = run.data.metrics;
  const task = Object.hasOwn(metrics, 'mae') || Object.hasOwn(metrics, 'val_mae') ? 'regression' : 'classification';
  return { base, task, hasTest: dataset.testFraction > 0 };
}
