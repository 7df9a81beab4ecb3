import {
  keyedRecord,
  RUN_STATUSES,
  setOwn,
  validateArtifactPath,
  validateExperimentId,
  validateExperimentName,
  validateExperimentTag,
  validateKey,
  validateParam,
  validateRunId,
  validateRunTag,
  type DatasetInput,
  type Experiment,
  type LifecycleStage,
  type RunStatus,
  type Snapshot,
  type SnapshotRun,
} from '../tracking';
import { errorMessage } from '../shared/errors';
import { checkMetadataSize, DATASET_META_LIMIT } from './entry-checks';
import { ImportError, throwIfAborted } from './errors';
import { readYamlMapping, YamlFields } from './meta-yaml';
import { parseMetricBytes } from './metric-lines';
import type { ExperimentFiles, MlrunsLayout, RunFiles } from './mlruns-layout';
import { readRegistryFiles } from './registry-reader';
import type { ImportEntry } from './sources';

/**
 * Turns an `mlruns` tree into a tracking Snapshot, checking everything MLflow's FileStore would: ids match their
 * folders, keys and values keep MLflow's limits, metric lines parse. The first problem rejects the import with
 * the file named, before anything is written.
 */

export interface ReadProgress {
  signal?: AbortSignal;
  /** Called with bytes read so far. */
  onBytes?: (bytes: number) => void;
}

const decoder = new TextDecoder();

export class TreeReader {
  private bytes = 0;
  constructor(private readonly progress: ReadProgress) {}

  async bytesOf(entry: ImportEntry): Promise<Uint8Array> {
    throwIfAborted(this.progress.signal, 'Import');
    const data = await entry.read();
    this.bytes += data.byteLength;
    this.progress.onBytes?.(this.bytes);
    return data;
  }

  /** A metadata file's text; one over `limit` bytes is refused before it is read (see entry-checks.ts). */
  async text(entry: ImportEntry, limit?: number): Promise<string> {
    checkMetadataSize(entry, limit);
    return decoder.decode(await this.bytesOf(entry));
  }

  async yaml(entry: ImportEntry, limit?: number): Promise<YamlFields> {
    return new YamlFields(readYamlMapping(await this.text(entry, limit), entry.path), entry.path);
  }

  /** Runs one of tracking's validators and names the file when it refuses. */
  check(file: string, validate: () => void): void {
    try {
      validate();
    } catch (error) {
      throw new ImportError('INVALID_CONTENT', `${file}: ${errorMessage(error)}`, file);
    }
  }

  async keyValues(
    files: Map<string, ImportEntry>,
    validate: (key: string, value: string) => void,
  ): Promise<Record<string, string>> {
    const out = keyedRecord<string>();
    for (const [key, entry] of files) {
      const value = await this.text(entry);
      this.check(entry.path, () => validate(key, value));
      setOwn(out, key, value);
    }
    return out;
  }
}

const STATUS_BY_NUMBER: Record<number, RunStatus> = {
  1: 'RUNNING',
  2: 'SCHEDULED',
  3: 'FINISHED',
  4: 'FAILED',
  5: 'KILLED',
};

function lifecycleOf(fields: YamlFields, file: string): LifecycleStage {
  const stage = fields.string('lifecycle_stage', 'active');
  if (stage !== 'active' && stage !== 'deleted')
    throw new ImportError(
      'INVALID_CONTENT',
      `${file}: lifecycle_stage '${stage}' is neither 'active' nor 'deleted'.`,
      file,
    );
  return stage;
}

function statusOf(fields: YamlFields, file: string): RunStatus {
  if (!fields.has('status')) return 'RUNNING';
  const raw = fields.string('status');
  const status = /^\d+$/.test(raw)
    ? STATUS_BY_NUMBER[Number(raw)]
    : (RUN_STATUSES.find((s) => s === raw) as RunStatus | undefined);
  if (!status)
    throw new ImportError(
      'INVALID_CONTENT',
      `${file}: status ${raw} is not a run status (1–5 or ${RUN_STATUSES.join(', ')}).`,
      file,
    );
  return status;
}

async function readExperiment(reader: TreeReader, files: ExperimentFiles): Promise<Experiment> {
  const meta = files.meta!;
  const f = await reader.yaml(meta);
  const experimentId = f.string('experiment_id');
  reader.check(meta.path, () => validateExperimentId(experimentId));
  if (experimentId !== files.id) {
    throw new ImportError(
      'INVALID_CONTENT',
      `${meta.path}: experiment_id '${experimentId}' does not match its folder '${files.id}'.`,
      meta.path,
    );
  }
  const name = f.string('name');
  reader.check(meta.path, () => validateExperimentName(name));
  const creationTime = f.integer('creation_time', null) ?? 0;
  return {
    experimentId,
    name,
    lifecycleStage: lifecycleOf(f, meta.path),
    creationTime,
    lastUpdateTime: f.integer('last_update_time', null) ?? creationTime,
    tags: await reader.keyValues(files.tags, validateExperimentTag),
  };
}

