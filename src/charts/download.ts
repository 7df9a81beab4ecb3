/** Saves a blob as a file through a temporary link (works offline, no server round trip). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** A file name safe on every OS, from a chart title or metric key. */
export function safeFileName(text: string, extension: string): string {
  return `${text.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'chart'}.${extension}`;
}
