const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** "0 bytes", "812 bytes", "1.4 MB", "12 GB": decimal units, as browsers and operating systems show disk space. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} bytes`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
