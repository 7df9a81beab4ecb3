import type { TrackingClient } from './client';
import type { PushOutboxRow, PushRecordRow } from './db';

/**
 * What this browser pushed to which MLflow server, and the pushes still waiting (the outbox). Kept beside the
 * runs so the page can show "on the server" per run and retry waiting pushes after a reload; the MLflow client
 * itself (src/io/mlflow) never needs them to be right: a push always asks the server what it already holds.
 */

export type PushRecord = PushRecordRow;
export type OutboxEntry = Required<PushOutboxRow>;

/** Server URLs are compared without a trailing slash, so "http://host:5000/" and "http://host:5000" are one server. */
export const normalizeServerUrl = (url: string) => url.trim().replace(/\/+$/, '');

export async function recordPushes(
  client: TrackingClient,
  serverUrl: string,
  pushed: { runId: string; remoteRunId: string; remoteExperimentId: string }[],
  now = Date.now(),
): Promise<void> {
  const url = normalizeServerUrl(serverUrl);
  await client.db.pushRecords.bulkPut(
    pushed.map((p) => ({
      runId: p.runId,
      serverUrl: url,
      remoteRunId: p.remoteRunId,
      remoteExperimentId: p.remoteExperimentId,
      pushedAt: now,
    })),
  );
}

export function pushRecordsOf(client: TrackingClient, runId: string): Promise<PushRecord[]> {
  return client.db.pushRecords.where('runId').equals(runId).toArray();
}

/** Adds a waiting push, due at once; returns its id. */
export async function enqueuePush(
  client: TrackingClient,
  serverUrl: string,
  runIds: string[],
  now = Date.now(),
): Promise<number> {
  return (await client.db.pushOutbox.add({
    serverUrl: normalizeServerUrl(serverUrl),
    runIds: [...runIds],
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
  })) as number;
}

export async function listOutbox(client: TrackingClient): Promise<OutboxEntry[]> {
  return (await client.db.pushOutbox.orderBy('id').toArray()) as OutboxEntry[];
}

/** Notes a failed attempt and when to try again. */
export async function deferPush(
  client: TrackingClient,
  id: number,
  error: string,
  nextAttemptAt: number,
): Promise<void> {
  await client.db.pushOutbox
    .where('id')
    .equals(id)
    .modify((row) => {
      row.attempts += 1;
      row.lastError = error;
      row.nextAttemptAt = nextAttemptAt;
    });
}

/** Removes a waiting push: it succeeded, or the person cancelled it. */
export async function removeFromOutbox(client: TrackingClient, id: number): Promise<void> {
  await client.db.pushOutbox.delete(id);
}