async function readDatasets(reader: TreeReader, files: ExperimentFiles): Promise<Map<string, DatasetInput>> {
  const datasets = new Map<string, DatasetInput>();
  for (const [id, entry] of files.datasets) {
    const f = await reader.yaml(entry, DATASET_META_LIMIT);
    datasets.set(id, {
      name: f.string('name'),
      digest: f.string('digest'),
      sourceType: f.string('source_type', ''),
      source: f.string('source', ''),
      ...(f.has('schema') && f.string('schema', '') ? { schema: f.string('schema') } : {}),
      ...(f.has('profile') && f.string('profile', '') ? { profile: f.string('profile') } : {}),
    });
  }
  return datasets;
}

async function readInputs(
  reader: TreeReader,
  run: RunFiles,
  datasets: Map<string, DatasetInput>,
): Promise<DatasetInput[]> {
  const inputs: DatasetInput[] = [];
  for (const entry of run.inputs) {
    const f = await reader.yaml(entry);
    const dataset = datasets.get(f.string('source_id', ''));
    if (!dataset) continue; // MLflow skips an input whose dataset is missing, with a warning.
    const context = f.record('tags')['mlflow.data.context'];
    inputs.push({ ...dataset, ...(typeof context === 'string' ? { context } : {}) });
  }
  return inputs;
}

async function readRun(
  reader: TreeReader,
  experimentId: string,
  runFolder: string,
  run: RunFiles,
  datasets: Map<string, DatasetInput>,
): Promise<SnapshotRun> {
  const meta = run.meta!;
  const f = await reader.yaml(meta);
  const runId = f.string('run_id', f.string('run_uuid', ''));
  reader.check(meta.path, () => validateRunId(runId));
  if (runId !== runFolder)
    throw new ImportError(
      'INVALID_CONTENT',
      `${meta.path}: run_id '${runId}' does not match its folder '${runFolder}'.`,
      meta.path,
    );
  const runExperiment = f.string('experiment_id');
  if (runExperiment !== experimentId) {
    throw new ImportError(
      'INVALID_CONTENT',
      `${meta.path}: experiment_id '${runExperiment}' does not match the experiment folder '${experimentId}'.`,
      meta.path,
    );
  }
  const params = await reader.keyValues(run.params, validateParam);
  const tags = await reader.keyValues(run.tags, validateRunTag);
  const metrics: SnapshotRun['metrics'] = keyedRecord();
  for (const [key, entry] of run.metrics) {
    reader.check(entry.path, () => validateKey('metric', key));
    setOwn(metrics, key, parseMetricBytes(await reader.bytesOf(entry), entry.path));
  }
  const artifacts: SnapshotRun['artifacts'] = [];
  for (const [path, entry] of run.artifacts) {
    reader.check(entry.path, () => validateArtifactPath(path));
    const bytes = await reader.bytesOf(entry);
    artifacts.push({
      path,
      data: bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer,
    });
  }
  const startTime = f.integer('start_time', null) ?? 0;
  return {
    runId,
    runName: f.string('run_name', '') || tags['mlflow.runName'] || runId,
    experimentId,
    status: statusOf(f, meta.path),
    startTime,
    endTime: f.integer('end_time', null),
    lifecycleStage: lifecycleOf(f, meta.path),
    deletedTime: f.integer('deleted_time', null),
    userId: f.string('user_id', '') || tags['mlflow.user'] || '',
    params,
    tags,
    datasetInputs: await readInputs(reader, run, datasets),
    metrics,
    artifacts,
  };
}

export async function readSnapshot(layout: MlrunsLayout, progress: ReadProgress): Promise<Snapshot> {
  const reader = new TreeReader(progress);
  const snapshot: Snapshot = { experiments: [], runs: [], registeredModels: [], modelVersions: [] };
  for (const files of layout.experiments.values()) {
    // Like MLflow's FileStore, a folder without meta.yaml is not an experiment (or run) and is passed over.
    if (!files.meta) continue;
    snapshot.experiments.push(await readExperiment(reader, files));
    const datasets = await readDatasets(reader, files);
    for (const [runFolder, run] of files.runs) {
      if (run.meta) snapshot.runs.push(await readRun(reader, files.id, runFolder, run, datasets));
    }
  }
  const registry = await readRegistryFiles(reader, layout);
  snapshot.registeredModels = registry.registeredModels;
  snapshot.modelVersions = registry.modelVersions;
  return snapshot;
}
