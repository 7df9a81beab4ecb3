/** Tags typed as `key=value` lines, one a line, as a form's textarea collects them. */
export function parseTagLines(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`Tag line ${i + 1} ("${line.trim()}") should read key=value.`);
    tags[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return tags;
}
