import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import { expandFeatures } from '../../../src/ml/features';
import { generateDataset } from '../../../src/ml/generators';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { biasAt, frameBytes, unitGrid, weightAt, type NetworkLayout } from '../../../src/ml/network-frame';
import { networkFrame, networkProbe, unitActivations } from '../../../src/ml/network-grids';
import {
  decodeReplay,
  encodeReplay,
  ReplayFormatError,
  snapshotBlockBytes,
  type ReplaySnapshot,
} from '../../../src/ml/replay-format';
import { ReplayRecorder } from '../../../src/ml/replay-recorder';
import { trainModel } from '../../../src/ml/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const spiral = generateDataset('spiral', { numPoints: 200, noise: 0, seed: 2 });
const config: ModelConfig = {
  ...DEFAULT_MODEL_CONFIG,
  hiddenLayers: [5, 3],
  epochs: 2,
  backend: 'cpu',
  inputFeatures: ['x', 'y', 'xTimesY'],
};

async function trainedModel() {
  const train = expandFeatures(spiral, config.inputFeatures);
  const model = buildModel(tf, config, 3, 'classification', 2);
  await trainModel(tf, model, train, null, config);
  return model;
}

/** Column `c` of a row-major n × k matrix. */
function columnOf(values: Float32Array, k: number, c: number): number[] {
  return Array.from({ length: values.length / k }, (_, i) => values[i * k + c]);
}

describe('network grids', () => {
  it('equal model.predict of the model truncated after each layer, on the same grid points', async () => {
    const model = await trainedModel();
    const probe = networkProbe(model, spiral, config.inputFeatures, 12)!;
    expect(probe.layout.layers.map((l) => l.units)).toEqual([3, 5, 3, 1]);
    expect(probe.layout.layers[0].unitNames).toEqual(['x', 'y', 'xTimesY']);
    const activations = await unitActivations(tf, model, probe);
    const n = 144;
    const x = tf.tensor2d(probe.inputs, [n, 3]);
    for (let l = 1; l < 3; l++) {
      const truncated = tf.model({ inputs: model.inputs, outputs: probe.dense[l - 1].output as tf.SymbolicTensor });
      const expected = (await (truncated.predict(x) as tf.Tensor).data()) as Float32Array;
      for (let u = 0; u < probe.layout.layers[l].units; u++) {
        const got = Array.from(activations[l].subarray(u * n, u * n + n));
        got.forEach((v, i) => expect(v).toBeCloseTo(columnOf(expected, probe.layout.layers[l].units, u)[i], 5));
      }
    }
    const full = (await (model.predict(x) as tf.Tensor).data()) as Float32Array;
    const output = Array.from(activations[3]);
    output.forEach((v, i) => expect(v).toBeCloseTo(full[2 * i + 1], 5));
    // Layer 0 is the expanded inputs themselves: feature xTimesY is x·y at each grid point.
    expect(Array.from(activations[0].subarray(2 * n, 3 * n))).toEqual(columnOf(probe.inputs, 3, 2));
    x.dispose();
    model.dispose();
  });

  it('quantize each unit within half a step of its activation and keep the shown weights and biases', async () => {
    const model = await trainedModel();
    const probe = networkProbe(model, spiral, config.inputFeatures, 12)!;
    const activations = await unitActivations(tf, model, probe);
    const frame = await networkFrame(tf, model, probe, 2);
    expect(frame.grids.length + frame.ranges.byteLength + frame.weights.byteLength + frame.biases.byteLength).toBe(
      frameBytes(probe.layout),
    );
    for (let l = 0; l < probe.layout.layers.length; l++) {
      for (let u = 0; u < probe.layout.layers[l].shown; u++) {
        const values = activations[l].subarray(u * 144, u * 144 + 144);
        const step = (Math.max(...values) - Math.min(...values)) / 255;
        unitGrid(probe.layout, frame, l, u).forEach((v, i) =>
          expect(Math.abs(v - values[i])).toBeLessThanOrEqual(step / 2 + 1e-6),
        );
      }
    }
    const [kernel1, bias1] = probe.dense[1].getWeights().map((t) => t.dataSync());
    expect(weightAt(probe.layout, frame, 2, 4, 2)).toBeCloseTo(kernel1[4 * 3 + 2], 6);
    expect(biasAt(probe.layout, frame, 2, 1)).toBeCloseTo(bias1[1], 6);
    // The binary output's weight is the difference of the two softmax columns' weights.
    const [kernel2, bias2] = probe.dense[2].getWeights().map((t) => t.dataSync());
    expect(weightAt(probe.layout, frame, 3, 1, 0)).toBeCloseTo(kernel2[1 * 2 + 1] - kernel2[1 * 2], 6);
    expect(biasAt(probe.layout, frame, 3, 0)).toBeCloseTo(bias2[1] - bias2[0], 6);
    model.dispose();
  });

  it('cap wide layers at 16 shown units, and have no plane for data that is not 2-D', () => {
    const model = buildModel(tf, { ...config, hiddenLayers: [40], inputFeatures: [] }, 2, 'classification', 3);
    const probe = networkProbe(model, spiral, [], 8)!;
    expect(probe.layout.layers.map((l) => [l.units, l.shown])).toEqual([
      [2, 2],
      [40, 16],
      [3, 3],
    ]);
    expect(probe.layout.output).toBe('units');
    const sine = generateDataset('sine', { numPoints: 50, noise: 0, seed: 1 });
    expect(networkProbe(model, sine, [])).toBeNull();
    model.dispose();
  });
});

