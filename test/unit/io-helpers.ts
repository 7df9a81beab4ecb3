import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import type { TrackingClient } from '../../src/tracking';

// The real MLflow-written tree lives in shared/, beside the checkout (CI lays a copy there too).
const FIXTURE_CANDIDATES = [
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/mlruns-basic'),
  '/work/shared/fixtures/mlruns-basic',
];
const found = FIXTURE_CANDIDATES.find((path) => existsSync(path));
if (!found) throw new Error(`The MLflow fixture tree is missing: looked in ${FIXTURE_CANDIDATES.join(' and ')}.`);
export const FIXTURE: string = found;

/** Every file under a folder, keyed by its '/'-separated path relative to that folder. */
export function readTree(root: string, prefix = ''): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const name of readdirSync(join(root, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(root, rel)).isDirectory()) Object.assign(out, readTree(root, rel));
    else out[rel] = new Uint8Array(readFileSync(join(root, rel)));
  }
  return out;
}

export function zipOf(files: Record<string, Uint8Array | string>): Blob {
  const data: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) data[k] = typeof v === 'string' ? strToU8(v) : v;
  return new Blob([zipSync(data)]);
}

/** A small valid mlruns tree: one experiment with one run. */
export function validTree(): Record<string, string> {
  const run = 'mlruns/123/0123456789abcdef0123456789abcdef';
  return {
    'mlruns/123/meta.yaml':
      "artifact_location: file:///x/mlruns/123\ncreation_time: 1\nexperiment_id: '123'\nlast_update_time: 1\nlifecycle_stage: active\nname: tiny\n",
    [`${run}/meta.yaml`]:
      "artifact_uri: file:///x\nend_time: 5\nentry_point_name: ''\nexperiment_id: '123'\nlifecycle_stage: active\nrun_id: 0123456789abcdef0123456789abcdef\n" +
      "run_name: r\nrun_uuid: 0123456789abcdef0123456789abcdef\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 2\nstatus: 3\ntags: []\nuser_id: me\n",
    [`${run}/params/lr`]: '0.1',
    [`${run}/tags/mlflow.runName`]: 'r',
    [`${run}/metrics/loss`]: '10 0.5 0\n11 0.25 1\n',
  };
}

export const RUN_FOLDER = 'mlruns/123/0123456789abcdef0123456789abcdef';

/** Row counts of every table, to prove an import that failed wrote nothing. */
export async function tableCounts(tracking: TrackingClient): Promise<Record<string, number>> {
  const db = tracking.db;
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}
