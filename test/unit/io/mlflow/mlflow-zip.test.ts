import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../../../src/io';
import type { TrackingClient } from '../../../../src/tracking';
import { ensureMlflowVenv, REPO_ROOT, VENV_INSTALL_TIMEOUT_MS, venvBin } from '../../../mlflow/mlflow-venv.mjs';
import { freshTracking } from '../../helpers';

/**
 * The zip layout checked by MLflow itself, not by what it looks like: MLflow's Python client reads a tabflow
 * export from the file store, and tabflow imports a file store MLflow's Python API wrote.
 */

let dir: string;
beforeAll(async () => {
  await ensureMlflowVenv();
  dir = mkdtempSync(join(tmpdir(), 'tabflow-zip-'));
}, VENV_INSTALL_TIMEOUT_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const checkZip = (...args: string[]) =>
  JSON.parse(
    execFileSync(venvBin('python'), [join(REPO_ROOT, 'test/mlflow/check_zip.py'), ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );

interface MlflowView {
  experiments: { experiment_id: string; name: string; tags: Record<string, string> }[];
  runs: {
    run_id: string;
    experiment_id: string;
    run_name: string;
    status: string;
    start_time: number;
    end_time: number;
    params: Record<string, string>;
    tags: Record<string, string>;
    histories: Record<string, [number, number, number | string][]>;
    artifacts: Record<string, string>;
  }[];
}

const T0 = Date.UTC(2026, 10, 2, 8);

async function exampleRuns(t: TrackingClient): Promise<string[]> {
  const experimentId = await t.createExperiment('zip for mlflow', { tags: { class: '3b' } });
  const parent = await t.startRun({ experimentId, runName: 'sweep', startTime: T0 });
  await parent.end();
  const child = await t.startRun({ experimentId, runName: 'trial', parentRunId: parent.id, startTime: T0 + 5 });
  await child.logParams({ lr: 0.01, layers: '[8, 8]' });
  await child.setTag('note', 'from tabflow');
  for (let step = 0; step < 50; step++) child.logMetric('loss', step === 7 ? NaN : 1 / (step + 1), step, T0 + step);
  child.logMetric('edge', Infinity, 0, T0);
  await child.logArtifact('notes/readme.md', '# hello mlflow');
  await child.logArtifact('data/bytes.bin', new Uint8Array(Array.from({ length: 500 }, (_, i) => (i * 13) % 256)));
  await child.end('FAILED');
  return [parent.id, child.id];
}

// Each Python run imports mlflow: 10 – 50 s on a busy machine.
describe('MLflow reads a tabflow zip', { timeout: 300_000 }, () => {
  it('experiments, runs, params, tags, every metric point and artifact bytes, as tabflow holds them', async () => {
    const t = await freshTracking();
    const ids = await exampleRuns(t);
    const zip = join(dir, 'export.zip');
    writeFileSync(zip, new Uint8Array(await (await exportRuns(t, { runIds: ids })).arrayBuffer()));
    const view = checkZip('read', zip) as MlflowView;

    expect(view.experiments.find((e) => e.name === 'zip for mlflow')?.tags).toEqual({ class: '3b' });
    expect(view.runs).toHaveLength(2);
    for (const id of ids) {
      const local = await t.getRun(id);
      const remote = view.runs.find((r) => r.run_id === id)!;
      expect(remote).toMatchObject({
        run_name: local.info.runName,
        status: local.info.status,
        start_time: local.info.startTime,
        end_time: local.info.endTime,
      });
      expect(remote.params).toEqual(local.data.params);
      expect(remote.tags).toEqual(local.data.tags);
      for (const key of Object.keys(local.data.metrics)) {
        const h = await t.getMetricHistory(id, key);
        const spelled = (v: number) =>
          Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v;
        expect(remote.histories[key]).toEqual(
          Array.from(h.values, (v, i) => [h.steps[i], h.timestamps[i], spelled(v)]),
        );
      }
      const artifacts: Record<string, string> = {};
      for (const a of await t.listArtifacts(id)) {
        artifacts[a.path] = createHash('sha256')
          .update(new Uint8Array(await (await t.getArtifact(id, a.path)).arrayBuffer()))
          .digest('hex');
      }
      expect(remote.artifacts).toEqual(artifacts);
    }
    expect(view.runs.find((r) => r.run_id === ids[1])!.tags['mlflow.parentRunId']).toBe(ids[0]);
  });
});

describe('tabflow imports what MLflow wrote', { timeout: 300_000 }, () => {
  it('params, metrics with steps, tags, a nested run, an artifact and a registered model with its alias', async () => {
    const zip = join(dir, 'written.zip');
    const written = checkZip('write', zip) as { parent: string; child: string; experiment_id: string };
    const t = await freshTracking();
    const summary = await importRuns(t, new Blob([readFileSync(zip)]), { onExisting: 'skip' });
    expect(summary).toMatchObject({ runs: 2, metricPoints: 26, models: 1, skipped: [] });

    const child = await t.getRun(written.child);
    expect(child.info).toMatchObject({ runName: 'child', status: 'FINISHED', parentRunId: written.parent });
    expect(child.data.params).toEqual({ lr: '0.05', layers: '[8, 8]' });
    expect(child.data.tags.note).toBe('from python');
    const loss = await t.getMetricHistory(written.child, 'loss');
    expect(Array.from(loss.steps)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(loss.values[24]).toBe(1 / 25);
    expect(loss.timestamps[3]).toBe(1_700_000_000_003);
    expect(Number.isNaN((await t.getMetricHistory(written.child, 'odd')).values[0])).toBe(true);
    expect(await (await t.getArtifact(written.child, 'notes/readme.md')).text()).toBe('# notes\nwritten by MLflow\n');
    expect((await t.getRun(written.parent)).data.params).toEqual({ sweep: 'grid' });
    expect((await t.getExperimentByName('written by mlflow'))?.tags).toEqual({ course: 'ml-101' });
    const champion = await t.getModelVersionByAlias('py-model', 'champion');
    expect(champion).toMatchObject({ version: 1, runId: written.child, artifactPath: 'model' });
  });
});
