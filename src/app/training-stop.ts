/**
 * How the page ends a training run its worker could not end itself, shared by a run trained alone
 * (training-bridge.ts) and a sweep's batch (training-gang-call.ts): the grace a Stop gives the worker, and the
 * runs ended from the page once it is terminated or has crashed.
 */
import type { TrackingClient } from '../tracking';
import type { TrainOutcome } from '../ml/training-messages';

export function abortError(): DOMException {
  return new DOMException('Training was stopped before it started.', 'AbortError');
}

/** How long a Stop waits for the worker to end the run itself before terminating it anyway. */
export const STOP_GRACE_MS = 5_000;
/**
 * The same before the worker has said which run it created: terminating it then could leave that run RUNNING
 * (the page cannot end a run it does not know), so the worker gets longer, as loading a backend can be slow.
 */
export const EARLY_STOP_GRACE_MS = 10_000;

/** Ends a stopped run KILLED, unless the worker ended it itself just before it was terminated. */
export async function endKilled(tracking: TrackingClient, runId: string): Promise<TrainOutcome> {
  const { info, data } = await tracking.getRun(runId);
  if (info.status === 'FINISHED' || info.status === 'FAILED' || info.status === 'KILLED') {
    return { runId, status: info.status, error: data.tags['tabflow.error'] };
  }
  await tracking.setTerminated(runId, 'KILLED');
  return { runId, status: 'KILLED' };
}

/** Ends a run the worker could not end itself, keeping what it logged. */
export async function endFailed(tracking: TrackingClient, runId: string, message: string): Promise<TrainOutcome> {
  const run = await tracking.resumeRun(runId);
  await run.setTag('tabflow.error', message);
  await tracking.setTerminated(runId, 'FAILED');
  return { runId, status: 'FAILED', error: message };
}
