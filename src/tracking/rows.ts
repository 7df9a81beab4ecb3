import type { ExperimentRow, RunRow } from './db';
import { QuotaExceededError } from './errors';
import { keyedRecord } from './keyed-record';
import type { Experiment, Run } from './types';

/** Where a run's artifacts live, in the URI form MLflow shows; tabflow resolves it inside IndexedDB. */
export function artifactUriOf(experimentId: string, runId: string): string {
  return `tabflow:/${experimentId}/${runId}/artifacts`;
}

export function rowToRun(row: RunRow): Run {
  return {
    info: {
      runId: row.runId,
      runName: row.runName,
      experimentId: row.experimentId,
      status: row.status,
      startTime: row.startTime,
      endTime: row.endTime,
      lifecycleStage: row.lifecycleStage,
      deletedTime: row.deletedTime,
      ...(row.parentRunId ? { parentRunId: row.parentRunId } : {}),
      userId: row.userId,
      artifactUri: artifactUriOf(row.experimentId, row.runId),
    },
    data: { params: keyedRecord(row.params), tags: keyedRecord(row.tags), metrics: keyedRecord(row.metrics) },
    inputs: { datasetInputs: row.datasetInputs.map((d) => ({ ...d })) },
  };
}

export function rowToExperiment(row: ExperimentRow): Experiment {
  return { ...row, tags: keyedRecord(row.tags) };
}

function isQuotaError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e = error as { name?: string; inner?: unknown } | undefined;
  while (e && !seen.has(e)) {
    seen.add(e);
    if (e.name === 'QuotaExceededError') return true;
    e = e.inner as typeof e;
  }
  return false;
}

/** Runs a write and turns the browser's quota refusal into a QuotaExceededError that says how to free space. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new QuotaExceededError();
    throw error;
  }
}
