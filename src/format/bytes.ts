import { formatCount } from './number';

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/**
 * "0 bytes", "812 bytes", "1.4 MB", "12 GB": decimal units (1 KB = 1,000 bytes), as browsers and operating
 * systems show disk space, so what Settings reports matches what the browser says is used. The app's only
 * byte formatter.
 */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 1000) {
    const whole = Math.max(0, Math.round(bytes || 0));
    return `${formatCount(whole, locale)} ${whole === 1 ? 'byte' : 'bytes'}`;
  }
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  // One decimal while it still says something (1.4 MB), none from 10 up (12 MB).
  const digits = value < 10 ? 1 : 0;
  const shown = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
  return `${shown} ${UNITS[unit]}`;
}
