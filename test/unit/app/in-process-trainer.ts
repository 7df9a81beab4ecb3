import * as tf from '@tensorflow/tfjs';
import type { Trainer } from '../../../src/app/sweep-runner';
import type { GangMember } from '../../../src/app/training-gang-call';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import type { TrackingClient } from '../../../src/tracking';
import { runGangTraining } from '../../../workers/train-gang';
import { runTrackedTraining } from '../../../workers/train-run';

/**
 * The training worker's own code in this process, on tfjs's cpu backend: `train` is the worker's lone tracked
 * training and `trainTogether` its gang (workers/train-gang.ts) — only the comlink hop is left out. Each member
 * settles as soon as its run ends, as the worker reports it to the page. `gangSizes` records every gang.
 */
export class InProcessTrainer implements Trainer {
  static gangSizes: number[] = [];

  constructor(private readonly tracking: TrackingClient) {}

  train(signal: AbortSignal, request: TrainRequest, onProgress: (p: TrainProgress) => void): Promise<TrainOutcome> {
    return runTrackedTraining(tf, this.tracking, request, { backend: 'cpu', signal, onProgress });
  }

  trainTogether(members: GangMember[]): Promise<TrainOutcome>[] {
    InProcessTrainer.gangSizes.push(members.length);
    const settlers: { resolve: (o: TrainOutcome) => void; reject: (e: Error) => void }[] = [];
    const outcomes = members.map(
      () => new Promise<TrainOutcome>((resolve, reject) => settlers.push({ resolve, reject })),
    );
    void runGangTraining(
      tf,
      this.tracking,
      members.map((m) => m.request),
      {
        shared: { backend: 'cpu' },
        signals: members.map((m) => m.signal),
        onProgress: (i, p) => members[i].onProgress(p),
        onSettled: (i, result) =>
          'outcome' in result ? settlers[i].resolve(result.outcome) : settlers[i].reject(new Error(result.error)),
      },
    );
    return outcomes;
  }
}
