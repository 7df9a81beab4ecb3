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

/** A chart element that can draw itself as a PNG. */
export interface PngChart extends HTMLElement {
  toPngBlob(): Promise<Blob>;
}

/** Saves a chart as "<title>.png"; one that cannot (nothing drawn yet) tells the app why, as a tabflow-error. */
export async function downloadChartPng(chart: PngChart): Promise<void> {
  try {
    downloadBlob(await chart.toPngBlob(), safeFileName(chart.title, 'png'));
  } catch (error) {
    chart.dispatchEvent(new CustomEvent('tabflow-error', { detail: error, bubbles: true, composed: true }));
  }
}
