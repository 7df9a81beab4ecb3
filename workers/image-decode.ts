/**
 * Decoding an image folder in the training worker: a zip is unpacked (fflate), every picture is decoded with
 * createImageBitmap and resized on an OffscreenCanvas to the chosen size (stretched, as Keras's
 * image_dataset_from_directory does by default), as grayscale or RGB bytes. Unreadable files are skipped and
 * named; a class left without pictures is refused in words.
 */
import { unzipSync } from 'fflate';
import { IMAGE_SIZES, readFolderLayout, type ImageFolderFiles, type ImageSizeKey } from '../src/ml/image-folder';
import type { ImageSet } from '../src/ml/image-dataset';

export interface DecodedFolder {
  set: ImageSet;
  skipped: string[];
}

function expandFiles(folder: ImageFolderFiles): { path: string; blob: Blob }[] {
  if (folder.source !== 'zip') return folder.files.map((f) => ({ path: f.path, blob: new Blob([f.bytes]) }));
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(folder.files[0].bytes));
  } catch {
    throw new Error(
      `“${folder.folderName}” is not a zip file that can be read. Zip the folder again, or pick the folder itself.`,
    );
  }
  return Object.entries(entries)
    .filter(([path]) => !path.endsWith('/'))
    .map(([path, bytes]) => ({ path, blob: new Blob([bytes.slice()]) }));
}

export async function decodeImageFolder(folder: ImageFolderFiles, sizeKey: ImageSizeKey): Promise<DecodedFolder> {
  const files = expandFiles(folder);
  const byPath = new Map(files.map((f) => [f.path, f.blob]));
  const layout = readFolderLayout(
    files.map((f) => f.path),
    folder.folderName,
    folder.source,
  );
  const { width, height, channels } = IMAGE_SIZES[sizeKey];
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw on an OffscreenCanvas in a worker, so it cannot read images.');
  const size = width * height * channels;
  const pixels = new Uint8Array(layout.files.length * size);
  const labels: number[] = [];
  const skipped = [...folder.skipped, ...layout.skipped];
  for (const file of layout.files) {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(byPath.get(file.path)!);
    } catch {
      skipped.push(`${file.path} (unreadable: not a picture this browser can decode)`);
      continue;
    }
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const offset = labels.length * size;
    for (let p = 0; p < width * height; p++) {
      if (channels === 1) {
        pixels[offset + p] = Math.round(0.299 * rgba[p * 4] + 0.587 * rgba[p * 4 + 1] + 0.114 * rgba[p * 4 + 2]);
      } else {
        for (let c = 0; c < 3; c++) pixels[offset + p * 3 + c] = rgba[p * 4 + c];
      }
    }
    labels.push(file.label);
  }
  const empty = layout.classNames.filter((_, c) => !labels.includes(c));
  if (empty.length > 0) {
    throw new Error(
      `No picture of ${empty.map((n) => `“${n}”`).join(', ')} could be read (${skipped.length} files skipped: ${skipped.slice(0, 5).join('; ')}). Add readable PNG or JPEG pictures to that class folder.`,
    );
  }
  const set: ImageSet = {
    name: folder.folderName,
    shape: { width, height, channels, classNames: layout.classNames },
    pixels: pixels.subarray(0, labels.length * size),
    labels: Uint8Array.from(labels),
  };
  return { set, skipped };
}
