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
import { checkMetadataSize, DATASET_META_LIMIT, METADATA_FILE_LIMIT } from './entry-checks';
import { ImportError, throwIfAborted } from './errors';
import { readYamlMapping, YamlFields } from './meta-yaml';
import { parseMetricBytes, type MetricColumns } from './metric-lines';
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

const readMetricData = (entry: ImportEntry): Promise<Uint8Array | MetricColumns> =>
  entry.readMetric ? entry.readMetric() : entry.read();

/**
 * How many bytes of the next runs' files are read while a run is parsed: on a pool of workers, unpacking them
 * overlaps this thread's YAML parsing; the snapshot holds every file anyway, so this adds little memory.
 */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

/** Reads started ahead of use; a failure surfaces where the file is used, so the first in reading order is reported. */
class ReadsAhead<T> {
  private readonly reads = new Map<ImportEntry, Promise<T>>();
  bytes = 0;

  start(entry: ImportEntry, read: () => Promise<T>): void {
    if (this.reads.has(entry)) return;
    const reading = read();
    reading.catch(() => {});
    this.reads.set(entry, reading);
    this.bytes += entry.size;
  }

  take(entry: ImportEntry): Promise<T> | undefined {
    const reading = this.reads.get(entry);
    if (!reading) return undefined;
    this.reads.delete(entry);
    this.bytes -= entry.size;
    return reading;
  }
}

export class TreeReader {
  private bytes = 0;
  private readonly filesAhead = new ReadsAhead<Uint8Array>();
  private readonly metricsAhead = new ReadsAhead<Uint8Array | MetricColumns>();
  constructor(private readonly progress: ReadProgress) {}

  /** Bytes of files read ahead and not yet used. */
  get bytesAhead(): number {
    return this.filesAhead.bytes + this.metricsAhead.bytes;
  }

  /**
   * Starts reading a run's files before they are used. Metadata files over their limit are left to be refused
   * before they are read.
   */
  readAhead(run: RunFiles): void {
    const metadata = [run.meta, ...run.params.values(), ...run.tags.values(), ...run.inputs];
    for (const entry of metadata)
      if (entry && entry.size <= METADATA_FILE_LIMIT) this.filesAhead.start(entry, () => entry.read());
    for (const entry of run.metrics.values()) this.metricsAhead.start(entry, () => readMetricData(entry));
    for (const entry of run.artifacts.values()) this.filesAhead.start(entry, () => entry.read());
  }

  private counted(bytes: number): void {
    this.bytes += bytes;
    this.progress.onBytes?.(this.bytes);
  }

  async bytesOf(entry: ImportEntry): Promise<Uint8Array> {
    throwIfAborted(this.progress.signal, 'Import');
    const data = await (this.filesAhead.take(entry) ?? entry.read());
    this.counted(data.byteLength);
    return data;
  }

  /** A metric file's history: parsed where it was unpacked when the source can, else here. */
  async metric(entry: ImportEntry): Promise<MetricColumns> {
    throwIfAborted(this.progress.signal, 'Import');
    const data = await (this.metricsAhead.take(entry) ?? readMetricData(entry));
    this.counted(entry.size);
    return data instanceof Uint8Array ? parseMetricBytes(data, entry.path) : data;
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
    setOwn(metrics, key, await reader.metric(entry));
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
    const runs = [...files.runs].filter(([, run]) => run.meta);
    let readingAhead = 0;
    for (let i = 0; i < runs.length; i++) {
      while (readingAhead < runs.length && (readingAhead <= i || reader.bytesAhead < READ_AHEAD_BYTES))
        reader.readAhead(runs[readingAhead++][1]);
      const [runFolder, run] = runs[i];
      snapshot.runs.push(await readRun(reader, files.id, runFolder, run, datasets));
    }
  }
  const registry = await readRegistryFiles(reader, layout);
  snapshot.registeredModels = registry.registeredModels;
  snapshot.modelVersions = registry.modelVersions;
  return snapshot;
}
