import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import { runGangTraining, type GangMemberResult } from '../../../workers/train-gang';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const request = (learningRate: number, extra: Partial<TrainRequest> = {}): TrainRequest => ({
  source: { kind: 'generated', config: { generator: 'xor', numPoints: 80, noise: 0, testFraction: 0.25, seed: 2 } },
  model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [4], epochs: 3, batchSize: 20, learningRate, backend: 'cpu' },
  liveBoundary: false,
  ...extra,
});

describe('runGangTraining (a batch of trials in one worker)', () => {
  it('a member whose run cannot start, and one stopped before training, do not hold up the others', async () => {
    const tracking = await freshTracking();
    const stopped = new AbortController();
    stopped.abort();
    const requests = [
      request(0.01),
      // A tag key over MLflow's 250 characters: startRun refuses it, so this member never trains.
      request(0.02, { tags: { ['k'.repeat(300)]: 'x' } }),
      request(0.03),
      request(0.04),
    ];
    const settled: [number, GangMemberResult][] = [];
    const epochs: number[][] = requests.map(() => []);
    const results = await runGangTraining(tf, tracking, requests, {
      shared: { backend: 'cpu' },
      signals: [
        new AbortController().signal,
        new AbortController().signal,
        new AbortController().signal,
        stopped.signal,
      ],
      onProgress: (i, p: TrainProgress) => p.type === 'epoch' && epochs[i].push(p.epoch),
      onSettled: (i, result) => settled.push([i, result]),
    });

    expect(results[1]).toEqual({ error: expect.stringMatching(/250/) });
    const outcomes = results.map((r) => ('outcome' in r ? r.outcome.status : 'no run'));
    expect(outcomes).toEqual(['FINISHED', 'no run', 'FINISHED', 'KILLED']);
    expect(epochs).toEqual([[0, 1, 2], [], [0, 1, 2], []]);
    // Each member is reported as soon as it ends: the two that never trained before the two that did.
    expect(
      settled
        .map(([i]) => i)
        .slice(0, 2)
        .sort(),
    ).toEqual([1, 3]);
    for (const i of [0, 2]) {
      const { runId } = (results[i] as { outcome: { runId: string } }).outcome;
      const run = await tracking.getRun(runId);
      expect(run.data.params.learning_rate).toBe(String(requests[i].model.learningRate));
      expect((await tracking.getMetricHistory(runId, 'loss')).values).toHaveLength(3);
    }
  }, 60_000);

  it('refuses a stepped training, which cannot share a batch', () => {
    const stepped = request(0.01, { stepped: { token: 't', first: 'epoch' } });
    expect(() => runGangTraining(tf, null as never, [stepped], { shared: { backend: 'cpu' }, signals: [] })).toThrow(
      /stepped training cannot train in a batch/,
    );
  });
});
