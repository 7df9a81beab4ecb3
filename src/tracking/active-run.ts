import { toBytes, mimeTypeOf } from './artifacts';
import type { TrackingClient } from './client';
import { ValidationError } from './errors';
import { newRunId } from './ids';
import { appendPoints } from './metric-chunks';
import { MetricBuffer, type BufferedPoints } from './metric-buffer';
import { summarise } from './metric-summary';
import { MLMODEL_FILE, MODEL_JSON, WEIGHTS_FILE, packModel } from './model-files';
import { ownValue, setOwn } from './keyed-record';
import { guardQuota } from './rows';
import { runLocksAvailable } from './run-locks';
import { errorMessage } from '../shared/errors';
import type { DatasetInput, ModelArtifactsLike, RunStatus, SavableModel } from './types';
import { paramToString, validateArtifactPath, validateMetric, validateParam, validateRunTag } from './validation';

/**
 * A run being logged to, like the object `mlflow.start_run()` returns. Params, tags and artifacts are written at
 * once (each call is one transaction); metrics are buffered and written in chunks, because a training loop logs
 * far more of them. Call `end()` (or `flush()`) to be sure everything is committed.
 */
export class ActiveRun {
  /** Called when a background metric flush fails; `flush()` and `end()` reject with the same error. */
  onWriteError: (error: unknown) => void = () => {};
  private readonly buffer: MetricBuffer;
  private readonly validKeys = new Set<string>();
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;

  /** `releaseLock` frees the run's Web Lock (see run-locks.ts) once the run is ended. */
  constructor(
    private readonly client: TrackingClient,
    readonly id: string,
    private readonly releaseLock: () => void = () => {},
  ) {
    this.buffer = new MetricBuffer(
      (points) => this.writePoints(points),
      client.bufferOptions,
      (e) => this.onWriteError(e),
    );
  }

  async logParam(key: string, value: unknown): Promise<void> {
    await this.logParams({ [key]: value });
  }

  /** Params are immutable: logging the same value again is fine, a different one throws and writes nothing. */
  async logParams(params: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(params).map(([k, v]) => [k, paramToString(v)] as const);
    for (const [k, v] of entries) validateParam(k, v);
    await this.client.updateRun(this.id, (row) => {
      for (const [k, v] of entries) {
        const old = ownValue(row.params, k);
        if (old !== undefined && old !== v) {
          throw new ValidationError(
            `Param '${k}' was already logged with value '${old}'; params cannot be changed (tried '${v}').`,
          );
        }
      }
      for (const [k, v] of entries) setOwn(row.params, k, v);
    });
  }

  /** Buffers one point; synchronous so a training loop never waits on IndexedDB. Step defaults to 0, as MLflow. */
  logMetric(key: string, value: number, step = 0, timestamp = Date.now()): void {
    if (!this.validKeys.has(key)) {
      validateMetric(key, value, step, timestamp);
      this.validKeys.add(key);
    } else if (typeof value !== 'number' || !Number.isInteger(step) || !(timestamp >= 0)) {
      validateMetric(key, value, step, timestamp);
    }
    this.buffer.add(key, value, step, timestamp);
  }

  logMetrics(metrics: Record<string, number>, step = 0, timestamp = Date.now()): void {
    for (const [k, v] of Object.entries(metrics)) this.logMetric(k, v, step, timestamp);
  }

  async setTag(key: string, value: string): Promise<void> {
    await this.setTags({ [key]: value });
  }

  async setTags(tags: Record<string, string>): Promise<void> {
    const entries = Object.entries(tags).map(([k, v]) => [k, String(v)] as const);
    for (const [k, v] of entries) validateRunTag(k, v);
    await this.client.updateRun(this.id, (row) => {
      for (const [k, v] of entries) setOwn(row.tags, k, v);
      const runName = ownValue(row.tags, 'mlflow.runName');
      if (runName && entries.some(([k]) => k === 'mlflow.runName')) row.runName = runName;
    });
  }

  /** MLflow's log_input: records the dataset a run used (name, digest, source, schema, profile). */
  async logInput(dataset: DatasetInput): Promise<void> {
    await this.client.updateRun(this.id, (row) => {
      const i = row.datasetInputs.findIndex(
        (d) => d.name === dataset.name && d.digest === dataset.digest && d.context === dataset.context,
      );
      if (i >= 0) row.datasetInputs[i] = { ...dataset };
      else row.datasetInputs.push({ ...dataset });
    });
  }

  async logArtifact(path: string, data: Blob | string | ArrayBuffer | Uint8Array): Promise<void> {
    validateArtifactPath(path);
    const bytes = await toBytes(data);
    const mimeType = data instanceof Blob && data.type ? data.type : mimeTypeOf(path);
    await this.client.runRow(this.id);
    await guardQuota(() =>
      this.client.db.artifacts.put({ runId: this.id, path, data: bytes, mimeType, size: bytes.byteLength }),
    );
  }

