// One formatting module for the whole app (DOM-free, Intl, the person's locale): numbers, bytes, durations, dates.
export { formatCount, formatNumber, plural } from './number';
export { formatBytes } from './bytes';
export { formatDuration } from './duration';
export { fileTimestamp, formatShortTime, formatTime } from './date';
