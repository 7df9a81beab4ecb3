import { refuseDuplicatePaths } from './entry-checks';
import { ImportError } from './errors';
import { safeEntryPath } from './paths';
import { zipEntries } from './zip-reader';

/** One file of an import, from a zip or a folder, read only when needed. */
export interface ImportEntry {
  path: string;
  size: number;
  read(): Promise<Uint8Array>;
}

/** The part of FileSystemDirectoryHandle an import walks (typed here: the DOM lib lacks its async iterators). */
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandleLike | FileHandleLike>;
}

export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}

/** What `importRuns` accepts: a zip, a picked folder, or the files of a dropped / `webkitdirectory` folder. */
export type ImportSource = Blob | DirectoryHandleLike | ArrayLike<File>;

export interface ImportLimits {
  /** Total uncompressed bytes (default 2 GiB). */
  maxTotalBytes: number;
  /** Number of files (default 200,000). */
  maxEntries: number;
}

export const DEFAULT_LIMITS: ImportLimits = { maxTotalBytes: 2 * 1024 ** 3, maxEntries: 200_000 };

function isDirectoryHandle(source: ImportSource): source is DirectoryHandleLike {
  return typeof source === 'object' && source !== null && (source as DirectoryHandleLike).kind === 'directory';
}

function tooManyFiles(limits: ImportLimits): ImportError {
  return new ImportError(
    'TOO_LARGE',
    `The import holds more than ${limits.maxEntries.toLocaleString('en-US')} files, the most one import accepts.`,
  );
}

async function walk(dir: DirectoryHandleLike, prefix: string, out: ImportEntry[], limits: ImportLimits): Promise<void> {
  for await (const handle of dir.values()) {
    const path = `${prefix}${handle.name}`;
    if (handle.kind === 'directory') {
      await walk(handle, `${path}/`, out, limits);
      continue;
    }
    const file = await handle.getFile();
    out.push({ path, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) });
    if (out.length > limits.maxEntries) throw tooManyFiles(limits);
  }
}

function fileEntries(files: ArrayLike<File>): ImportEntry[] {
  return Array.from(files, (file) => ({
    path: file.webkitRelativePath || file.name,
    size: file.size,
    read: async () => new Uint8Array(await file.arrayBuffer()),
  }));
}

/** Lists a source's files with safe relative paths, rejecting it before any content is read when it breaks a limit. */
export async function listEntries(source: ImportSource, limits: ImportLimits): Promise<ImportEntry[]> {
  let entries: ImportEntry[];
  if (source instanceof Blob) entries = await zipEntries(source);
  else if (isDirectoryHandle(source)) {
    entries = [];
    await walk(source, `${source.name}/`, entries, limits);
  } else entries = fileEntries(source);

  if (entries.length > limits.maxEntries) throw tooManyFiles(limits);
  let total = 0;
  for (const e of entries) {
    e.path = safeEntryPath(e.path);
    total += e.size;
  }
  refuseDuplicatePaths(entries);
  if (total > limits.maxTotalBytes) {
    const gib = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GiB`;
    throw new ImportError(
      'TOO_LARGE',
      `The import unpacks to ${gib(total)}, more than the ${gib(limits.maxTotalBytes)} one import accepts.`,
    );
  }
  return entries;
}
