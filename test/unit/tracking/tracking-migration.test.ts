import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  deferPush,
  enqueuePush,
  listOutbox,
  pushRecordsOf,
  recordPushes,
  removeFromOutbox,
  TrackingClient,
} from '../../../src/tracking';

/**
 * Guards every schema change: a database written by the FIRST schema version (a frozen copy of its store
 * definitions and of the rows that version wrote) must open with today's TrackingDb and read back intact.
 * Never edit FIRST_SCHEMA or the rows below when the schema changes; add an upgrade function in db.ts instead.
 */
const FIRST_SCHEMA = {
  experiments: '&experimentId, &name, lifecycleStage',
  runs: '&runId, experimentId, [experimentId+lifecycleStage], parentRunId, status, startTime',
  metricChunks: '++id, [runId+key+seq], runId',
  artifacts: '[runId+path], runId',
  registeredModels: '&name',
  modelVersions: '[name+version], name, runId',
  preferences: '&key',
};

const T0 = Date.UTC(2026, 0, 15, 9, 30);
const RUN_ID = '0123456789abcdef0123456789abcdef';
const PARENT_ID = 'fedcba9876543210fedcba9876543210';
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

const WEIGHTS = new Float32Array([0.5, -1.25, 2, 0.125]);
const MODEL_JSON = JSON.stringify({
  format: 'layers-model',
  generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
  convertedBy: null,
  modelTopology: {
    class_name: 'Sequential',
    config: { name: 'seq', layers: [] },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  },
  weightsManifest: [
    { paths: ['group1-shard1of1.bin'], weights: [{ name: 'dense/kernel', shape: [2, 2], dtype: 'float32' }] },
  ],
});

/** Metric history as version 1 stored it: Float64Array chunks of at most 1,000 points, ordered by seq. */
function lossChunks(points: number) {
  const chunks = [];
  for (let seq = 0, start = 0; start < points; seq++, start += 1000) {
    const n = Math.min(1000, points - start);
    const steps = Float64Array.from({ length: n }, (_, i) => start + i);
    chunks.push({
      runId: RUN_ID,
      key: 'loss',
      seq,
      steps,
      values: steps.map((s) => 1 / (s + 1)),
      timestamps: steps.map((s) => T0 + s * 10),
    });
  }
  return chunks;
}

function runRow(runId: string, name: string, extra: object) {
  return {
    runId,
    runName: name,
    experimentId: '1',
    status: 'FINISHED',
    startTime: T0,
    endTime: T0 + 60_000,
    lifecycleStage: 'active',
    deletedTime: null,
    parentRunId: null,
    userId: 'ada',
    params: {},
    tags: { 'mlflow.runName': name, 'mlflow.user': 'ada' },
    metrics: {},
    datasetInputs: [],
    heartbeat: T0 + 60_000,
    ...extra,
  };
}

async function writeFirstVersion(name: string): Promise<void> {
  const db = new Dexie(name);
  db.version(1).stores(FIRST_SCHEMA);
  await db.open();
  await db.transaction('rw', db.tables, async () => {
    await db.table('experiments').bulkAdd([
      { experimentId: '0', name: 'Default', lifecycleStage: 'active', creationTime: T0, lastUpdateTime: T0, tags: {} },
      {
        experimentId: '1',
        name: 'spirals',
        lifecycleStage: 'active',
        creationTime: T0 + 1,
        lastUpdateTime: T0 + 5,
        tags: { class: '3b' },
      },
      {
        experimentId: '2',
        name: 'old',
        lifecycleStage: 'deleted',
        creationTime: T0 + 2,
        lastUpdateTime: T0 + 6,
        tags: {},
      },
    ]);
    await db.table('runs').bulkAdd([
      runRow(PARENT_ID, 'sweep', {}),
      runRow(RUN_ID, 'adam-small', {
        parentRunId: PARENT_ID,
        params: { optimizer: 'adam', lr: '0.01' },
        tags: {
          'mlflow.runName': 'adam-small',
          'mlflow.user': 'ada',
          'mlflow.parentRunId': PARENT_ID,
          note: 'first try',
        },
        metrics: { loss: { value: 1 / 2500, step: 2499, timestamp: T0 + 24_990, min: 1 / 2500, max: 1, count: 2500 } },
        datasetInputs: [
          { name: 'spiral', digest: 'abc123', sourceType: 'generated', source: 'playground:spiral', context: 'train' },
        ],
      }),
    ]);
    await db.table('metricChunks').bulkAdd(lossChunks(2500));
    await db.table('artifacts').bulkAdd([
      { runId: RUN_ID, path: 'notes/readme.md', data: bytes('# hello'), mimeType: 'text/markdown', size: 7 },
      {
        runId: RUN_ID,
        path: 'model/model.json',
        data: bytes(MODEL_JSON),
        mimeType: 'application/json',
        size: bytes(MODEL_JSON).byteLength,
      },
      {
        runId: RUN_ID,
        path: 'model/group1-shard1of1.bin',
        data: WEIGHTS.buffer.slice(0),
        mimeType: 'application/octet-stream',
        size: 16,
      },
      {
        runId: RUN_ID,
        path: 'model/MLmodel',
        data: bytes('artifact_path: model\n'),
        mimeType: 'application/yaml',
        size: 21,
      },
    ]);
    await db.table('registeredModels').add({
      name: 'spiral-classifier',
      description: 'best so far',
      tags: { team: 'b' },
      aliases: { champion: 1 },
      creationTimestamp: T0 + 100,
      lastUpdatedTimestamp: T0 + 200,
    });
    await db.table('modelVersions').add({
      name: 'spiral-classifier',
      version: 1,
      runId: RUN_ID,
      artifactPath: 'model',
      description: 'v1',
      tags: {},
      creationTimestamp: T0 + 100,
      lastUpdatedTimestamp: T0 + 100,
      userId: 'ada',
    });
    await db.table('preferences').add({ key: 'columns:1', value: ['params.lr', 'metrics.loss'] });
  });
  db.close();
}

