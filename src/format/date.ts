/**
 * Dates and times in the person's locale and time zone. One full form (run pages, model versions) and one
 * short form for table columns, which leaves out the year while it is this year.
 */
const full = new Map<string | undefined, Intl.DateTimeFormat>();
const short = new Map<string | undefined, Intl.DateTimeFormat>();

function format(
  cache: Map<string | undefined, Intl.DateTimeFormat>,
  locale: string | undefined,
  withYear: boolean,
): Intl.DateTimeFormat {
  let f = cache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      ...(withYear ? { year: 'numeric' } : {}),
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    cache.set(locale, f);
  }
  return f;
}

/** "Nov 28, 2026, 06:42:10 PM" (en-US); "28 Nov 2026, 18:42:10" (en-GB). */
export function formatTime(ms: number, locale?: string): string {
  return format(full, locale, true).format(ms);
}

/** A table cell's time: the year only when it is not this year, so the column stays narrow. */
export function formatShortTime(ms: number, now = Date.now(), locale?: string): string {
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return format(sameYear ? short : full, locale, !sameYear).format(ms);
}

/** "2026-11-28_18-42-10" in local time: sorts by name, and is safe in a file name on every system. */
export function fileTimestamp(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}_${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
}