  /**
   * Saves a tfjs layers model (anything with `save(handler)`) as the artifacts `<artifactPath>/model.json`,
   * the weight shard and an `MLmodel` file with a `tfjs` flavor, and records it in `mlflow.log-model.history`.
   * The handler is a plain IOHandler object, so this module never imports tfjs.
   */
  async logModel(model: SavableModel, artifactPath = 'model'): Promise<void> {
    validateArtifactPath(artifactPath);
    let captured: ModelArtifactsLike | null = null;
    await model.save({
      save: async (artifacts: ModelArtifactsLike) => {
        captured = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      },
    });
    if (!captured) throw new ValidationError('logModel: the model did not hand its artifacts to the save handler.');
    await this.logModelArtifacts(captured, artifactPath);
  }

  /** Stores already-serialized tfjs ModelArtifacts (e.g. sent from a worker) the same way as logModel. */
  async logModelArtifacts(artifacts: ModelArtifactsLike, artifactPath = 'model'): Promise<void> {
    validateArtifactPath(artifactPath);
    const now = Date.now();
    const modelUuid = newRunId();
    const files = packModel(artifacts, { runId: this.id, artifactPath, modelUuid, now });
    const db = this.client.db;
    const put = (name: string, data: ArrayBuffer) =>
      db.artifacts.put({
        runId: this.id,
        path: `${artifactPath}/${name}`,
        data,
        mimeType: mimeTypeOf(name),
        size: data.byteLength,
      });
    const encode = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
    await guardQuota(() =>
      db.transaction('rw', db.runs, db.artifacts, async () => {
        const row = await this.client.runRow(this.id);
        await put(MODEL_JSON, encode(files.modelJson));
        await put(WEIGHTS_FILE, files.weights);
        await put(MLMODEL_FILE, encode(files.mlmodel));
        const history = JSON.parse(row.tags['mlflow.log-model.history'] ?? '[]') as unknown[];
        history.push({
          run_id: this.id,
          artifact_path: artifactPath,
          utc_time_created: new Date(now).toISOString().replace('T', ' ').replace('Z', ''),
          model_uuid: modelUuid,
          flavors: { tfjs: { data: MODEL_JSON, format: 'layers-model' } },
        });
        row.tags['mlflow.log-model.history'] = JSON.stringify(history);
        await db.runs.put(row);
      }),
    );
  }

  /** Resolves once every metric logged before the call is committed. */
  flush(): Promise<void> {
    return this.buffer.flush();
  }

  /**
   * Buffered metrics are written at most this long after being logged (the client's `flushDelayMs` until set): a
   * crash loses at most that much. Training sets ~500 ms so that flushes, not epochs, set the write rate.
   */
  setFlushDelay(ms: number): void {
    this.buffer.setFlushDelay(ms);
  }

  /** A metric flush is waiting to write or writing. */
  get flushing(): boolean {
    return this.buffer.busy;
  }

  /**
   * Writes a heartbeat every `intervalMs` while the run is open, so that a run whose tab or worker dies can be
   * told apart from one still training (see TrackingClient.endAbandonedRuns).
   */
  startHeartbeat(intervalMs = 10_000): void {
    this.stopHeartbeat();
    // Where the run's Web Lock says whether its writer is alive, a heartbeat would only add writes.
    if (runLocksAvailable()) return;
    this.heartbeatTimer = setInterval(() => {
      void this.client
        .updateRun(this.id, (row) => {
          row.heartbeat = Date.now();
        })
        .catch((e) => this.onWriteError(e));
    }, intervalMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  /** Flushes metrics and ends the run. If the flush fails, the run is ended FAILED with the reason in `tabflow.error`. */
  async end(status: RunStatus = 'FINISHED'): Promise<void> {
    this.stopHeartbeat();
    try {
      await this.flush();
    } catch (error) {
      await this.client
        .updateRun(this.id, (row) => {
          row.status = 'FAILED';
          row.endTime = Date.now();
          row.tags['tabflow.error'] = errorMessage(error);
        })
        .catch(() => {});
      this.releaseLock();
      throw error;
    }
    try {
      await this.client.setTerminated(this.id, status);
    } finally {
      this.releaseLock();
    }
  }

  private async writePoints(points: BufferedPoints): Promise<void> {
    const db = this.client.db;
    await guardQuota(() =>
      db.transaction('rw', db.runs, db.metricChunks, async () => {
        const row = await this.client.runRow(this.id);
        for (const [key, batch] of points) {
          await appendPoints(db, this.id, key, batch);
          setOwn(row.metrics, key, summarise(ownValue(row.metrics, key), batch.steps, batch.values, batch.timestamps));
        }
        row.heartbeat = Date.now();
        await db.runs.put(row);
      }),
    );
  }
}
