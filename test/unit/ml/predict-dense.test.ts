import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/ml/build-model';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/ml/model-config';
import { denseForward } from '../../../src/ml/predict-dense';
import { mulberry32 } from '../../../src/ml/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Seeded values in [-scale, scale): weights and inputs large enough that tanh, sigmoid and softmax saturate too. */
function noise(length: number, seed: number, scale: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length }, () => (random() * 2 - 1) * scale);
}

/** A model from buildModel with every weight (biases too) set to seeded noise, so no bias is 0. */
function noisyModel(config: Partial<ModelConfig>, inputs: number, task: 'classification' | 'regression', classes = 2) {
  const model = buildModel(
    tf,
    { ...DEFAULT_MODEL_CONFIG, ...config },
    inputs,
    task,
    task === 'regression' ? 0 : classes,
  );
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(noise(w.size, 100 + i, 2), w.shape)));
  return model;
}

const CASES: [string, Partial<ModelConfig>, number, 'classification' | 'regression', number][] = [
  ['the Playground default (8-8 tanh, 2 classes)', {}, 2, 'classification', 2],
  ['relu, 3 classes', { activation: 'relu', hiddenLayers: [5, 7, 3] }, 2, 'classification', 3],
  ['sigmoid, regression', { activation: 'sigmoid', hiddenLayers: [6] }, 2, 'regression', 0],
  ['linear, 4 classes', { activation: 'linear', hiddenLayers: [4, 4] }, 2, 'classification', 4],
  // Shared dimensions past 48 round per 48-wide block in tfjs's cpu matMul.
  ['wide (130 and 100 units, tanh)', { hiddenLayers: [130, 100] }, 2, 'classification', 2],
  ['expanded inputs (7 features)', { hiddenLayers: [8] }, 7, 'classification', 2],
  ['dropout layers (passed through at prediction)', { dropout: 0.3, hiddenLayers: [8, 8] }, 2, 'classification', 2],
];

describe('denseForward (pictures without tfjs per-op cost)', () => {
  it.each(CASES)('gives model.predict bit for bit on cpu: %s', async (_name, config, inputs, task, classes) => {
    const model = noisyModel(config, inputs, task, classes);
    const rows = 1500;
    const x = noise(rows * inputs, 7, 4);
    const forward = await denseForward(tf, model);
    expect(forward).not.toBeNull();
    const expected = tf.tidy(() => model.predict(tf.tensor2d(x, [rows, inputs]), { batchSize: 1024 }) as tf.Tensor);
    expect(Array.from(forward!.predict(x))).toEqual(Array.from(expected.dataSync()));
    expected.dispose();
    model.dispose();
  });

  it("gives every dense layer's outputs as the layers compute them one after another", async () => {
    const model = noisyModel({ hiddenLayers: [6, 5] }, 2, 'classification', 3);
    const x = noise(200 * 2, 11, 3);
    const outputs = (await denseForward(tf, model))!.layerOutputs(x);
    const expected = tf.tidy(() => {
      let h: tf.Tensor = tf.tensor2d(x, [200, 2]);
      return model.layers.map((layer) => (h = layer.apply(h) as tf.Tensor).dataSync());
    });
    expect(outputs.map((o) => Array.from(o))).toEqual(expected.map((e) => Array.from(e)));
    model.dispose();
  });

  it('declines a model with other layers (a convolution), which keeps tfjs predict', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 3 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    expect(await denseForward(tf, model)).toBeNull();
    model.dispose();
  });
});
