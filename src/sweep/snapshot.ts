import type { SweepDefinition } from './definition';
import type { TrialView } from './estimate';
import type { QueueProgress } from './trial-queue';

export type SweepStatus = 'starting' | 'running' | 'cancelling' | 'finished' | 'cancelled' | 'failed';

/** Everything the sweep panel shows, as plain data, so the sweep lives in a service and any view can redraw it. */
export interface SweepSnapshot {
  status: SweepStatus;
  parentRunId: string | null;
  parentRunName: string;
  experimentId: string;
  definition: SweepDefinition;
  poolSize: number;
  trials: TrialView[];
  progress: QueueProgress;
  /** ms left, null while there is nothing to estimate from. */
  remainingMs: number | null;
  best: { index: number; runId: string; runName: string; value: number } | null;
  /** Why the sweep failed, or a note about its end (e.g. no trial logged the metric), in words. */
  message?: string;
  startedAt: number;
  endedAt?: number;
}

export function isActive(snapshot: SweepSnapshot | null): boolean {
  return (
    snapshot !== null &&
    (snapshot.status === 'starting' || snapshot.status === 'running' || snapshot.status === 'cancelling')
  );
}
