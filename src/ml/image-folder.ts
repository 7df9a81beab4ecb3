/**
 * "Your own images": a folder with one subfolder per class (as Keras's image_dataset_from_directory and
 * Teachable Machine expect), picked, dropped or zipped. This part reads only the file paths: which files belong
 * to which class, which are skipped and why, and whether the folder can train at all. DOM-free; decoding the
 * pictures happens in the worker (workers/image-decode.ts).
 */

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp'] as const;

/** The sizes offered, as Keras users pick them: small enough to train in a tab. */
export const IMAGE_SIZES = {
  '28-gray': { width: 28, height: 28, channels: 1, label: '28 × 28 grayscale' },
  '32-color': { width: 32, height: 32, channels: 3, label: '32 × 32 colour' },
  '64-color': { width: 64, height: 64, channels: 3, label: '64 × 64 colour' },
} as const;
export type ImageSizeKey = keyof typeof IMAGE_SIZES;

/** Beyond this many images the decoded floats (up to 48 MB per 1,000 colour 64 × 64 images) outgrow a tab. */
export const MAX_IMAGES = 20_000;

export interface FolderLayout {
  classNames: string[];
  /** Per accepted file, in the order of `files`: its path and class index. */
  files: { path: string; label: number }[];
  /** Files left out, each with the reason, in words. */
  skipped: string[];
}

function extension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
}

/**
 * The classes of a folder from its files' paths ("root/class/file.png", or "class/file.png" in a zip whose
 * top level is the class folders). Hidden files (".DS_Store") are ignored silently; files outside a class folder
 * and non-images are skipped and named. Throws in words when it cannot train: fewer than two classes, too many
 * images, or nothing to read.
 */
export function readFolderLayout(
  paths: readonly string[],
  folderName: string,
  source: 'folder' | 'zip' = 'folder',
): FolderLayout {
  const parts = paths.map((p) => p.split('/').filter((s) => s !== ''));
  // A picked folder's paths all start with the folder's own name; a zip's may, or may start at the classes.
  const sharedRoot =
    source === 'folder' ||
    (parts.length > 0 && parts.every((p) => p[0] === parts[0][0]) && parts.some((p) => p.length >= 3));
  const skipped: string[] = [];
  const byClass = new Map<string, string[]>();
  parts.forEach((segments, i) => {
    const rel = sharedRoot ? segments.slice(1) : segments;
    const name = rel[rel.length - 1] ?? '';
    if (name.startsWith('.') || rel.some((s) => s === '__MACOSX')) return;
    if (rel.length !== 2) {
      skipped.push(`${paths[i]} (not directly inside a class folder)`);
      return;
    }
    if (!(IMAGE_EXTENSIONS as readonly string[]).includes(extension(name))) {
      skipped.push(`${paths[i]} (not a ${IMAGE_EXTENSIONS.join(', ')} image)`);
      return;
    }
    const list = byClass.get(rel[0]) ?? [];
    list.push(paths[i]);
    byClass.set(rel[0], list);
  });
  const classNames = [...byClass.keys()].sort((a, b) => a.localeCompare(b));
  const total = [...byClass.values()].reduce((n, list) => n + list.length, 0);
  if (total === 0) {
    throw new Error(
      `“${folderName}” holds no images in class folders. Put each class's pictures in a subfolder named after the class (e.g. cats/, dogs/).`,
    );
  }
  if (classNames.length < 2) {
    throw new Error(
      `“${folderName}” has one class folder (“${classNames[0]}”); a classifier needs at least two. Add a subfolder of pictures for each other class.`,
    );
  }
  if (total > MAX_IMAGES) {
    throw new Error(
      `“${folderName}” has ${total.toLocaleString('en')} images; at most ${MAX_IMAGES.toLocaleString('en')} fit in a browser tab's memory. Train on a smaller selection.`,
    );
  }
  const files = classNames.flatMap((name, label) => byClass.get(name)!.map((path) => ({ path, label })));
  return { classNames, files, skipped };
}

/** "3 classes: cats (40), dogs (38), fish (12)" */
export function describeLayout(layout: FolderLayout): string {
  const counts = layout.classNames.map((name, c) => `${name} (${layout.files.filter((f) => f.label === c).length})`);
  return `${layout.classNames.length} classes: ${counts.join(', ')}`;
}

/** The files of a folder as the page hands them to the worker: their bytes, read in the page (Files cannot be read in the worker after a folder pick in every browser). */
export interface ImageFolderFiles {
  folderName: string;
  /** A picked or dropped folder (paths start with its name), or one zip file holding the folder. */
  source: 'folder' | 'zip';
  files: { path: string; bytes: ArrayBuffer }[];
  /** Files the page already left out (not images, not in a class folder), with the reason: the run records them. */
  skipped: string[];
}

/** The params a run on an image folder logs in place of a recipe (the images are not stored; their digest is). */
export const FOLDER_PARAM_KEYS = {
  source: 'dataset_source',
  folder: 'dataset_folder',
  size: 'image_size',
  testFraction: 'dataset_test_fraction',
  seed: 'dataset_seed',
} as const;

export const FOLDER_SOURCE = 'images';

export function folderSourceParams(
  folderName: string,
  size: ImageSizeKey,
  testFraction: number,
  seed: number,
): Record<string, string> {
  return {
    [FOLDER_PARAM_KEYS.source]: FOLDER_SOURCE,
    [FOLDER_PARAM_KEYS.folder]: folderName,
    [FOLDER_PARAM_KEYS.size]: size,
    [FOLDER_PARAM_KEYS.testFraction]: String(testFraction),
    [FOLDER_PARAM_KEYS.seed]: String(seed),
  };
}

export function isImageSizeKey(value: string | undefined): value is ImageSizeKey {
  return value !== undefined && Object.hasOwn(IMAGE_SIZES, value);
}
