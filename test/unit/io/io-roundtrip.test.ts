import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../../src/io';
import type { TrackingClient } from '../../../src/tracking';
import { freshTracking } from '../helpers';
import { validTree, zipOf } from '../io-helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tinyModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 4,
      inputShape: [2],
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  return model;
}

async function populate(tracking: TrackingClient) {
  const experimentId = await tracking.createExperiment('round trip', { tags: { class: '3b' } });
  const parent = await tracking.startRun({ experimentId, runName: 'parent' });
  await parent.logParams({ lr: 0.01, optimizer: 'adam', layers: '[4, 1]' });
  await parent.setTags({ note: 'first try', 'mlflow.note.content': '# Notes\nwith *markdown*' });
  const special = [NaN, Infinity, -Infinity, -0, 1e-7, 1e16, 1.5e300, 5e-324, 0.1 + 0.2, 123456789.125];
  special.forEach((v, i) => parent.logMetric('special', v, i, 1_700_000_000_000 + i));
  for (let i = 0; i < 5000; i++)
    parent.logMetric('loss', Math.exp(-i / 1000) + Math.sin(i) / 1e3, i, 1_700_000_000_000 + i);
  parent.logMetric('val/acc', 0.5, 0, 1_700_000_000_000);
  await parent.logArtifact('images/bytes.bin', new Uint8Array(Array.from({ length: 256 }, (_, i) => i)));
  await parent.logArtifact('notes/readme.md', '# hello');
  await parent.logModel(tinyModel());
  await parent.logInput({
    name: 'spirals',
    digest: 'abc123',
    sourceType: 'generator',
    source: 'playground:spiral',
    schema: '{"x": "double"}',
    context: 'train',
  });
  await parent.end();
  await tracking.createRegisteredModel('spiral-net', { description: 'the best one', tags: { team: 'b' } });
  await tracking.createModelVersion('spiral-net', parent.id, 'model', { tags: { stage: 'try' } });
  await tracking.setRegisteredModelAlias('spiral-net', 'champion', 1);
  const child = await tracking.startRun({ experimentId, runName: 'child', parentRunId: parent.id });
  child.logMetric('loss', 0.3, 1);
  await child.end('FAILED');
  const deleted = await tracking.startRun({ experimentId, runName: 'deleted one' });
  await deleted.end('KILLED');
  await tracking.deleteRun(deleted.id);
  return { experimentId, parentId: parent.id, childId: child.id, deletedId: deleted.id };
}

/** Everything stored about runs, in a comparable form. */
async function dump(tracking: TrackingClient) {
  const experiments = (await tracking.searchExperiments({ viewType: 'ALL' })).filter((e) => e.experimentId !== '0');
  const runs = await tracking.searchRuns({ viewType: 'ALL', orderBy: ['attributes.run_name ASC'] });
  const out = [];
  for (const run of runs) {
    const histories: Record<string, unknown> = {};
    for (const key of Object.keys(run.data.metrics)) {
      const h = await tracking.getMetricHistory(run.info.runId, key);
      histories[key] = {
        steps: Array.from(h.steps),
        values: Array.from(h.values, (v) => (Object.is(v, -0) ? '-0' : v)),
        timestamps: Array.from(h.timestamps),
      };
    }
    const artifacts: Record<string, number[]> = {};
    for (const a of await tracking.listArtifacts(run.info.runId)) {
      artifacts[a.path] = Array.from(
        new Uint8Array(await (await tracking.getArtifact(run.info.runId, a.path)).arrayBuffer()),
      );
    }
    out.push({
      info: { ...run.info, artifactUri: undefined },
      data: run.data,
      inputs: run.inputs,
      histories,
      artifacts,
    });
  }
  const models = await tracking.searchRegisteredModels();
  const versions = await tracking.searchModelVersions();
  return { experiments, runs: out, models, versions };
}

