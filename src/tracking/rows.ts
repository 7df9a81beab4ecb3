import type { ExperimentRow, RunRow } from './db';
import { QuotaExceededError } from './errors';
import { keyedRecord } from './keyed-record';
import type { Experiment, Run, RunFields } from './types';

/** Where a run's artifacts live, in the URI form MLflow shows; tabflow resolves it inside IndexedDB. */
export function artifactUriOf(experimentId: string, runId: string): string {
  return `tabflow:/${experimentId}/${runId}/artifacts`;
}

/**
 * Copies the fields every run shape shares (types.ts RunFields) from any of them. The one place that lists them:
 * a field added to RunFields fails to compile here until it is copied, and then every converter carries it.
 */
export function runFieldsOf(run: RunFields): RunFields {
  return {
    runId: run.runId,
    runName: run.runName,
    experimentId: run.experimentId,
    status: run.status,
    startTime: run.startTime,
    endTime: run.endTime,
    lifecycleStage: run.lifecycleStage,
    deletedTime: run.deletedTime,
    userId: run.userId,
  };
}

export function rowToRun(row: RunRow): Run {
  return {
    info: {
      ...runFieldsOf(row),
      ...(row.parentRunId ? { parentRunId: row.parentRunId } : {}),
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
