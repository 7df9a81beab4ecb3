import {
  readRegistry,
  readRunContents,
  type Experiment,
  type Run,
  type RunContents,
  type SnapshotModelVersion,
  type SnapshotRegisteredModel,
  type TrackingClient,
} from '../tracking';
import { deflatePoolForThisMachine } from './deflate-pool';
import { throwIfAborted } from './errors';
import {
  datasetMeta,
  experimentFolder,
  experimentMeta,
  inputMeta,
  modelVersionMeta,
  registeredModelMeta,
  runMeta,
} from './mlruns-writer';
import { yieldToEventLoop } from './yield-to-event-loop';
import { ZipWriter } from './zip-writer';

export interface ExportOptions {
  /** Export these runs (with their experiments). */
  runIds?: string[];
  /** Export every run of these experiments. Neither option: everything, with the model registry. */
  experimentIds?: string[];
  signal?: AbortSignal;
  /** Runs written so far, of `total`. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** Bumped when the zip layout changes in a way an older tabflow could not read. */
export const EXPORT_FORMAT_VERSION = 1;

/** A folder id for a dataset, stable for the same name and digest (MLflow uses an MD5 of the two). */
async function datasetId(name: string, digest: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${name}\n${digest}`));
  return Array.from(new Uint8Array(hash).subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function selectRuns(tracking: TrackingClient, options: ExportOptions): Promise<Run[]> {
  if (options.runIds) return Promise.all(options.runIds.map((id) => tracking.getRun(id)));
  if (options.experimentIds) return tracking.searchAllRuns({ viewType: 'ALL', experimentIds: options.experimentIds });
  return tracking.searchAllRuns({ viewType: 'ALL' });
}

async function selectExperiments(tracking: TrackingClient, options: ExportOptions, runs: Run[]): Promise<Experiment[]> {
  if (!options.runIds && !options.experimentIds) return tracking.searchExperiments({ viewType: 'ALL' });
  const ids = new Set([...(options.experimentIds ?? []), ...runs.map((r) => r.info.experimentId)]);
  return Promise.all([...ids].map((id) => tracking.getExperiment(id)));
}

/** Writes one run's folder from its contents, read beforehand; returns how many artifacts it held. */
async function writeRun(
  zip: ZipWriter,
  run: Run,
  contents: RunContents,
  folder: string,
  datasetsWritten: Set<string>,
  experimentDir: string,
): Promise<number> {
  const runId = run.info.runId;
  zip.add(`${folder}/meta.yaml`, runMeta(run));
  // MLflow's file store finds only runs whose folder holds metrics/, params/ and artifacts/ (file_store.py
  // _is_valid_run_directory), so they are written as folder entries even when empty.
  for (const sub of ['metrics', 'params', 'artifacts', 'tags']) zip.add(`${folder}/${sub}/`, '');
  for (const [k, v] of Object.entries(run.data.params)) zip.add(`${folder}/params/${k}`, v);
  for (const [k, v] of Object.entries(run.data.tags)) zip.add(`${folder}/tags/${k}`, v);
  metricKeysOf(run).forEach((key, i) => zip.addMetric(`${folder}/metrics/${key}`, contents.histories[i]));
  for (const input of run.inputs.datasetInputs) {
    const id = await datasetId(input.name, input.digest);
    if (!datasetsWritten.has(id)) {
      zip.add(`${experimentDir}/datasets/${id}/meta.yaml`, datasetMeta(input));
      datasetsWritten.add(id);
    }
    zip.add(`${folder}/inputs/${await datasetId(id, runId)}/meta.yaml`, inputMeta(id, input.context));
  }
  for (const artifact of contents.artifacts)
    zip.add(`${folder}/artifacts/${artifact.path}`, new Uint8Array(artifact.data));
  return contents.artifacts.length;
}

const metricKeysOf = (run: Run) => Object.keys(run.data.metrics);

/**
 * Runs are read a batch per transaction, the next batch while this one is compressed. Batches start at one run and
 * double up to READ_BATCH_RUNS while they stay small; a batch over LARGE_BATCH_BYTES (a big model, say) sends the
 * next back to one run. Artifact sizes are unknown before reading, so this keeps memory near the largest runs'.
 */
const READ_BATCH_RUNS = 32;
const LARGE_BATCH_BYTES = 8 * 1024 * 1024;

const bytesOf = (contents: RunContents[]) =>
  contents.reduce(
    (n, c) =>
      n +
      c.histories.reduce((m, h) => m + h.values.length * 24, 0) +
      c.artifacts.reduce((m, a) => m + a.data.byteLength, 0),
    0,
  );

/** Reads runs' histories and artifacts in one transaction; a rejection stays unhandled only until it is awaited. */
function readContents(tracking: TrackingClient, runs: Run[]): Promise<RunContents[]> {
  const reading = readRunContents(
    tracking,
    runs.map((run) => ({ runId: run.info.runId, metricKeys: metricKeysOf(run) })),
  );
  reading.catch(() => undefined);
  return reading;
}

function writeRegistry(
  zip: ZipWriter,
  registry: { registeredModels: SnapshotRegisteredModel[]; modelVersions: SnapshotModelVersion[] },
  experimentOfRun: Map<string, string>,
  everything: boolean,
): number {
  const versions = registry.modelVersions.filter((v) => everything || experimentOfRun.has(v.runId));
  const names = new Set(versions.map((v) => v.name));
  let written = 0;
  for (const model of registry.registeredModels) {
    if (!everything && !names.has(model.name)) continue;
    const folder = `mlruns/models/${model.name}`;
    zip.add(`${folder}/meta.yaml`, registeredModelMeta(model));
    for (const [k, v] of Object.entries(model.tags)) zip.add(`${folder}/tags/${k}`, v);
    for (const [alias, version] of Object.entries(model.aliases))
      zip.add(`${folder}/aliases/${alias}`, String(version));
    for (const v of versions.filter((x) => x.name === model.name)) {
      const aliases = Object.entries(model.aliases)
        .filter(([, n]) => n === v.version)
        .map(([a]) => a);
      zip.add(
        `${folder}/version-${v.version}/meta.yaml`,
        modelVersionMeta(v, experimentOfRun.get(v.runId) ?? '0', aliases),
      );
      for (const [k, value] of Object.entries(v.tags)) zip.add(`${folder}/version-${v.version}/tags/${k}`, value);
      written += 1;
    }
  }
  return written;
}

/**
 * Uncompressed bytes that may wait for the compression workers before the next run is read: the workers keep
 * busy while memory holds a few megabytes, not the whole export.
 */
const MAX_BYTES_WAITING_FOR_DEFLATE = 8 * 1024 * 1024;

/** Work between two yields to the event loop: short enough for a responsive page, long enough to cost nothing. */
const YIELD_EVERY_MS = 30;

/**
 * Each run's contents in order, read a batch per transaction while the caller compresses the previous batch, so the
 * database and DEFLATE work side by side; memory holds two batches (see READ_BATCH_RUNS), never the whole export.
 * No read is started past the last run: one still running when the export returns would outlive its database.
 */
async function* runContentsInBatches(tracking: TrackingClient, runs: Run[]): AsyncGenerator<RunContents> {
  let requested = 0;
  const readBatch = (size: number) => {
    const reading = requested < runs.length ? readContents(tracking, runs.slice(requested, requested + size)) : null;
    requested += size;
    return reading;
  };
  let batchSize = 1;
  let next = readBatch(batchSize);
  while (next) {
    const batch = await next;
    batchSize = bytesOf(batch) > LARGE_BATCH_BYTES ? 1 : Math.min(READ_BATCH_RUNS, batchSize * 2);
    next = readBatch(batchSize);
    yield* batch;
  }
}

/** Each experiment's folder with its meta.yaml and tags; returns the folder of each experiment id. */
function writeExperiments(zip: ZipWriter, experiments: Experiment[]): Map<string, string> {
  const folders = new Map(experiments.map((e) => [e.experimentId, experimentFolder(e)]));
  for (const e of experiments) {
    const folder = folders.get(e.experimentId)!;
    zip.add(`${folder}/meta.yaml`, experimentMeta(e));
    for (const [k, v] of Object.entries(e.tags)) zip.add(`${folder}/tags/${k}`, v);
  }
  return folders;
}

/** tabflow.json: what the zip holds, which MLflow ignores and an import reports. */
function manifest(counts: Record<string, number>): string {
  const body = {
    format: 'tabflow-mlruns',
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    counts,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Writes runs as a zip in MLflow's file-store layout (`mlruns/...`) plus a `tabflow.json` manifest that MLflow
 * ignores. Runs are read in small batches and compressed file by file (on worker threads once the zip passes a
 * megabyte), yielding every few dozen milliseconds so the page stays responsive.
 */
export async function exportRuns(tracking: TrackingClient, options: ExportOptions = {}): Promise<Blob> {
  const runs = await selectRuns(tracking, options);
  const experiments = await selectExperiments(tracking, options, runs);
  const zip = new ZipWriter({ startPool: deflatePoolForThisMachine });
  try {
    return await writeZip(zip, tracking, options, runs, experiments);
  } finally {
    zip.close();
  }
}

async function writeZip(
  zip: ZipWriter,
  tracking: TrackingClient,
  options: ExportOptions,
  runs: Run[],
  experiments: Experiment[],
): Promise<Blob> {
  const everything = !options.runIds && !options.experimentIds;
  const folders = writeExperiments(zip, experiments);
  const datasetsWritten = new Set<string>();
  let metricPoints = 0;
  let artifacts = 0;
  options.onProgress?.({ done: 0, total: runs.length });
  let lastYield = performance.now();
  let i = 0;
  for await (const contents of runContentsInBatches(tracking, runs)) {
    throwIfAborted(options.signal, 'Export');
    const run = runs[i];
    const experimentDir = folders.get(run.info.experimentId)!;
    const runDir = `${experimentDir}/${run.info.runId}`;
    artifacts += await writeRun(zip, run, contents, runDir, datasetsWritten, experimentDir);
    metricPoints += Object.values(run.data.metrics).reduce((n, m) => n + m.count, 0);
    i += 1;
    options.onProgress?.({ done: i, total: runs.length });
    await zip.drain(MAX_BYTES_WAITING_FOR_DEFLATE);
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  throwIfAborted(options.signal, 'Export');
  const experimentOfRun = new Map(runs.map((r) => [r.info.runId, r.info.experimentId]));
  const modelVersions = writeRegistry(zip, await readRegistry(tracking), experimentOfRun, everything);
  zip.add(
    'tabflow.json',
    manifest({ experiments: experiments.length, runs: runs.length, metricPoints, artifacts, modelVersions }),
  );
  return zip.finish();
}
