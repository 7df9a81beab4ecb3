/**
 * Numbers as people read them, in their own locale (decimal mark, grouping of 5+ digit integers): at most four
 * decimals and five significant digits, whichever is shorter; exponent notation past a million or under 1e-4.
 * The one number formatter for tables, charts, legends and summaries.
 */
const plain = new Map<string | undefined, Intl.NumberFormat>();
const scientific = new Map<string | undefined, Intl.NumberFormat>();

function cached(
  cache: Map<string | undefined, Intl.NumberFormat>,
  locale: string | undefined,
  options: Intl.NumberFormatOptions,
) {
  let format = cache.get(locale);
  if (!format) cache.set(locale, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export function formatNumber(value: number, locale?: string): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) {
    return cached(scientific, locale, { notation: 'scientific', maximumFractionDigits: 3 })
      .format(value)
      .replace('E', 'e');
  }
  return cached(plain, locale, {
    maximumSignificantDigits: 5,
    maximumFractionDigits: 4,
    roundingPriority: 'lessPrecision',
    useGrouping: 'min2',
  }).format(value);
}

/** A whole count with the locale's grouping: "12,345 runs". */
export function formatCount(value: number, locale?: string): string {
  return cached(counts, locale, { maximumFractionDigits: 0 }).format(value);
}
const counts = new Map<string | undefined, Intl.NumberFormat>();

/** "1 run", "3 runs", "12,000 metric points": the count formatted, the noun agreeing. */
export function plural(count: number, one: string, many = `${one}s`, locale?: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? one : many}`;
}
