/**
 * Saves a blob as a file through a temporary link (works offline, no server round trip). The one download helper:
 * charts, tables, dialogs and the Models pages all save through it.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  // The browser has taken the file once the click is handled; the URL only needs to outlive that, with room
  // for a large export on a busy machine.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name safe on every OS, from a chart title or metric key. */
export function safeFileName(text: string, extension: string): string {
  return `${text.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'chart'}.${extension}`;
}
