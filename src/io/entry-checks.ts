import { ImportError } from './errors';
import type { ImportEntry } from './sources';

/**
 * Checks on an import's list of files that run before any content is read: input that is ambiguous or far
 * larger than MLflow ever writes is refused in words, rather than half-understood.
 */

/**
 * The most bytes one metadata file (a meta.yaml, a param, a tag, an alias) may hold. MLflow's own are a few kB:
 * its largest value, a run tag, is 8,000 characters, at most 32,000 bytes of UTF-8.
 */
export const METADATA_FILE_LIMIT = 64 * 1024;

/** A dataset's meta.yaml carries its schema, which MLflow allows up to 1 MB (plus a 16 kB profile). */
export const DATASET_META_LIMIT = 2 * 1024 * 1024;

const kib = (bytes: number) => `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KiB`;

/**
 * Refuses a metadata file over `limit` from its declared size, before it is read or parsed (a 50 MB meta.yaml
 * took seconds and more than a gigabyte to parse). The zip reader verifies that the declared size is the real one.
 */
export function checkMetadataSize(entry: ImportEntry, limit = METADATA_FILE_LIMIT): void {
  if (entry.size <= limit) return;
  throw new ImportError(
    'TOO_LARGE',
    `${entry.path} is ${kib(entry.size)}; a metadata file (meta.yaml, a param, a tag or an alias) may hold at most ${kib(limit)}, and MLflow's own are a few kB. ` +
      'Remove or shorten that file, or export the runs again from MLflow.',
    entry.path,
  );
}

/**
 * Two entries with the same path would leave it to chance which one is imported (a zip may list a name twice;
 * the last used to win silently), so the import is refused naming the path.
 */
export function refuseDuplicatePaths(entries: readonly ImportEntry[]): void {
  const seen = new Set<string>();
  for (const { path } of entries) {
    if (seen.has(path)) {
      throw new ImportError(
        'INVALID_CONTENT',
        `The import holds two files named '${path}', so it is ambiguous which one to use. Remove one of them from the zip and import again.`,
        path,
      );
    }
    seen.add(path);
  }
}
