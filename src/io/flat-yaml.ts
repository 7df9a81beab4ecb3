/**
 * The meta.yaml files MLflow and tabflow write are flat mappings of one `key: value` per line, and an import of a
 * thousand runs spent more time in the `yaml` package's general parser than in reading their metrics. This reads
 * exactly that flat form, giving what readYamlMapping would; anything else (nesting, comments, double quotes,
 * anchors, a line it is unsure of) returns null and goes to the full parser.
 */

const LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
/** Characters that start something other than a plain scalar in YAML (indicators and reserved characters). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
/** Within a plain scalar: ': ' ends the key, ' #' starts a comment, tabs and control characters need care. */
// eslint-disable-next-line no-control-regex
const PLAIN_UNSAFE = /: | #|:$|\s$|[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
/** PyYAML's null spellings (an empty plain scalar among them); every other plain scalar is read as its own text. */
export const PLAIN_NULL = /^(?:~|null|Null|NULL)?$/;

function valueOf(text: string | undefined): { value: unknown } | null {
  if (text === undefined || text === '') return { value: null };
  if (text === '[]') return { value: [] };
  if (text === '{}') return { value: {} };
  if (text.startsWith("'")) {
    const quoted = SINGLE_QUOTED.exec(text);
    // eslint-disable-next-line no-control-regex
    if (!quoted || /[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text)) return null;
    return { value: quoted[1].replaceAll("''", "'") };
  }
  if (INDICATOR_START.test(text) || PLAIN_UNSAFE.test(text)) return null;
  return { value: PLAIN_NULL.test(text) ? null : text };
}

/** The mapping of a flat meta.yaml, or null when the text is not in that form (then the full parser reads it). */
export function readFlatYaml(text: string): Record<string, unknown> | null {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return null;
  const out: Record<string, unknown> = {};
  for (const line of lines) {
    const match = LINE.exec(line);
    // `__proto__` would set the object's prototype; the full parser makes it a plain key.
    if (!match || PLAIN_NULL.test(match[1]) || match[1] === '__proto__' || Object.hasOwn(out, match[1])) return null;
    const parsed = valueOf(match[2]);
    if (!parsed) return null;
    out[match[1]] = parsed.value;
  }
  return out;
}
