import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { pullRuns, pushRuns } from '../../../../src/io';
import type { TrackingClient } from '../../../../src/tracking';
import { MlflowServer } from '../../../mlflow/mlflow-server.mjs';
import { VENV_INSTALL_TIMEOUT_MS } from '../../../mlflow/mlflow-venv.mjs';
import { freshTracking } from '../../helpers';
import { expectRunHolds, logRun, runDataArb } from '../../key-arbitraries';

/**
 * Issue 15, item 1 over the MLflow REST path: any key MLflow accepts (Object.prototype's member names, unicode,
 * dots, slashes, spaces, 250 characters) and values up to its limits come back identical after a push to a real
 * `mlflow server` and a pull into another database.
 */

let server: MlflowServer;
let source: TrackingClient;
let target: TrackingClient;

beforeAll(async () => {
  server = await MlflowServer.start();
  source = await freshTracking();
  target = await freshTracking();
}, VENV_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  source?.close();
  target?.close();
  await server?.dispose();
}, 60_000);

describe('any key MLflow accepts round-trips through push → pull (property)', () => {
  it('comes back identical', async () => {
    const config = { url: server.url };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(runDataArb, async (data) => {
        n += 1;
        const experimentId = await source.createExperiment(`keys ${n} ${Math.random()}`);
        const runId = await logRun(source, data, experimentId);
        const pushed = await pushRuns(source, config, { runIds: [runId] });
        const remoteRunId = pushed.runs[0].remoteRunId;
        await pullRuns(target, config, { runIds: [remoteRunId], onExisting: 'skip' });
        await expectRunHolds(target, remoteRunId, data);
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});
