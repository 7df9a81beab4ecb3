import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project-local virtualenv with the pinned MLflow (test/mlflow/requirements.txt), created the first time a
 * test needs it and reused after. It lives in `.venv-mlflow/` at the repository root (gitignored), so `npm test`
 * on a fresh clone needs nothing but Python 3 and the package registry.
 */

/** @type {string} */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VENV_DIR = join(REPO_ROOT, '.venv-mlflow');
const REQUIREMENTS = join(REPO_ROOT, 'test/mlflow/requirements.txt');
/** Written last, with the requirements' hash: a half-finished or outdated install is redone. */
const READY_MARKER = join(VENV_DIR, '.tabflow-ready');
/** Several Vitest workers may ask at once; one installs, the others wait on this lock (mkdir is atomic). */
const LOCK_DIR = `${VENV_DIR}.lock`;
/** A lock older than this was left by a killed install. The first install measured 95 s on 2 cores. */
const STALE_LOCK_MS = 15 * 60_000;

/** How long the first install may take; tests that need the venv give their beforeAll this much. */
export const VENV_INSTALL_TIMEOUT_MS = 10 * 60_000;

/** @param {string} name */
export const venvBin = (name) => join(VENV_DIR, 'bin', name);

const requirementsHash = () => createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
const isReady = () => existsSync(READY_MARKER) && readFileSync(READY_MARKER, 'utf8') === requirementsHash();

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @returns {string} */
function findPython() {
  for (const candidate of /** @type {string[]} */ ([process.env.PYTHON, 'python3', 'python'].filter(Boolean))) {
    const probe = spawnSync(candidate, ['-c', 'import sys, venv; print(sys.version_info[:2] >= (3, 10))'], {
      encoding: 'utf8',
    });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate;
  }
  throw new Error(
    'The MLflow tests need Python 3.10 or newer with the venv module, and found none. Install it ' +
      '(Debian: apt-get install -y python3 python3-venv) or point PYTHON at one, then run the tests again.',
  );
}

function install() {
  const python = findPython();
  const started = Date.now();
  // An existing venv is updated in place (pip installs only what changed); a broken one is made anew.
  if (!existsSync(venvBin('pip'))) {
    rmSync(VENV_DIR, { recursive: true, force: true });
    const venv = spawnSync(python, ['-m', 'venv', VENV_DIR], { encoding: 'utf8' });
    if (venv.status !== 0)
      throw new Error(`Could not create ${VENV_DIR} with '${python} -m venv': ${venv.stderr.trim()}`);
  }
  const pip = spawnSync(venvBin('pip'), ['install', '--disable-pip-version-check', '-q', '-r', REQUIREMENTS], {
    encoding: 'utf8',
  });
  if (pip.status !== 0) {
    throw new Error(
      `Installing MLflow into ${VENV_DIR} failed (pip install -r test/mlflow/requirements.txt). Is the Python package ` +
        `registry (pypi.org) reachable from here? pip said:\n${pip.stderr.trim().slice(-2000)}`,
    );
  }
  writeFileSync(READY_MARKER, requirementsHash());
  console.info(`MLflow test virtualenv installed in ${((Date.now() - started) / 1000).toFixed(0)} s (${VENV_DIR}).`);
}

/** Makes sure the venv exists with the pinned MLflow; returns its directory. Safe to call from parallel workers. */
/** @returns {Promise<string>} */
export async function ensureMlflowVenv() {
  while (!isReady()) {
    try {
      mkdirSync(LOCK_DIR);
    } catch {
      const lock = statSync(LOCK_DIR, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      await sleep(1000);
      continue;
    }
    try {
      if (!isReady()) install();
    } finally {
      rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
  return VENV_DIR;
}
