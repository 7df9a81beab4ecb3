/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space, quotes doubled.
 * Text starting with = + - @ (that is not a number) gets a leading apostrophe so that a spreadsheet opening the
 * file shows it instead of running it as a formula (a run name like `=HYPERLINK(...)` comes from user data).
 * Shared by the runs table, Compare's diff table and the prediction worker's CSV, so all three escape alike.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !Number.isFinite(Number(text))) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
