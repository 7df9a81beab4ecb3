import { parseDocument, stringify, visit, type Document } from 'yaml';
import { errorMessage } from '../shared/errors';
import { ImportError } from './errors';
import { PLAIN_NULL, readFlatYaml } from './flat-yaml';

/**
 * meta.yaml files as MLflow writes them with PyYAML (`yaml.safe_dump`, keys sorted, YAML 1.1): digit-only ids
 * stay quoted strings, missing times are `null`, empty strings are `''`.
 */
export function toYaml(data: Record<string, unknown>): string {
  return stringify(data, { version: '1.1', sortMapEntries: true, singleQuote: true, lineWidth: 0 });
}

/**
 * Ids, names and tags are strings in MLflow, and PyYAML writes a hex run id such as `e0000…` or `12e4567…`
 * unquoted because its resolver does not read them as numbers; the `yaml` package does (NaN, Infinity), and
 * reads `n` or `y` as booleans. So a plain scalar keeps its exact text, and numbers are parsed only where a
 * field is one (YamlFields.integer).
 */
function plainScalarsAsText(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (node.type !== 'PLAIN' || typeof node.source !== 'string') return;
      node.value = PLAIN_NULL.test(node.source) ? null : node.source;
    },
  });
}

/** Reads a YAML mapping; anything else (a syntax error, a list, a scalar) rejects the import naming the file. */
export function readYamlMapping(text: string, file: string): Record<string, unknown> {
  return readFlatYaml(text) ?? parseYamlMapping(text, file);
}

/** readYamlMapping with the general parser, for every form of YAML. */
export function parseYamlMapping(text: string, file: string): Record<string, unknown> {
  let data: unknown;
  try {
    const doc = parseDocument(text, { version: '1.1' });
    if (doc.errors.length > 0) throw doc.errors[0];
    plainScalarsAsText(doc);
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const detail = errorMessage(error).split('\n')[0];
    throw new ImportError('INVALID_CONTENT', `${file} is not valid YAML: ${detail}`, file);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ImportError('INVALID_CONTENT', `${file} should hold a YAML mapping of keys to values.`, file);
  }
  return data as Record<string, unknown>;
}

/** Typed field readers: a wrong type rejects the import with the file and key named. */
export class YamlFields {
  constructor(
    private readonly data: Record<string, unknown>,
    private readonly file: string,
  ) {}

  private bad(key: string, expected: string): ImportError {
    return new ImportError(
      'INVALID_CONTENT',
      `${this.file}: '${key}' should be ${expected}, found ${JSON.stringify(this.data[key])}.`,
      this.file,
    );
  }

  string(key: string, fallback?: string): string {
    const v = this.data[key];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw this.bad(key, 'a string');
    }
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    throw this.bad(key, 'a string');
  }

  /** Milliseconds or another whole number; PyYAML may also have written it as a quoted string. */
  integer(key: string, fallback?: number | null): number | null {
    const v = this.data[key];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw this.bad(key, 'a whole number');
    }
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw this.bad(key, 'a whole number');
    return n;
  }

  record(key: string): Record<string, unknown> {
    const v = this.data[key];
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) throw this.bad(key, 'a mapping');
    return v as Record<string, unknown>;
  }

  has(key: string): boolean {
    return this.data[key] !== undefined;
  }
}
