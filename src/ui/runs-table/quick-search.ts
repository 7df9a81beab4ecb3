/**
 * MLflow's search box accepts plain words as a run-name search: text with no comparison in it becomes
 * `attributes.run_name ILIKE '%text%'`. Anything else is passed through as a filter, so the parser reports
 * what is wrong with it. Text with a quote stays as typed: the grammar has no escape for quotes.
 */
export function toFilter(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || /[=<>!'"`]/.test(trimmed) || /\b(like|ilike|in|and)\b/i.test(trimmed)) return trimmed;
  // LIKE's own wildcards in a typed name are meant literally only rarely; MLflow passes them through too.
  return `attributes.run_name ILIKE '%${trimmed}%'`;
}
