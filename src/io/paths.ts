import { ImportError } from './errors';

/**
 * Entry names from a zip or a dropped folder are untrusted: a crafted zip can name `../../etc/passwd` or
 * `C:\Windows\...`. Every name is checked before anything else reads it, and a bad one rejects the whole import.
 */
export function safeEntryPath(name: string): string {
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) {
    throw new ImportError(
      'UNSAFE_PATH',
      `The entry '${name}' has an absolute path; only relative paths are allowed in an import.`,
      name,
    );
  }
  const parts = path.split('/');
  if (parts.some((p) => p === '..')) {
    throw new ImportError(
      'UNSAFE_PATH',
      `The entry '${name}' contains '..'; entries may not point outside the imported folder.`,
      name,
    );
  }
  if (parts.some((p) => p.includes('\0'))) {
    throw new ImportError('UNSAFE_PATH', `The entry '${name}' contains a NUL character.`, name);
  }
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}
