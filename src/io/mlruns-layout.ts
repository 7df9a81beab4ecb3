import { ImportError } from './errors';
import type { ImportEntry } from './sources';

/**
 * Sorts the files of an `mlruns` tree into experiments, runs and registered models by their paths, wherever the
 * tree's root is (`mlruns/` in a tabflow zip, the top of a zip made inside `mlruns`, `<folder>/mlruns/` in a
 * dropped folder). Files that are not part of the layout (tabflow.json, .DS_Store, traces) are ignored.
 */

export interface RunFiles {
  folder: string;
  meta?: ImportEntry;
  params: Map<string, ImportEntry>;
  tags: Map<string, ImportEntry>;
  metrics: Map<string, ImportEntry>;
  artifacts: Map<string, ImportEntry>;
  inputs: ImportEntry[];
}

export interface ExperimentFiles {
  id: string;
  folder: string;
  meta?: ImportEntry;
  tags: Map<string, ImportEntry>;
  datasets: Map<string, ImportEntry>;
  runs: Map<string, RunFiles>;
}

export interface ModelFiles {
  name: string;
  folder: string;
  meta?: ImportEntry;
  tags: Map<string, ImportEntry>;
  aliases: Map<string, ImportEntry>;
  versions: Map<string, { folder: string; meta?: ImportEntry; tags: Map<string, ImportEntry> }>;
}

export interface MlrunsLayout {
  experiments: Map<string, ExperimentFiles>;
  models: Map<string, ModelFiles>;
}

/** The tree's root: the folder holding the shallowest `<id>/meta.yaml` (or `.trash/<id>/meta.yaml`). */
function findRoot(entries: ImportEntry[]): string {
  let best: string | null = null;
  for (const e of entries) {
    const parts = e.path.split('/');
    if (parts.length < 2 || parts[parts.length - 1] !== 'meta.yaml') continue;
    const parent = parts[parts.length - 3];
    if (parent === 'models') continue;
    const root = parts.slice(0, parent === '.trash' ? -3 : -2).join('/');
    if (best === null || root.length < best.length) best = root;
  }
  if (best === null) {
    throw new ImportError(
      'NOT_MLRUNS',
      'This is not an MLflow "mlruns" folder or tabflow export: no experiment meta.yaml was found (expected <experiment id>/meta.yaml).',
    );
  }
  return best === '' ? '' : `${best}/`;
}

function experimentOf(layout: MlrunsLayout, id: string, folder: string): ExperimentFiles {
  let e = layout.experiments.get(id);
  if (!e) layout.experiments.set(id, (e = { id, folder, tags: new Map(), datasets: new Map(), runs: new Map() }));
  return e;
}

function runOf(experiment: ExperimentFiles, id: string): RunFiles {
  let r = experiment.runs.get(id);
  if (!r) {
    r = {
      folder: `${experiment.folder}/${id}`,
      params: new Map(),
      tags: new Map(),
      metrics: new Map(),
      artifacts: new Map(),
      inputs: [],
    };
    experiment.runs.set(id, r);
  }
  return r;
}

function placeRunFile(run: RunFiles, parts: string[], entry: ImportEntry): void {
  const [kind, ...rest] = parts;
  const key = rest.join('/');
  if (kind === 'meta.yaml' && rest.length === 0) run.meta = entry;
  else if (kind === 'params' && key) run.params.set(key, entry);
  else if (kind === 'tags' && key) run.tags.set(key, entry);
  else if (kind === 'metrics' && key) run.metrics.set(key, entry);
  else if (kind === 'artifacts' && key) run.artifacts.set(key, entry);
  else if (kind === 'inputs' && rest[rest.length - 1] === 'meta.yaml') run.inputs.push(entry);
}

function placeModelFile(layout: MlrunsLayout, root: string, parts: string[], entry: ImportEntry): void {
  const [name, kind, ...rest] = parts;
  if (!name || !kind) return;
  let m = layout.models.get(name);
  if (!m)
    layout.models.set(
      name,
      (m = { name, folder: `${root}models/${name}`, tags: new Map(), aliases: new Map(), versions: new Map() }),
    );
  if (kind === 'meta.yaml' && rest.length === 0) m.meta = entry;
  else if (kind === 'tags' && rest.length) m.tags.set(rest.join('/'), entry);
  else if (kind === 'aliases' && rest.length) m.aliases.set(rest.join('/'), entry);
  else if (/^version-\d+$/.test(kind) && rest.length) {
    let v = m.versions.get(kind);
    if (!v) m.versions.set(kind, (v = { folder: `${m.folder}/${kind}`, tags: new Map() }));
    if (rest[0] === 'meta.yaml' && rest.length === 1) v.meta = entry;
    else if (rest[0] === 'tags' && rest.length > 1) v.tags.set(rest.slice(1).join('/'), entry);
  }
}

const EXPERIMENT_FOLDERS_NOT_RUNS = new Set(['tags', 'datasets', 'traces']);

export function groupLayout(entries: ImportEntry[]): MlrunsLayout {
  const root = findRoot(entries);
  const layout: MlrunsLayout = { experiments: new Map(), models: new Map() };
  for (const entry of entries) {
    if (!entry.path.startsWith(root)) continue;
    let parts = entry.path.slice(root.length).split('/');
    let trash = '';
    if (parts[0] === 'models') {
      placeModelFile(layout, root, parts.slice(1), entry);
      continue;
    }
    if (parts[0] === '.trash') {
      trash = '.trash/';
      parts = parts.slice(1);
    }
    if (parts.length < 2) continue;
    const [id, second, ...rest] = parts;
    const experiment = experimentOf(layout, id, `${root}${trash}${id}`);
    if (second === 'meta.yaml' && rest.length === 0) experiment.meta = entry;
    else if (second === 'tags' && rest.length) experiment.tags.set(rest.join('/'), entry);
    else if (second === 'datasets' && rest.length === 2 && rest[1] === 'meta.yaml')
      experiment.datasets.set(rest[0], entry);
    else if (!EXPERIMENT_FOLDERS_NOT_RUNS.has(second) && rest.length)
      placeRunFile(runOf(experiment, second), rest, entry);
  }
  return layout;
}
