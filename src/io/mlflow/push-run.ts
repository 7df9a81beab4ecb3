import { readRunContents, type Run, type TrackingClient } from '../../tracking';
import { throwIfAborted } from '../errors';
import { messages, MlflowError } from './errors';
import { LOG_BATCH_LIMITS, logBatchBodies } from './log-batch';
import { findPushedRun, listArtifacts, metricHistory, type PageSizes } from './remote';
import type { MlflowRestClient } from './rest-client';
import {
  encodeMetricValue,
  pointIdentity,
  SOURCE_RUN_TAG,
  toRecord,
  type DatasetInputJson,
  type KeyValue,
  type MetricJson,
  type RunJson,
} from './wire';

/** One run's outcome. The counts are what this push SENT: a run the server already had whole reports zeros. */
export interface PushedRun {
  runId: string;
  remoteRunId: string;
  remoteExperimentId: string;
  status: 'created' | 'updated' | 'unchanged' | 'failed';
  metricPoints: number;
  params: number;
  tags: number;
  artifacts: number;
  error?: string;
}

export interface RunPushContext {
  client: MlflowRestClient;
  tracking: TrackingClient;
  pageSizes: PageSizes;
  signal?: AbortSignal;
  /** Local run id → remote run id, filled as runs are pushed, so children point at their remote parent. */
  remoteIds: Map<string, string>;
  /** Called after each request that moved data, with the metric points it carried, for progress. */
  onStep?: (metricPoints: number) => void;
}

const runLabel = (run: Run) => `'${run.info.runName}' (${run.info.runId})`;

/** The tags the remote run must carry: every local tag, the parent re-pointed at the remote parent, the source id. */
function wantedTags(run: Run, remoteParentId: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {
    ...run.data.tags,
    'mlflow.runName': run.info.runName,
    [SOURCE_RUN_TAG]: run.info.runId,
  };
  if (remoteParentId) tags['mlflow.parentRunId'] = remoteParentId;
  else delete tags['mlflow.parentRunId'];
  return tags;
}

function datasetKey(name: string, digest: string, context: string | undefined): string {
  return `${name}\u0000${digest}\u0000${context ?? ''}`;
}

async function remoteParentOf(ctx: RunPushContext, run: Run, remoteExperimentId: string): Promise<string | undefined> {
  const parent = run.info.parentRunId;
  if (!parent) return undefined;
  // A parent not pushed yet gets no remote link now; the tag is set by the push that follows the parent's.
  return (
    ctx.remoteIds.get(parent) ?? (await findPushedRun(ctx.client, remoteExperimentId, parent, ctx.signal))?.info.run_id
  );
}

async function createRemoteRun(ctx: RunPushContext, run: Run, remoteExperimentId: string): Promise<RunJson> {
  // Only the source tag at creation: it makes the run findable at once, so a push cut off right here resumes it.
  const { run: created } = await ctx.client.post<{ run: RunJson }>(
    'runs/create',
    {
      experiment_id: remoteExperimentId,
      user_id: run.info.userId,
      run_name: run.info.runName,
      start_time: run.info.startTime,
      tags: [{ key: SOURCE_RUN_TAG, value: run.info.runId }],
    },
    ctx.signal,
  );
  return created;
}

/** Points of one metric the server does not have yet, as log-batch entities. */
async function missingPoints(
  ctx: RunPushContext,
  remoteRunId: string,
  key: string,
  history: { steps: Float64Array; values: Float64Array; timestamps: Float64Array },
  remoteHas: boolean,
): Promise<MetricJson[]> {
  const known = new Set<string>();
  if (remoteHas) {
    for (const p of await metricHistory(ctx.client, remoteRunId, key, ctx.pageSizes.history, ctx.signal)) {
      known.add(
        pointIdentity(
          Number(p.step ?? 0),
          Number(p.timestamp),
          typeof p.value === 'number' ? p.value : Number(p.value),
        ),
      );
    }
  }
  const out: MetricJson[] = [];
  const { steps, values, timestamps } = history;
  for (let i = 0; i < values.length; i++) {
    const identity = pointIdentity(steps[i], timestamps[i], values[i]);
    if (known.has(identity)) continue;
    known.add(identity);
    out.push({ key, value: encodeMetricValue(values[i]), timestamp: timestamps[i], step: steps[i] });
  }
  return out;
}

/** A value the server would cut short is refused here, before anything of the run is sent. */
function checkLengths(run: Run): void {
  const check = (kind: 'param' | 'tag', values: Record<string, string>, limit: number) => {
    for (const [key, value] of Object.entries(values)) {
      if (value.length > limit)
        throw new MlflowError('limit', messages.tooLong(runLabel(run), kind, key, value.length, limit));
    }
  };
  check('param', run.data.params, LOG_BATCH_LIMITS.paramValue);
  check('tag', run.data.tags, LOG_BATCH_LIMITS.tagValue);
}

function paramsToSend(run: Run, remoteParams: Record<string, string>): KeyValue[] {
  const conflicts: { key: string; remote: string; local: string }[] = [];
  const send: KeyValue[] = [];
  for (const [key, value] of Object.entries(run.data.params)) {
    if (!(key in remoteParams)) send.push({ key, value });
    else if (remoteParams[key] !== value) conflicts.push({ key, remote: remoteParams[key], local: value });
  }
  // Checked before anything is sent: MLflow would refuse the whole batch, and a half-sent run helps nobody.
  if (conflicts.length > 0) throw new MlflowError('immutable-param', messages.immutableParam(runLabel(run), conflicts));
  return send;
}

