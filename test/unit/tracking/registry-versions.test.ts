import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AlreadyExistsError, NotFoundError, ValidationError, type TrackingClient } from '../../../src/tracking';
import { freshTracking } from '../helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tinyModel(seed: number): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 2,
      inputShape: [2],
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  return model;
}

/** A finished run with a logged model at `model`. */
async function runWithModel(t: TrackingClient, seed = 1): Promise<string> {
  const run = await t.startRun();
  const model = tinyModel(seed);
  await run.logModel(model);
  model.dispose();
  await run.end();
  return run.id;
}

describe('model registry', () => {
  it('numbers versions 1, 2, 3 and never reuses a deleted number', async () => {
    const t = await freshTracking();
    const runId = await runWithModel(t);
    expect(await t.createModelVersion('spiral-classifier', runId, 'model')).toBe(1);
    expect(await t.createModelVersion('spiral-classifier', runId, 'model')).toBe(2);
    await t.deleteModelVersion('spiral-classifier', 2);
    expect(await t.createModelVersion('spiral-classifier', runId, 'model')).toBe(3);
    expect((await t.searchModelVersions({ name: 'spiral-classifier' })).map((v) => v.version)).toEqual([3, 1]);
    expect((await t.getRegisteredModel('spiral-classifier')).latestVersion).toBe(3);
    expect(await t.createModelVersion('other', runId, 'model')).toBe(1);
  });

  it('creates the registered model on first registration, keeps description and tags, and links the run', async () => {
    const t = await freshTracking();
    const runId = await runWithModel(t);
    await t.createModelVersion('spiral', runId, 'model', { description: 'first', tags: { team: 'a' } });
    const mv = await t.getModelVersion('spiral', 1);
    expect(mv).toMatchObject({
      name: 'spiral',
      version: 1,
      runId,
      artifactPath: 'model',
      source: `runs:/${runId}/model`,
      description: 'first',
      tags: { team: 'a' },
      status: 'READY',
      aliases: [],
    });
    expect((await t.searchRegisteredModels()).map((m) => m.name)).toEqual(['spiral']);
    expect((await t.searchModelVersions({ runId })).map((v) => `${v.name}/${v.version}`)).toEqual(['spiral/1']);
    await t.updateModelVersion('spiral', 1, { description: 'better' });
    await t.setModelVersionTag('spiral', '1', 'stage', 'qa');
    expect(await t.getModelVersion('spiral', 1)).toMatchObject({
      description: 'better',
      tags: { team: 'a', stage: 'qa' },
    });
    await t.updateRegisteredModel('spiral', { description: 'spirals' });
    await t.setRegisteredModelTag('spiral', 'owner', 'me');
    expect(await t.getRegisteredModel('spiral')).toMatchObject({ description: 'spirals', tags: { owner: 'me' } });
  });

  it('refuses to register a run without a model and writes nothing', async () => {
    const t = await freshTracking();
    const run = await t.startRun();
    await expect(t.createModelVersion('m', run.id, 'model')).rejects.toThrow(/no model at 'model'/);
    await expect(t.createModelVersion('m', 'missing-run', 'model')).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.searchRegisteredModels()).toEqual([]);
  });

  it('refuses a duplicate registered model name', async () => {
    const t = await freshTracking();
    await t.createRegisteredModel('m', { description: 'd', tags: { k: 'v' } });
    await expect(t.createRegisteredModel('m')).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await t.getRegisteredModel('m')).toMatchObject({
      description: 'd',
      tags: { k: 'v' },
      latestVersion: 0,
      aliases: {},
    });
  });

  it('moves an alias from the version that had it', async () => {
    const t = await freshTracking();
    const runId = await runWithModel(t);
    await t.createModelVersion('m', runId, 'model');
    await t.createModelVersion('m', runId, 'model');
    await t.setRegisteredModelAlias('m', 'champion', 1);
    expect((await t.getModelVersion('m', 1)).aliases).toEqual(['champion']);
    await t.setRegisteredModelAlias('m', 'champion', 2);
    expect((await t.getModelVersion('m', 1)).aliases).toEqual([]);
    expect((await t.getModelVersion('m', 2)).aliases).toEqual(['champion']);
    expect((await t.getModelVersionByAlias('m', 'champion')).version).toBe(2);
    expect((await t.getRegisteredModel('m')).aliases).toEqual({ champion: 2 });
    await t.deleteRegisteredModelAlias('m', 'champion');
    await expect(t.getModelVersionByAlias('m', 'champion')).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.deleteRegisteredModelAlias('m', 'champion')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses aliases to missing versions and reserved alias names', async () => {
    const t = await freshTracking();
    const runId = await runWithModel(t);
    await t.createModelVersion('m', runId, 'model');
    await expect(t.setRegisteredModelAlias('m', 'champion', 5)).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.setRegisteredModelAlias('m', 'latest', 1)).rejects.toBeInstanceOf(ValidationError);
    await expect(t.setRegisteredModelAlias('m', 'v1', 1)).rejects.toThrow('reserved');
    expect((await t.getRegisteredModel('m')).aliases).toEqual({});
  });

  it('deleting a version drops its aliases; deleting a model drops its versions but keeps the run', async () => {
    const t = await freshTracking();
    const runId = await runWithModel(t);
    await t.createModelVersion('m', runId, 'model');
    await t.createModelVersion('m', runId, 'model');
    await t.setRegisteredModelAlias('m', 'champion', 2);
    await t.setRegisteredModelAlias('m', 'backup', 1);
    await t.deleteModelVersion('m', 2);
    expect((await t.getRegisteredModel('m')).aliases).toEqual({ backup: 1 });
    await expect(t.getModelVersion('m', 2)).rejects.toBeInstanceOf(NotFoundError);
    await t.deleteRegisteredModel('m');
    await expect(t.getRegisteredModel('m')).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.searchModelVersions()).toEqual([]);
    expect((await t.listArtifacts(runId, 'model')).length).toBe(3);
    await expect(t.deleteRegisteredModel('m')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('loads the same model by version, alias, latest, runs:/ and (runId, path)', async () => {
    const t = await freshTracking();
    const first = await runWithModel(t, 1);
    const second = await runWithModel(t, 2);
    await t.createModelVersion('m', first, 'model');
    await t.createModelVersion('m', second, 'model');
    await t.setRegisteredModelAlias('m', 'champion', 1);
    const x = tf.tensor2d([[0.5, -1]]);
    const predict = async (artifacts: Awaited<ReturnType<TrackingClient['loadModelArtifacts']>>) => {
      const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
      const out = Array.from(await (model.predict(x) as tf.Tensor).data());
      model.dispose();
      return out;
    };
    const byRun = await predict(await t.loadModelArtifacts(first, 'model'));
    expect(await predict(await t.loadModelArtifacts('models:/m@champion'))).toEqual(byRun);
    expect(await predict(await t.loadModelArtifacts('models:/m/1'))).toEqual(byRun);
    expect(await predict(await t.loadModelArtifacts(`runs:/${first}/model`))).toEqual(byRun);
    const latest = await predict(await t.loadModelArtifacts('models:/m/latest'));
    expect(latest).toEqual(await predict(await t.loadModelArtifacts(second)));
    expect(latest).not.toEqual(byRun);
    expect(await t.resolveModelUri('models:/m@champion')).toEqual({
      runId: first,
      artifactPath: 'model',
      name: 'm',
      version: 1,
    });
    await expect(t.loadModelArtifacts('models:/m@nobody')).rejects.toThrow("has no alias 'nobody'");
    await expect(t.loadModelArtifacts('models:/m/9')).rejects.toThrow('has no version 9');
    x.dispose();
  });
});
