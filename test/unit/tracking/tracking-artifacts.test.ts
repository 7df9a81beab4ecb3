import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/tracking';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('artifacts', () => {
  it('stores strings, bytes and blobs under paths and lists them', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    await run.logArtifact('notes/readme.txt', 'hello');
    await run.logArtifact('data/raw.bin', new Uint8Array([0, 1, 255]));
    await run.logArtifact('img/plot.png', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }));
    await run.logArtifact('data/buf.bin', new Uint8Array([9, 8]).buffer);
    const list = await t.listArtifacts(run.id);
    expect(list.map((a) => a.path)).toEqual(['data/buf.bin', 'data/raw.bin', 'img/plot.png', 'notes/readme.txt']);
    expect(list.find((a) => a.path === 'data/raw.bin')?.size).toBe(3);
    expect((await t.listArtifacts(run.id, 'data')).map((a) => a.path)).toEqual(['data/buf.bin', 'data/raw.bin']);
    expect(await (await t.getArtifact(run.id, 'notes/readme.txt')).text()).toBe('hello');
    const raw = new Uint8Array(await (await t.getArtifact(run.id, 'data/raw.bin')).arrayBuffer());
    expect(Array.from(raw)).toEqual([0, 1, 255]);
    expect((await t.getArtifact(run.id, 'img/plot.png')).type).toBe('image/png');
    await expect(t.getArtifact(run.id, 'missing.txt')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses paths that climb out of the run folder', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    for (const bad of ['../x', '/abs', 'a/../../b', 'C:/win', 'a//b', 'a\\b']) {
      await expect(run.logArtifact(bad, 'x'), bad).rejects.toThrow(/Invalid artifact path/);
    }
    expect(await t.listArtifacts(run.id)).toEqual([]);
  });

  it('logs a tfjs model as model.json + weights + MLmodel and loads it back with identical predictions', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [2], units: 4, activation: 'relu' }),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    await run.logModel(model);
    const files = (await t.listArtifacts(run.id)).map((a) => a.path);
    expect(files).toEqual(['model/MLmodel', 'model/group1-shard1of1.bin', 'model/model.json']);
    const mlmodel = await (await t.getArtifact(run.id, 'model/MLmodel')).text();
    expect(mlmodel).toMatch(/flavors:\n {2}tfjs:/);
    expect(mlmodel).toContain(`run_id: ${run.id}`);
    const history = JSON.parse((await t.getRun(run.id)).data.tags['mlflow.log-model.history']);
    expect(history[0]).toMatchObject({ artifact_path: 'model', run_id: run.id });

    const artifacts = await t.loadModelArtifacts(run.id, 'model');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    const x = tf.tensor2d([
      [0.1, -0.3],
      [2, 1],
    ]);
    const expected = (model.predict(x) as tf.Tensor).arraySync();
    expect((loaded.predict(x) as tf.Tensor).arraySync()).toEqual(expected);
    await expect(t.loadModelArtifacts(run.id, 'other')).rejects.toBeInstanceOf(NotFoundError);
  });
});
