import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServer, MlflowError, pushRuns } from '../../../../src/io';
import type { TrackingClient } from '../../../../src/tracking';
import { BASIC_AUTH_ADMIN, freePort, MlflowServer } from '../../../mlflow/mlflow-server.mjs';
import { VENV_INSTALL_TIMEOUT_MS } from '../../../mlflow/mlflow-venv.mjs';
import { freshTracking } from '../../helpers';
import { tableCounts } from '../../io-helpers';

/**
 * Every refusal, from real servers: MLflow's default (which always allows localhost origins, and only those),
 * one that accepts only another Host name, and one behind `--app-name basic-auth`. Each message must name the fix.
 */

let open: MlflowServer;
let hostLocked: MlflowServer;
let auth: MlflowServer;

beforeAll(async () => {
  [open, hostLocked, auth] = await Promise.all([
    MlflowServer.start(),
    MlflowServer.start({ allowedHosts: ['mlflow.example.org'] }),
    MlflowServer.start({ basicAuth: true }),
  ]);
}, VENV_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([open?.dispose(), hostLocked?.dispose(), auth?.dispose()]);
}, 60_000);

async function oneRun(t: TrackingClient, experiment = 'errors'): Promise<string> {
  const experimentId =
    (await t.getExperimentByName(experiment))?.experimentId ?? (await t.createExperiment(experiment));
  const run = await t.startRun({ experimentId, runName: 'r' });
  await run.logParams({ lr: 0.1 });
  run.logMetric('loss', 0.5, 0);
  await run.end();
  return run.id;
}

async function refusal(promise: Promise<unknown>): Promise<MlflowError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MlflowError);
  return error as MlflowError;
}

describe('MLflow refusals say what to change', { timeout: 180_000 }, () => {
  it('a page origin the server does not list: the exact --cors-allowed-origins flag', async () => {
    const t = await freshTracking();
    const runId = await oneRun(t);
    const origin = 'http://tabflow.school.example:4391';
    const error = await refusal(pushRuns(t, { url: open.url }, { runIds: [runId], client: { sendOrigin: origin } }));
    expect(error.code).toBe('origin-refused');
    expect(error.message).toContain(`mlflow server --cors-allowed-origins ${origin}`);
    // Localhost origins are always allowed by MLflow (security_utils.py LOCALHOST_ORIGIN_PATTERNS).
    const ok = await pushRuns(
      t,
      { url: open.url },
      { runIds: [runId], client: { sendOrigin: 'http://127.0.0.1:4391' } },
    );
    expect(ok.runs[0].status).toBe('created');
  });

  it('a Host the server does not accept: --allowed-hosts with that host', async () => {
    const error = await refusal(checkServer({ url: hostLocked.url }));
    expect(error.code).toBe('host-refused');
    expect(error.message).toContain(`mlflow server --allowed-hosts 127.0.0.1:${hostLocked.port}`);
  });

  it('no credentials, wrong credentials, and a user without permission', async () => {
    const missing = await refusal(checkServer({ url: auth.url }));
    expect(missing.code).toBe('unauthorized');
    expect(missing.message).toContain(
      'asks for a user name and password (HTTP 401). Enter them in Settings → MLflow server',
    );
    const wrong = await refusal(checkServer({ url: auth.url, username: 'admin', password: 'nope' }));
    expect(wrong.message).toContain('did not accept this user name and password');

    const admin = { url: auth.url, ...BASIC_AUTH_ADMIN };
    const check = await checkServer(admin);
    expect(check.version).toMatch(/^3\.17\./);
    // A student account may read (default_permission READ) but not write into the teacher's experiment.
    const basic = `Basic ${Buffer.from(`${BASIC_AUTH_ADMIN.username}:${BASIC_AUTH_ADMIN.password}`).toString('base64')}`;
    const created = await fetch(`${auth.url}/api/2.0/mlflow/users/create`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'student', password: 'student-pass-123' }),
    });
    expect(created.ok).toBe(true);
    const teacher = await freshTracking();
    const teacherRun = await oneRun(teacher, 'class 3b');
    expect((await pushRuns(teacher, admin, { runIds: [teacherRun] })).runs[0].status).toBe('created');
    const student = await freshTracking();
    const studentRun = await oneRun(student, 'class 3b');
    const result = await pushRuns(
      student,
      { url: auth.url, username: 'student', password: 'student-pass-123' },
      { runIds: [studentRun] },
    );
    expect(result.runs[0].status).toBe('failed');
    expect(result.runs[0].error).toContain("did not allow user 'student' to do this (HTTP 403");
    expect(result.runs[0].error).toContain('Ask its administrator for EDIT permission');
  });

  it('nothing listening: unreachable, with the URL to check', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await refusal(checkServer({ url }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`Could not reach the MLflow server at ${url}`);
    expect(error.message).toContain('Is `mlflow server` running there');
  });

  it('an https page and an http server, and an address that is not one', async () => {
    const mixed = await refusal(
      checkServer({ url: 'http://mlflow.school.example:5000' }, { client: { pageOrigin: 'https://tabflow.example' } }),
    );
    expect(mixed.code).toBe('mixed-content');
    expect(mixed.message).toContain('Serve MLflow over https');
    const bad = await refusal(checkServer({ url: 'mlflow at school' }));
    expect(bad.code).toBe('bad-url');
    expect(bad.message).toContain('Enter one like http://127.0.0.1:5000');
  });

  it('a value MLflow would cut short, and a key it refuses: which run and which key, and nothing local changes', async () => {
    const t = await freshTracking();
    const runId = await oneRun(t, 'limits');
    // A tag value of 9,000 characters (MLflow keeps 8,000 and truncates silently), as a zip from elsewhere may carry.
    await t.updateRun(runId, (row) => {
      row.tags.essay = 'z'.repeat(9000);
    });
    const before = await tableCounts(t);
    const long = await pushRuns(t, { url: open.url }, { runIds: [runId] });
    expect(long.runs[0].status).toBe('failed');
    expect(long.runs[0].error).toBe(
      `Run 'r' (${runId}) has a tag 'essay' of 9,000 characters; MLflow keeps at most 8,000 and would cut the rest off ` +
        'without saying so. Shorten it (or store the text as an artifact) and push again.',
    );
    const key = `k${'e'.repeat(260)}`;
    await t.updateRun(runId, (row) => {
      delete row.tags.essay;
      row.tags[key] = 'v';
    });
    const refused = await pushRuns(t, { url: open.url }, { runIds: [runId] });
    expect(refused.runs[0].status).toBe('failed');
    expect(refused.runs[0].error).toContain(`The MLflow server refused run 'r' (${runId}):`);
    expect(refused.runs[0].error).toMatch(/exceeds the maximum length of 250/);
    await t.updateRun(runId, (row) => {
      delete row.tags[key];
    });
    expect(await tableCounts(t)).toEqual(before);
  });
});
