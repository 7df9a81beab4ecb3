import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureMlflowVenv, venvBin } from './mlflow-venv.mjs';

/**
 * A real `mlflow server` for tests: a free loopback port, a SQLite backend and an artifact folder in a temp
 * directory, `--serve-artifacts` so runs' artifact URIs are `mlflow-artifacts:/…` served through the server's
 * proxy. Variants: origins allowed to make state-changing cross-origin requests (`--cors-allowed-origins`), and
 * `--app-name basic-auth`. `kill()` sends SIGKILL (a crash, not a shutdown) and `start()` brings it back on the
 * same store and port.
 */

/** The admin our basic-auth ini names; MLflow ships none and creates it on first start (server/auth/basic_auth.ini). */
export const BASIC_AUTH_ADMIN = { username: 'admin', password: 'tabflow-admin-pass-1' };

/** How long a starting server may take to answer /health (the first start creates the SQLite schema; importing
 * mlflow alone took 67 s on a loaded 2-core machine). */
const READY_TIMEOUT_MS = 300_000;

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class MlflowServer {
  /** @type {import('node:child_process').ChildProcess | null} */
  child = null;
  output = '';

  /**
   * @param {number} port
   * @param {string} storeDir
   * @param {import('./mlflow-server.d.mts').MlflowServerOptions} options
   */
  constructor(port, storeDir, options) {
    this.port = port;
    this.storeDir = storeDir;
    this.options = options;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** @param {import('./mlflow-server.d.mts').MlflowServerOptions} options */
  static async start(options = {}) {
    await ensureMlflowVenv();
    const server = new MlflowServer(await freePort(), mkdtempSync(join(tmpdir(), 'tabflow-mlflow-')), options);
    await server.start();
    return server;
  }

  args() {
    const args = [
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--backend-store-uri',
      `sqlite:///${join(this.storeDir, 'mlflow.db')}`,
      '--artifacts-destination',
      join(this.storeDir, 'artifacts'),
      '--serve-artifacts',
      '--workers',
      '1',
    ];
    if (this.options.corsOrigins) args.push('--cors-allowed-origins', this.options.corsOrigins.join(','));
    if (this.options.basicAuth) args.push('--app-name', 'basic-auth');
    if (this.options.allowedHosts) args.push('--allowed-hosts', this.options.allowedHosts.join(','));
    return args;
  }

  env() {
    // No job runner: it is a second process the tests do not use, and it slows every start on a busy machine.
    const env = {
      ...process.env,
      MLFLOW_TRACKING_URI: '',
      PYTHONUNBUFFERED: '1',
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
    };
    if (this.options.basicAuth) {
      // The auth app keeps its users in a database named by an ini file; ours lives in the temp store.
      const ini = join(this.storeDir, 'basic_auth.ini');
      writeFileSync(
        ini,
        `[mlflow]\ndefault_permission = READ\ndatabase_uri = sqlite:///${join(this.storeDir, 'basic_auth.db')}\n` +
          `admin_username = ${BASIC_AUTH_ADMIN.username}\nadmin_password = ${BASIC_AUTH_ADMIN.password}\n` +
          'authorization_function = mlflow.server.auth:authenticate_request_basic_auth\n',
      );
      env['MLFLOW_AUTH_CONFIG_PATH'] = ini;
      // The auth app refuses to start without a static CSRF secret (mlflow/server/auth get_flask_server_secret_key).
      env['MLFLOW_FLASK_SERVER_SECRET_KEY'] = 'tabflow-test-secret';
    }
    return env;
  }

  /** Starts (or restarts, on the same store and port) and waits until /health answers. */
  async start() {
    if (this.child) throw new Error('The MLflow server is already running.');
    this.output = '';
    // Its own process group: the CLI starts uvicorn as a child, and a kill must take both (a crash, not a shutdown).
    const child = spawn(venvBin('mlflow'), this.args(), {
      cwd: this.storeDir,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    /** @param {Buffer} chunk */
    const keep = (chunk) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`mlflow server exited while starting:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(250);
    }
    await this.stop();
    throw new Error(`mlflow server did not answer /health within ${READY_TIMEOUT_MS / 1000} s:\n${this.output}`);
  }

  /** SIGKILL to the whole process group (the CLI starts uvicorn/gunicorn workers as children). */
  async kill() {
    await this.signal('SIGKILL');
  }

  async stop() {
    await this.signal('SIGTERM');
  }

  /** @param {NodeJS.Signals} signal */
  async signal(signal) {
    const child = this.child;
    if (!child || child.exitCode !== null) {
      this.child = null;
      return;
    }
    const exited = new Promise((r) => child.once('exit', r));
    /** @param {NodeJS.Signals} s */
    const group = (s) => {
      try {
        process.kill(-(child.pid ?? 0), s);
      } catch {
        // The group is gone already.
      }
    };
    group(signal);
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) group('SIGKILL');
    await Promise.race([exited, sleep(5_000)]);
    // uvicorn may outlive the CLI after a SIGTERM to the group; make sure nothing of it keeps the port or the store.
    group('SIGKILL');
    this.child = null;
    // Workers that outlive their parent would keep the port; wait until it is free again.
    for (let i = 0; i < 40; i++) {
      try {
        await fetch(`${this.url}/health`);
        await sleep(250);
      } catch {
        return;
      }
    }
  }

  /** Stops the server and deletes its store. */
  async dispose() {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  get log() {
    return this.output;
  }
}
