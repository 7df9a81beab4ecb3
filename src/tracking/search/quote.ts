/**
 * A filter literal for `text`. MLflow's grammar has no escape inside quotes (only the outer quotes are removed:
 * SearchUtils._strip_quotes in mlflow/utils/search_utils.py), so a value is quoted with the quote kind it does not
 * contain. Undefined when it holds both kinds: no filter can name it, and the caller filters in code instead.
 */
export function quoteSearchValue(text: string): string | undefined {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return undefined;
}
