import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainingSession } from '../../../src/app/training-session';
import { DEFAULT_DATASET_CONFIG } from '../../../src/ml/dataset-config';
import { DEFAULT_MODEL_CONFIG } from '../../../src/ml/model-config';
import type { NetworkFrame, NetworkLayout } from '../../../src/ml/network-frame';
import type { TrainOutcome, TrainProgress, TrainRequest } from '../../../src/ml/training-messages';

const request: TrainRequest = {
  source: { kind: 'generated', config: DEFAULT_DATASET_CONFIG },
  model: DEFAULT_MODEL_CONFIG,
};

/** A layout as a worker message brings it: a fresh copy every time. */
function layout(hidden: number): NetworkLayout {
  return {
    gridSize: 2,
    bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
    layers: [
      { units: 2, shown: 2, unitNames: ['x', 'y'], activation: 'linear' },
      { units: hidden, shown: hidden, unitNames: [], activation: 'tanh' },
      { units: 1, shown: 1, unitNames: [], activation: 'softmax' },
    ],
    output: 'binary',
  };
}

const frame = (epoch: number): NetworkFrame => ({
  epoch,
  grids: new Uint8Array(4),
  ranges: new Float32Array(2),
  weights: new Float32Array(1),
  biases: new Float32Array(1),
});

describe('TrainingSession network frames', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands the view one layout object while the layout stays the same, and the new one when it changes', () => {
    let progress: (p: TrainProgress) => void = () => {};
    const session = new TrainingSession({
      train: (_signal: AbortSignal, _request: TrainRequest, onProgress: (p: TrainProgress) => void) => {
        progress = onProgress;
        return new Promise<TrainOutcome>(() => {});
      },
      parseCsv: () => Promise.reject(new Error('not used')),
    });
    void session.start(request);
    progress({ type: 'started', runId: 'r1', backend: 'cpu', epochs: 5 });
    const layouts: NetworkLayout[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      progress({ type: 'network', layout: layout(4), frame: frame(epoch) });
      vi.advanceTimersByTime(250);
      layouts.push(session.current!.network!.layout);
    }
    expect(session.current!.network!.frame.epoch).toBe(2);
    expect(layouts[1]).toBe(layouts[0]);
    expect(layouts[2]).toBe(layouts[0]);
    progress({ type: 'network', layout: layout(3), frame: frame(3) });
    vi.advanceTimersByTime(250);
    expect(session.current!.network!.layout).not.toBe(layouts[0]);
    expect(session.current!.network!.layout.layers[1].units).toBe(3);
  });
});
