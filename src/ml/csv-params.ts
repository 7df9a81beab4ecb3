/**
 * The params a run on an uploaded CSV logs in place of a generator recipe. The table itself is not in them (a
 * run keeps its digest as a dataset input), so re-running one means uploading the file again.
 */
export const CSV_PARAM_KEYS = {
  source: 'dataset_source',
  file: 'dataset_file',
  target: 'dataset_target',
  testFraction: 'dataset_test_fraction',
  seed: 'dataset_seed',
} as const;

export function csvSourceParams(
  fileName: string,
  target: string,
  testFraction: number,
  seed: number,
): Record<string, string> {
  return {
    [CSV_PARAM_KEYS.source]: 'csv',
    [CSV_PARAM_KEYS.file]: fileName,
    [CSV_PARAM_KEYS.target]: target,
    [CSV_PARAM_KEYS.testFraction]: String(testFraction),
    [CSV_PARAM_KEYS.seed]: String(seed),
  };
}
