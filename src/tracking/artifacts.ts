import type { TrackingDb } from './db';
import { NotFoundError } from './errors';
import { MODEL_JSON, unpackModel } from './model-files';
import type { ArtifactInfo, ModelArtifactsLike } from './types';

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  json: 'application/json',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  html: 'text/plain', // never served as HTML: stored files may come from someone else's zip
  bin: 'application/octet-stream',
};

export function mimeTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'MLmodel') return 'application/yaml';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

/** Accepts what `logArtifact` takes and returns bytes to store. */
export async function toBytes(data: Blob | string | ArrayBuffer | Uint8Array): Promise<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data).buffer as ArrayBuffer;
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (data instanceof Uint8Array) return data.slice().buffer as ArrayBuffer;
  return data.arrayBuffer();
}

export async function listArtifacts(db: TrackingDb, runId: string, prefix?: string): Promise<ArtifactInfo[]> {
  const rows = await db.artifacts.where('runId').equals(runId).toArray();
  const folder = prefix ? `${prefix.replace(/\/$/, '')}/` : '';
  return rows
    .filter((r) => r.path.startsWith(folder))
    .map((r) => ({ path: r.path, size: r.size, mimeType: r.mimeType }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function readBytes(
  db: TrackingDb,
  runId: string,
  path: string,
): Promise<{ data: ArrayBuffer; mimeType: string }> {
  const row = await db.artifacts.get([runId, path]);
  if (!row) throw new NotFoundError(`Run '${runId}' has no artifact '${path}'.`);
  return row;
}

export async function readArtifact(db: TrackingDb, runId: string, path: string): Promise<Blob> {
  const row = await readBytes(db, runId, path);
  return new Blob([row.data], { type: row.mimeType });
}

export async function readModelArtifacts(
  db: TrackingDb,
  runId: string,
  artifactPath: string,
): Promise<ModelArtifactsLike> {
  const folder = artifactPath.replace(/\/$/, '');
  const modelJson = await db.artifacts.get([runId, `${folder}/${MODEL_JSON}`]);
  if (!modelJson) throw new NotFoundError(`Run '${runId}' has no model at '${folder}' (no ${folder}/${MODEL_JSON}).`);
  return unpackModel(
    new TextDecoder().decode(modelJson.data),
    async (shard) => (await readBytes(db, runId, `${folder}/${shard}`)).data,
  );
}
