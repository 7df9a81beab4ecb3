/**
 * The page's side of a batched sweep call: compatible trials train together in one training worker (one
 * TrainingGang, see workers/train-gang.ts), and each member still behaves as a training of its own — its own
 * progress, its own outcome as soon as its run ends, its own Stop (the median rule stops one member; the others
 * train on). When every member is stopped (the sweep's Cancel) the worker gets the same grace as a lone training,
 * then is terminated and the page ends the runs KILLED; a crashed worker's runs end FAILED from the page.
 */
import * as Comlink from 'comlink';
import type { TrackingClient } from '../tracking';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../ml/training-messages';
import type { TrainWorkerApi } from '../../workers/train.worker';
import type { GangMemberResult } from '../../workers/train-gang';
import { WorkerFailedError, type WorkerBridge } from '../shared/worker-bridge';
import { abortError, EARLY_STOP_GRACE_MS, endFailed, endKilled, STOP_GRACE_MS } from './training-stop';

/** One trial of a batch: what a lone `train` call takes. */
export interface GangMember {
  signal: AbortSignal;
  request: TrainRequest;
  onProgress: (progress: TrainProgress) => void;
}

interface MemberState {
  member: GangMember;
  runId: string | null;
  settled: boolean;
  resolve: (outcome: TrainOutcome | Promise<TrainOutcome>) => void;
  reject: (error: unknown) => void;
  onAbort: () => void;
}

/** Starts `members` together in `bridge`'s worker; one promise per member, settled when its run has ended. */
export function trainGangInWorker(
  bridge: WorkerBridge<TrainWorkerApi>,
  tracking: TrackingClient,
  members: readonly GangMember[],
): Promise<TrainOutcome>[] {
  const states: MemberState[] = [];
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const outcomes = members.map(
    (member) =>
      new Promise<TrainOutcome>((resolve, reject) =>
        states.push({ member, runId: null, settled: false, resolve, reject, onAbort: () => {} }),
      ),
  );
  // A member stopped before the call gets here never trains, as a lone call stopped in the queue.
  for (const state of states) if (state.member.signal.aborted) finish(state, () => state.reject(abortError()));
  const sent = states.filter((s) => !s.settled);

  function finish(state: MemberState, settle: () => void): void {
    if (state.settled) return;
    state.settled = true;
    state.member.signal.removeEventListener('abort', state.onAbort);
    settle();
    if (states.every((s) => s.settled)) clearTimeout(graceTimer);
  }

  /** Every live member stopped: the worker gets its grace to end the runs, then is terminated. */
  function startGrace(): void {
    if (graceTimer !== undefined) return;
    const unsettled = sent.filter((s) => !s.settled);
    graceTimer = setTimeout(
      () => {
        for (const s of unsettled)
          finish(s, () => (s.runId ? s.resolve(endKilled(tracking, s.runId)) : s.reject(abortError())));
        bridge.terminate();
      },
      unsettled.every((s) => s.runId) ? STOP_GRACE_MS : EARLY_STOP_GRACE_MS,
    );
  }

  sent.forEach((state, index) => {
    state.onAbort = () => {
      void bridge.call(undefined, (api) => api.stopMember(index)).catch(() => {});
      if (sent.every((s) => s.settled || s.member.signal.aborted)) startGrace();
    };
    state.member.signal.addEventListener('abort', state.onAbort, { once: true });
  });

  const progress = (index: number, p: TrainProgress) => {
    const state = sent[index];
    if (state.settled) return;
    if (p.type === 'started') state.runId = p.runId;
    state.member.onProgress(p);
  };
  const settled = (index: number, result: GangMemberResult) => {
    const state = sent[index];
    finish(state, () => ('outcome' in result ? state.resolve(result.outcome) : state.reject(new Error(result.error))));
  };
  const onFailure = (state: MemberState, error: unknown) => {
    // A worker that crashed or could not load cannot end its runs: the page ends them FAILED with the reason.
    if (error instanceof WorkerFailedError && error.kind !== 'interrupted') {
      if (state.runId) state.resolve(endFailed(tracking, state.runId, error.message));
      else state.reject(error);
    } else state.reject(state.member.signal.aborted ? abortError() : error);
  };
  if (sent.length > 0) {
    bridge
      .call(undefined, (api) =>
        api.trainGang(
          sent.map((s) => s.member.request),
          Comlink.proxy(progress),
          Comlink.proxy(settled),
        ),
      )
      .then(
        (results) => results.forEach((result, index) => settled(index, result)),
        (error: unknown) => sent.forEach((s) => finish(s, () => onFailure(s, error))),
      );
  }
  return outcomes;
}