async function snapshotsOf(epochs: number[]) {
  const model = await trainedModel();
  const probe = networkProbe(model, spiral, config.inputFeatures, 10)!;
  const snapshots: ReplaySnapshot[] = [];
  for (const epoch of epochs) {
    const boundary = Float32Array.from({ length: 36 }, (_, i) => Math.sin(i + epoch));
    snapshots.push({ frame: await networkFrame(tf, model, probe, epoch), boundary });
    model.layers[0].setWeights(model.layers[0].getWeights().map((w) => tf.mul(w, 1.1)));
  }
  model.dispose();
  return { layout: probe.layout, snapshots };
}

const meta = (layout: NetworkLayout) => ({
  layout,
  boundary: { width: 6, height: 6, bounds: { xMin: -1, xMax: 1, yMin: -2, yMax: 2 } },
  scale: { task: 'classification' as const, numClasses: 2 },
  epochs: 3,
  budgetBytes: 1000,
});

describe('replay format', () => {
  it('round-trips the points and every snapshot exactly', async () => {
    const { layout, snapshots } = await snapshotsOf([0, 1, 3]);
    const points = { x: spiral.x, y: spiral.y };
    const { header, bytes } = encodeReplay(meta(layout), points, snapshots);
    // Decoding from an unaligned offset inside a larger buffer (as a zip entry may be) still reads the same.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const replay = decodeReplay(header, shifted.subarray(3));
    expect(replay.header.snapshots).toEqual([0, 1, 3]);
    expect(replay.header.snapshotBytes).toBe(snapshotBlockBytes(layout, 36));
    expect(replay.x).toEqual(spiral.x);
    expect(replay.y).toEqual(spiral.y);
    snapshots.forEach((s, i) => {
      const back = replay.snapshot(i);
      expect(back.boundary).toEqual(s.boundary);
      expect(back.frame).toEqual(s.frame);
      for (let l = 0; l < layout.layers.length; l++) {
        for (let u = 0; u < layout.layers[l].shown; u++)
          expect(unitGrid(layout, back.frame, l, u)).toEqual(unitGrid(layout, s.frame, l, u));
      }
    });
    expect(snapshots[0].frame.grids).not.toEqual(snapshots[2].frame.grids);
  });

  it('rejects damaged or foreign files with words that say what is wrong', async () => {
    const { layout, snapshots } = await snapshotsOf([0]);
    const { header, bytes } = encodeReplay(meta(layout), { x: new Float32Array(0), y: new Float32Array(0) }, snapshots);
    expect(() => decodeReplay(header, bytes.subarray(1))).toThrow(ReplayFormatError);
    expect(() => decodeReplay(header, bytes.subarray(1))).toThrow(/holds \d+ bytes where its header describes \d+/);
    expect(() => decodeReplay('{"format":"other"}', bytes)).toThrow(/not a tabflow replay header/);
    expect(() => decodeReplay(header.replace('"version":1', '"version":9'), bytes)).toThrow(
      /version 9.*update tabflow/,
    );
    expect(() => decodeReplay('not json', bytes)).toThrow(/not JSON/);
    const wide = JSON.parse(header);
    wide.layout.layers[1].shown = 999;
    expect(() => decodeReplay(JSON.stringify(wide), bytes)).toThrow(/layer list/);
  });
});

describe('ReplayRecorder', () => {
  const snap = (epoch: number): ReplaySnapshot => ({
    frame: {
      epoch,
      grids: new Uint8Array(0),
      ranges: new Float32Array(0),
      weights: new Float32Array(0),
      biases: new Float32Array(0),
    },
    boundary: new Float32Array(0),
  });
  const record = (recorder: ReplayRecorder, epochs: number) => {
    for (let e = 0; e <= epochs; e++) if (recorder.wants(e) || e === epochs) recorder.offer(snap(e));
    return recorder.snapshots().map((s) => s.frame.epoch);
  };

  it('keeps every epoch of a short run', () => {
    expect(record(new ReplayRecorder(100, 10_000), 20)).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('spaces a long run evenly within the byte budget and always ends at the last epoch', () => {
    const recorder = new ReplayRecorder(100, 1_000);
    expect(recorder.capacity).toBe(10);
    const kept = record(recorder, 1000);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(1000);
    const gaps = new Set(kept.slice(1, -1).map((e, i) => e - kept[i]));
    expect(gaps.size).toBe(1);
  });
});
