import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportRuns, formatMetricLines, formatPythonFloat, parseMetricLines, parsePythonFloat } from '../../../src/io';
import { freshTracking } from '../helpers';
import { FIXTURE, readTree } from '../io-helpers';

describe("Python's float spelling", () => {
  it('writes what repr(float) writes', () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [0.1, '0.1'],
      [-2.5, '-2.5'],
      [0, '0.0'],
      [-0, '-0.0'],
      [100, '100.0'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [1e16, '1e+16'],
      [1234567890123456, '1234567890123456.0'],
      [1.5e300, '1.5e+300'],
      [5e-324, '5e-324'],
      [0.1 + 0.2, '0.30000000000000004'],
      [123456789.125, '123456789.125'],
      [NaN, 'nan'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
      [0.16926719035833415, '0.16926719035833415'],
    ];
    for (const [value, text] of cases) expect(formatPythonFloat(value), String(value)).toBe(text);
  });

  it('reads what float() reads and round-trips every double exactly', () => {
    expect(parsePythonFloat('NaN')).toBeNaN();
    expect(parsePythonFloat('-Infinity')).toBe(-Infinity);
    expect(parsePythonFloat('3')).toBe(3);
    expect(parsePythonFloat('1e-05')).toBe(1e-5);
    expect(parsePythonFloat('zero')).toBeNull();
    expect(parsePythonFloat('0x10')).toBeNull();
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 20_000; i++) {
      view.setUint32(0, (Math.random() * 2 ** 32) >>> 0);
      view.setUint32(4, (Math.random() * 2 ** 32) >>> 0);
      const x = view.getFloat64(0);
      if (Number.isNaN(x)) continue;
      expect(Object.is(parsePythonFloat(formatPythonFloat(x)), x)).toBe(true);
    }
  });

  it('metric files: "timestamp value step" lines, and two-field lines from old MLflow mean step 0', () => {
    const text = formatMetricLines({ steps: [0, 1], values: [0.5, NaN], timestamps: [1700000000000, 1700000000001] });
    expect(text).toBe('1700000000000 0.5 0\n1700000000001 nan 1\n');
    const parsed = parseMetricLines('5 1.5\n6 -inf 2\n', 'm');
    expect(Array.from(parsed.steps)).toEqual([0, 2]);
    expect(Array.from(parsed.values)).toEqual([1.5, -Infinity]);
  });
});

describe('the exported layout is what MLflow writes', () => {
  const fixture = readTree(FIXTURE);
  const yamlOf = (bytes: Uint8Array) => parse(strFromU8(bytes)) as Record<string, unknown>;
  const shape = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k] === null ? 'null' : typeof o[k]]),
    );

  it('meta.yaml files have exactly the keys and types of MLflow 2.22, written quoted and sorted like PyYAML', async () => {
    const tracking = await freshTracking();
    const experimentId = await tracking.createExperiment('layout');
    const run = await tracking.startRun({ experimentId, runName: 'r' });
    await run.logParam('lr', 0.01);
    run.logMetric('loss', 0.5, 3);
    await run.end();
    const files = unzipSync(new Uint8Array(await (await exportRuns(tracking, { runIds: [run.id] })).arrayBuffer()));
    const experimentMeta = files[`mlruns/${experimentId}/meta.yaml`];
    const runMeta = files[`mlruns/${experimentId}/${run.id}/meta.yaml`];
    const mlflowExperiment = yamlOf(fixture['370669430888648421/meta.yaml']);
    const mlflowRun = yamlOf(fixture['370669430888648421/1c0417ce914b446091744d2bf7b5cf6f/meta.yaml']);
    expect(shape(yamlOf(experimentMeta))).toEqual(shape(mlflowExperiment));
    // end_time is null only in a running MLflow run; compare it with the finished fixture's type.
    expect(shape(yamlOf(runMeta))).toEqual(shape(mlflowRun));
    expect(strFromU8(experimentMeta)).toContain(`experiment_id: '${experimentId}'`);
    expect(strFromU8(runMeta)).toMatch(
      /^artifact_uri: .*\nend_time: \d+\nentry_point_name: ''\nexperiment_id: '\d+'\n/,
    );
    expect(strFromU8(files[`mlruns/${experimentId}/${run.id}/params/lr`])).toBe('0.01');
    expect(strFromU8(files[`mlruns/${experimentId}/${run.id}/metrics/loss`])).toMatch(/^\d+ 0\.5 3\n$/);
    expect(strFromU8(files[`mlruns/${experimentId}/${run.id}/tags/mlflow.runName`])).toBe('r');
  });

  it('a deleted experiment goes under .trash/ and a deleted run records deleted_time, as FileStore does', async () => {
    const tracking = await freshTracking();
    const experimentId = await tracking.createExperiment('gone');
    const run = await tracking.startRun({ experimentId });
    await run.end();
    await tracking.deleteRun(run.id);
    await tracking.deleteExperiment(experimentId);
    const files = unzipSync(new Uint8Array(await (await exportRuns(tracking)).arrayBuffer()));
    const meta = yamlOf(files[`mlruns/.trash/${experimentId}/${run.id}/meta.yaml`]);
    expect(meta).toMatchObject({ lifecycle_stage: 'deleted', deleted_time: expect.any(Number) });
    expect(yamlOf(files[`mlruns/.trash/${experimentId}/meta.yaml`])).toMatchObject({
      lifecycle_stage: 'deleted',
      name: 'gone',
    });
    expect(files['mlruns/0/meta.yaml']).toBeDefined();
  });

  it('registered models: meta.yaml with MLflow keys, versions, aliases and tags as files', async () => {
    const tracking = await freshTracking();
    const run = await tracking.startRun();
    await run.logArtifact('model/model.json', '{}');
    await run.end();
    await tracking.createRegisteredModel('net', { tags: { team: 'b' } });
    await tracking.createModelVersion('net', run.id, 'model');
    await tracking.setRegisteredModelAlias('net', 'champion', 1);
    const files = unzipSync(new Uint8Array(await (await exportRuns(tracking)).arrayBuffer()));
    expect(Object.keys(yamlOf(files['mlruns/models/net/meta.yaml'])).sort()).toEqual([
      'aliases',
      'creation_timestamp',
      'description',
      'last_updated_timestamp',
      'name',
    ]);
    const version = yamlOf(files['mlruns/models/net/version-1/meta.yaml']);
    expect(Object.keys(version).sort()).toEqual([
      'aliases',
      'creation_timestamp',
      'current_stage',
      'description',
      'last_updated_timestamp',
      'name',
      'run_id',
      'run_link',
      'source',
      'status',
      'status_message',
      'storage_location',
      'user_id',
      'version',
    ]);
    expect(version).toMatchObject({
      version: 1,
      run_id: run.id,
      current_stage: 'None',
      status: 'READY',
      aliases: ['champion'],
    });
    expect(version.source).toMatch(new RegExp(`${run.id}/artifacts/model$`));
    expect(strFromU8(files['mlruns/models/net/aliases/champion'])).toBe('1');
    expect(strFromU8(files['mlruns/models/net/tags/team'])).toBe('b');
  });
});