/**
 * Pushes one run so the server ends up holding all of it, sending only what it lacks. Safe to repeat after any
 * interruption: the run is found by its source tag, params and tags are compared, metric points are compared by
 * MLflow's own identity, artifacts by path and size; the status and end time go last, so a remote run marked
 * FINISHED by tabflow is complete.
 */
export async function pushRun(
  ctx: RunPushContext,
  run: Run,
  remoteExperimentId: string,
): Promise<{ pushed: PushedRun; artifactUri: string }> {
  const { client, signal } = ctx;
  checkLengths(run);
  let remote = await findPushedRun(client, remoteExperimentId, run.info.runId, signal);
  const created = !remote;
  if (!remote) remote = await createRemoteRun(ctx, run, remoteExperimentId);
  const remoteRunId = remote.info.run_id;
  ctx.remoteIds.set(run.info.runId, remoteRunId);
  const result: PushedRun = {
    runId: run.info.runId,
    remoteRunId,
    remoteExperimentId,
    status: created ? 'created' : 'unchanged',
    metricPoints: 0,
    params: 0,
    tags: 0,
    artifacts: 0,
  };
  try {
    await pushContents(ctx, run, remote, created, result);
  } catch (error) {
    if (error instanceof MlflowError && error.code === 'rejected') {
      throw new MlflowError(
        'rejected',
        messages.rejected(`run ${runLabel(run)}`, error.message.replace(/^The MLflow server refused [^:]*: /, '')),
        { mlflowCode: error.mlflowCode, status: error.status },
      );
    }
    throw error;
  }
  return { pushed: result, artifactUri: remote.info.artifact_uri };
}

async function pushContents(
  ctx: RunPushContext,
  run: Run,
  remote: RunJson,
  created: boolean,
  result: PushedRun,
): Promise<void> {
  const { client, signal } = ctx;
  const remoteRunId = remote.info.run_id;
  const remoteParams = toRecord(remote.data.params);
  const params = paramsToSend(run, remoteParams);
  const remoteTags = toRecord(remote.data.tags);
  const tags = Object.entries(wantedTags(run, await remoteParentOf(ctx, run, remote.info.experiment_id)))
    .filter(([k, v]) => remoteTags[k] !== v)
    .map(([key, value]) => ({ key, value }));
  const metricKeys = Object.keys(run.data.metrics);
  const [contents] = await readRunContents(ctx.tracking, [{ runId: run.info.runId, metricKeys }]);
  const metrics: MetricJson[] = [];
  for (const [i, key] of metricKeys.entries()) {
    throwIfAborted(signal, 'Push');
    metrics.push(...(await missingPoints(ctx, remoteRunId, key, contents.histories[i], !created)));
  }
  for (const batch of logBatchBodies(remoteRunId, { metrics, params, tags })) {
    throwIfAborted(signal, 'Push');
    await client.post('runs/log-batch', batch.body, signal);
    ctx.onStep?.(batch.metrics);
  }
  result.params = params.length;
  result.tags = tags.length;
  result.metricPoints = metrics.length;

  const remoteInputs = new Set(
    (remote.inputs?.dataset_inputs ?? []).map((d) =>
      datasetKey(d.dataset.name, d.dataset.digest, toRecord(d.tags)['mlflow.data.context']),
    ),
  );
  const datasets: DatasetInputJson[] = run.inputs.datasetInputs
    .filter((d) => !remoteInputs.has(datasetKey(d.name, d.digest, d.context)))
    .map((d) => ({
      tags: d.context ? [{ key: 'mlflow.data.context', value: d.context }] : [],
      dataset: {
        name: d.name,
        digest: d.digest,
        source_type: d.sourceType,
        source: d.source,
        schema: d.schema,
        profile: d.profile,
      },
    }));
  if (datasets.length > 0) await client.post('runs/log-inputs', { run_id: remoteRunId, datasets }, signal);

  if (contents.artifacts.length > 0) {
    const artifactUri = remote.info.artifact_uri;
    if (!artifactUri.startsWith('mlflow-artifacts:')) {
      throw new MlflowError(
        'rejected',
        messages.rejected(
          `the artifacts of run ${runLabel(run)}`,
          `its artifact location is ${artifactUri}, which a browser cannot write to. Start the server with --serve-artifacts.`,
        ),
      );
    }
    const remoteFiles = new Map(
      created ? [] : (await listArtifacts(client, remoteRunId, signal)).map((f) => [f.path, f.size]),
    );
    for (const artifact of contents.artifacts) {
      throwIfAborted(signal, 'Push');
      // A file cut off mid-upload has another size: sent again whole. Same path and size: the server has it.
      if (remoteFiles.get(artifact.path) === artifact.data.byteLength) continue;
      await client.putArtifact(artifactUri, artifact.path, artifact.data, signal);
      result.artifacts += 1;
      ctx.onStep?.(0);
    }
  }

  const remoteEnd = remote.info.end_time === undefined ? null : Number(remote.info.end_time);
  const needsUpdate =
    remote.info.status !== run.info.status ||
    remoteEnd !== run.info.endTime ||
    remote.info.run_name !== run.info.runName;
  if (needsUpdate) {
    await client.post(
      'runs/update',
      {
        run_id: remoteRunId,
        status: run.info.status,
        end_time: run.info.endTime ?? undefined,
        run_name: run.info.runName,
      },
      signal,
    );
  }
  const sent = result.params + result.tags + result.metricPoints + result.artifacts + datasets.length;
  if (!created && (sent > 0 || needsUpdate)) result.status = 'updated';
}
