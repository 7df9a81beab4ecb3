import type { Run, RunData } from '../../src/tracking';
import type { RunInfo } from '../../src/tracking/types';

/**
 * A finished run as getRun returns it, for tests of code that only reads runs (tables, Compare, repeats): its id is
 * also its name unless `name` says otherwise; params, tags and metric summaries are the caller's, and so is any
 * field of `info` it gives (start and end times, parent run).
 */
export function finishedRun(id: string, data: Partial<RunData> = {}, name = id, info: Partial<RunInfo> = {}): Run {
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
      ...info,
    },
    data: { params: {}, tags: {}, metrics: {}, ...data },
    inputs: { datasetInputs: [] },
  };
}
