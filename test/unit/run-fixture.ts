import type { Run, RunData } from '../../src/tracking';

/**
 * A finished run as getRun returns it, for tests of code that only reads runs (tables, Compare, repeats): its id is
 * also its name unless `name` says otherwise; params, tags and metric summaries are the caller's.
 */
export function finishedRun(id: string, data: Partial<RunData> = {}, name = id): Run {
  return {
    info: {
      runId: id,
      runName: name,
      experimentId: '0',
      status: 'FINISHED',
      startTime: 0,
      endTime: 1,
      lifecycleStage: 'active',
      userId: 'u',
      artifactUri: '',
    },
    data: { params: {}, tags: {}, metrics: {}, ...data },
    inputs: { datasetInputs: [] },
  };
}
