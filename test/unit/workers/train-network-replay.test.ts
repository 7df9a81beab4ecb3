import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import { unitIndex } from '../../../src/ml/network-frame';
import { decodeReplay, REPLAY_DATA_PATH, REPLAY_HEADER_PATH } from '../../../src/ml/replay-format';
import type { TrainProgress, TrainRequest } from '../../../src/ml/training-messages';
import type { TrackingClient } from '../../../src/tracking';
import { parseCsv } from '../../../src/ml/csv';
import { runTrackedTraining } from '../../../workers/train-run';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const request: TrainRequest = {
  source: { kind: 'generated', config: { generator: 'spiral', numPoints: 100, noise: 0, testFraction: 0.2, seed: 4 } },
  model: { ...DEFAULT_MODEL_CONFIG, hiddenLayers: [8, 8], epochs: 5, backend: 'cpu' },
};

async function readReplay(tracking: TrackingClient, runId: string) {
  const header = await (await tracking.getArtifact(runId, REPLAY_HEADER_PATH)).text();
  const bytes = new Uint8Array(await (await tracking.getArtifact(runId, REPLAY_DATA_PATH)).arrayBuffer());
  return decodeReplay(header, bytes);
}

describe('tracked training with the network view', () => {
  it('sends 2 + 16 + 1 unit frames live and records every epoch of a short run, the last as the Playground drew it', async () => {
    const tracking = await freshTracking();
    const progress: TrainProgress[] = [];
    const outcome = await runTrackedTraining(tf, tracking, request, {
      backend: 'cpu',
      onProgress: (p) => progress.push(p),
      boundaryEveryMs: 0,
    });
    expect(outcome.status).toBe('FINISHED');
    const frames = progress.filter((p) => p.type === 'network');
    const boundaries = progress.filter((p) => p.type === 'boundary');
    expect(frames.map((p) => p.frame.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(frames[0].layout.layers.map((l) => l.shown)).toEqual([2, 8, 8, 1]);
    expect(frames[0].frame.grids).toHaveLength(19 * 24 * 24);

    const replay = await readReplay(tracking, outcome.runId);
    expect(replay.header.snapshots).toEqual([0, 1, 2, 3, 4, 5]);
    expect(replay.header.epochs).toBe(5);
    expect(replay.x).toHaveLength(200);
    const last = replay.snapshot(5);
    expect(last.boundary).toEqual(boundaries[boundaries.length - 1].grid.values);
    expect(last.frame).toEqual(frames[frames.length - 1].frame);
    // Training moved the first hidden unit: its heatmap after 5 epochs is not the initial one.
    const u = unitIndex(replay.header.layout, 1, 0) * 576;
    expect(last.frame.grids.subarray(u, u + 576)).not.toEqual(replay.snapshot(0).frame.grids.subarray(u, u + 576));
  });

  it('keeps the replay of a stopped run up to its last snapshot', async () => {
    const tracking = await freshTracking();
    const stop = new AbortController();
    const outcome = await runTrackedTraining(
      tf,
      tracking,
      { ...request, model: { ...request.model, epochs: 50 } },
      {
        backend: 'cpu',
        signal: stop.signal,
        onProgress: (p) => {
          if (p.type === 'epoch' && p.epoch === 2) stop.abort();
        },
      },
    );
    expect(outcome.status).toBe('KILLED');
    const replay = await readReplay(tracking, outcome.runId);
    // The initial weights, then epochs as their cost allowed, up to the 3 finished ones at most.
    expect(replay.header.snapshots[0]).toBe(0);
    expect(Math.max(...replay.header.snapshots)).toBeLessThanOrEqual(3);
  });

  it('records no replay for data without an input plane (1-D sine)', async () => {
    const tracking = await freshTracking();
    const sine: TrainRequest = {
      ...request,
      source: { kind: 'generated', config: { generator: 'sine', numPoints: 60, noise: 0, testFraction: 0, seed: 1 } },
    };
    const outcome = await runTrackedTraining(tf, tracking, sine, { backend: 'cpu' });
    expect(outcome.status).toBe('FINISHED');
    expect((await tracking.listArtifacts(outcome.runId, 'replay')).length).toBe(0);
  });

  it('logs the confusion matrix of a CSV with text labels under the class names', async () => {
    const tracking = await freshTracking();
    const rows = Array.from({ length: 40 }, (_, i) => `${(i % 4) - 1.5},${(i % 3) - 1},${i % 2 ? 'cat' : 'dog'}`);
    const dataset = parseCsv(['x,y,animal', ...rows].join('\n'), { name: 'pets.csv' });
    const outcome = await runTrackedTraining(
      tf,
      tracking,
      { ...request, source: { kind: 'csv', dataset, fileName: 'pets.csv', testFraction: 0.25, seed: 1 } },
      { backend: 'cpu' },
    );
    expect(outcome.status).toBe('FINISHED');
    const matrix = JSON.parse(await (await tracking.getArtifact(outcome.runId, 'confusion_matrix.json')).text());
    expect(matrix.labels).toEqual(['cat', 'dog']);
    expect(matrix.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(10);
  });
});