describe('export then import', () => {
  it('restores runs identically: params, tags, nested runs, NaN/±Inf, 5,000 points, binary artifacts', async () => {
    const source = await freshTracking();
    await populate(source);
    const zip = await exportRuns(source);
    const target = await freshTracking();
    const summary = await importRuns(target, zip);
    // 1 experiment: Default is in the zip too, but the target already has it and it holds no runs.
    expect(summary).toMatchObject({ experiments: 1, runs: 3, artifacts: 5, models: 1, skipped: [] });
    expect(summary.metricPoints).toBe(10 + 5000 + 1 + 1);
    const restored = await dump(target);
    expect(restored.runs).toHaveLength(3);
    expect(restored.versions).toHaveLength(1);
    expect(restored).toEqual(await dump(source));
  });

  it('brings back a tfjs model that predicts identically', async () => {
    const source = await freshTracking();
    const { parentId } = await populate(source);
    const target = await freshTracking();
    await importRuns(target, await exportRuns(source, { runIds: [parentId] }));
    const input = tf.tensor2d([
      [0.5, -1],
      [2, 3],
    ]);
    const before = await tf.loadLayersModel(
      tf.io.fromMemory((await source.loadModelArtifacts(parentId)) as tf.io.ModelArtifacts),
    );
    const after = await tf.loadLayersModel(
      tf.io.fromMemory((await target.loadModelArtifacts(parentId)) as tf.io.ModelArtifacts),
    );
    expect(Array.from(await (after.predict(input) as tf.Tensor).data())).toEqual(
      Array.from(await (before.predict(input) as tf.Tensor).data()),
    );
  });

  it('exports only the chosen runs or experiments', async () => {
    const source = await freshTracking();
    const { childId, experimentId } = await populate(source);
    const other = await source.createExperiment('other');
    await (await source.startRun({ experimentId: other })).end();
    const target = await freshTracking();
    const summary = await importRuns(target, await exportRuns(source, { runIds: [childId] }));
    expect(summary.runs).toBe(1);
    expect((await target.getRun(childId)).info.parentRunId).toBeDefined();
    const byExperiment = await freshTracking();
    expect((await importRuns(byExperiment, await exportRuns(source, { experimentIds: [experimentId] }))).runs).toBe(3);
    expect(await byExperiment.getExperimentByName('other')).toBeNull();
  });

  it('skips existing run ids by default and replaces them when asked', async () => {
    const source = await freshTracking();
    const { parentId } = await populate(source);
    const zip = await exportRuns(source);
    const target = await freshTracking();
    await importRuns(target, zip);
    await target.setRunName(parentId, 'renamed here');
    const again = await importRuns(target, zip);
    expect(again.runs).toBe(0);
    expect(again.skipped.map((x) => x.kind)).toEqual(['run', 'run', 'run', 'model version']);
    expect(again.skipped[0]).toMatchObject({ kind: 'run', reason: expect.stringContaining('already exists') });
    expect((await target.getRun(parentId)).info.runName).toBe('renamed here');
    const replaced = await importRuns(target, zip, { onExisting: 'replace' });
    expect(replaced.runs).toBe(3);
    expect((await target.getRun(parentId)).info.runName).toBe('parent');
    expect((await target.getMetricHistory(parentId, 'loss')).values.length).toBe(5000);
  });

  it('merges an experiment with the same name but another id into the local one', async () => {
    const source = await freshTracking();
    const { parentId } = await populate(source);
    const target = await freshTracking();
    const localId = await target.createExperiment('round trip');
    await importRuns(target, await exportRuns(source));
    expect((await target.getRun(parentId)).info.experimentId).toBe(localId);
    expect((await target.searchExperiments()).filter((e) => e.name === 'round trip')).toHaveLength(1);
  });

  it('gives an imported experiment a fresh id when its id is taken by an experiment of another name', async () => {
    const target = await freshTracking();
    await importRuns(target, zipOf(validTree()));
    const renamed = Object.fromEntries(
      Object.entries(validTree())
        .filter(([path]) => !path.includes('/0123456789abcdef0123456789abcdef/'))
        .map(([path, text]) => [path, text.replace('name: tiny', 'name: another')]),
    );
    const summary = await importRuns(target, zipOf(renamed));
    expect(summary.experiments).toBe(1);
    const another = await target.getExperimentByName('another');
    expect(another?.experimentId).toMatch(/^\d{18}$/);
    expect((await target.getExperiment('123')).name).toBe('tiny');
  });

  it('keeps a RUNNING run running: an import is not a tab that died mid-training', async () => {
    const source = await freshTracking();
    const run = await source.startRun({ runName: 'still going elsewhere' });
    run.logMetric('loss', 1, 0);
    await run.flush();
    const target = await freshTracking();
    await importRuns(target, await exportRuns(source, { runIds: [run.id] }));
    expect(await target.endAbandonedRuns(0, Date.now() + 3_600_000)).toEqual([]);
    expect((await target.getRun(run.id)).info).toMatchObject({ status: 'RUNNING', endTime: null });
  });

  it('reports progress and stops when cancelled', async () => {
    const source = await freshTracking();
    await populate(source);
    const seen: number[] = [];
    await exportRuns(source, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([0, 1, 2, 3]);
    const controller = new AbortController();
    const cancelled = exportRuns(source, {
      signal: controller.signal,
      onProgress: (p) => p.done === 1 && controller.abort(),
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
  });
});