describe('schema upgrades', () => {
  it('opens a database written by schema version 1 and reads everything back', async () => {
    const name = `migration-${Date.now()}-${Math.random()}`;
    await writeFirstVersion(name);
    const t = await new TrackingClient({ dbName: name }).open();

    const experiments = await t.searchExperiments({ viewType: 'ALL' });
    expect(experiments.map((e) => [e.experimentId, e.name, e.lifecycleStage])).toEqual([
      ['0', 'Default', 'active'],
      ['1', 'spirals', 'active'],
      ['2', 'old', 'deleted'],
    ]);
    expect((await t.getExperiment('1')).tags).toEqual({ class: '3b' });

    const run = await t.getRun(RUN_ID);
    expect(run.info).toMatchObject({
      runName: 'adam-small',
      experimentId: '1',
      status: 'FINISHED',
      startTime: T0,
      endTime: T0 + 60_000,
      parentRunId: PARENT_ID,
      userId: 'ada',
    });
    expect(run.data.params).toEqual({ optimizer: 'adam', lr: '0.01' });
    expect(run.data.tags.note).toBe('first try');
    expect(run.data.metrics.loss).toMatchObject({ value: 1 / 2500, step: 2499, count: 2500, min: 1 / 2500, max: 1 });
    expect(run.inputs.datasetInputs).toEqual([
      { name: 'spiral', digest: 'abc123', sourceType: 'generated', source: 'playground:spiral', context: 'train' },
    ]);

    const found = await t.searchRuns({
      experimentIds: ['1'],
      filter: "params.optimizer = 'adam' and metrics.loss < 0.001",
    });
    expect(found.map((r) => r.info.runId)).toEqual([RUN_ID]);

    const history = await t.getMetricHistory(RUN_ID, 'loss');
    expect(history.steps.length).toBe(2500);
    expect(history.steps[2499]).toBe(2499);
    expect(history.values[0]).toBe(1);
    expect(history.timestamps[1234]).toBe(T0 + 12_340);

    expect((await t.listArtifacts(RUN_ID)).map((a) => a.path)).toEqual([
      'model/MLmodel',
      'model/group1-shard1of1.bin',
      'model/model.json',
      'notes/readme.md',
    ]);
    expect(await (await t.getArtifact(RUN_ID, 'notes/readme.md')).text()).toBe('# hello');
    const model = await t.loadModelArtifacts(RUN_ID, 'model');
    expect(Array.from(new Float32Array(model.weightData as ArrayBuffer))).toEqual(Array.from(WEIGHTS));
    expect(model.weightSpecs).toEqual([{ name: 'dense/kernel', shape: [2, 2], dtype: 'float32' }]);

    const registered = await t.getRegisteredModel('spiral-classifier');
    expect(registered).toMatchObject({
      description: 'best so far',
      tags: { team: 'b' },
      aliases: { champion: 1 },
      latestVersion: 1,
    });
    expect(await t.getModelVersion('spiral-classifier', 1)).toMatchObject({
      runId: RUN_ID,
      artifactPath: 'model',
      description: 'v1',
      aliases: ['champion'],
    });
    const champion = await t.loadModelArtifacts('models:/spiral-classifier@champion');
    expect(model.weightSpecs).toEqual(champion.weightSpecs);

    expect(await t.getPreference('columns:1')).toEqual(['params.lr', 'metrics.loss']);

    // The upgraded database keeps working: new runs and metrics go in next to the old ones.
    const next = await t.startRun({ experimentId: '1', runName: 'after-upgrade' });
    next.logMetric('loss', 0.1, 0);
    await next.end();
    expect((await t.searchRuns({ experimentIds: ['1'] })).length).toBe(3);
    expect((await t.getMetricHistory(RUN_ID, 'loss')).values.length).toBe(2500);
    t.close();
  });

  it('version 2 adds the MLflow push records and outbox, empty, beside the version 1 data', async () => {
    const name = `migration-v2-${Date.now()}-${Math.random()}`;
    await writeFirstVersion(name);
    const t = await new TrackingClient({ dbName: name }).open();
    expect(t.db.verno).toBeGreaterThanOrEqual(2);
    expect(await pushRecordsOf(t, RUN_ID)).toEqual([]);
    expect(await listOutbox(t)).toEqual([]);

    await recordPushes(
      t,
      'http://mlflow.school:5000/',
      [{ runId: RUN_ID, remoteRunId: 'r'.repeat(32), remoteExperimentId: '7' }],
      T0,
    );
    expect(await pushRecordsOf(t, RUN_ID)).toEqual([
      {
        runId: RUN_ID,
        serverUrl: 'http://mlflow.school:5000',
        remoteRunId: 'r'.repeat(32),
        remoteExperimentId: '7',
        pushedAt: T0,
      },
    ]);
    const id = await enqueuePush(t, 'http://mlflow.school:5000', [RUN_ID, PARENT_ID], T0);
    await deferPush(t, id, 'offline', T0 + 2000);
    expect(await listOutbox(t)).toEqual([
      {
        id,
        serverUrl: 'http://mlflow.school:5000',
        runIds: [RUN_ID, PARENT_ID],
        createdAt: T0,
        attempts: 1,
        nextAttemptAt: T0 + 2000,
        lastError: 'offline',
      },
    ]);
    await removeFromOutbox(t, id);
    expect(await listOutbox(t)).toEqual([]);
    expect((await t.getRun(RUN_ID)).data.params).toEqual({ optimizer: 'adam', lr: '0.01' });
    t.close();
  });
});
