/** Parses `<prefix>.<key>` identifiers, the left-hand side of a filter clause and the subject of an order_by. */
import { SearchFilterError } from '../errors';
import { ATTRIBUTE_NAMES_FOR_MESSAGES, DATASET_FIELDS, canonicalAttribute } from './attributes';
import { describeToken, isKeyword, type Token, type Tokenizer } from './tokenizer';
import type { EntityKind } from './types';

export interface Identifier {
  kind: EntityKind;
  key: string;
  /** Where the identifier starts, for errors about it as a whole (e.g. a dataset in order_by). */
  start: number;
}

/** MLflow's entity prefixes. Case-sensitive, as in MLflow (`Metrics.x` is an error there too). */
const PREFIXES: ReadonlyMap<string, EntityKind> = new Map<string, EntityKind>([
  ['metric', 'metric'],
  ['metrics', 'metric'],
  ['parameter', 'param'],
  ['parameters', 'param'],
  ['param', 'param'],
  ['params', 'param'],
  ['tag', 'tag'],
  ['tags', 'tag'],
  ['attribute', 'attribute'],
  ['attributes', 'attribute'],
  ['attr', 'attribute'],
  ['run', 'attribute'],
  ['dataset', 'dataset'],
  ['datasets', 'dataset'],
]);

const KEYWORDS = ['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'ILIKE', 'ASC', 'DESC'];

/** A back-quoted or double-quoted key: ``metrics.`val loss` ``, `params."my param"`, `` `Run name` ``. */
function isQuotedKey(token: Token): boolean {
  return token.kind === 'backtick' || (token.kind === 'string' && token.quote === '"');
}

export function parseIdentifier(tokens: Tokenizer): Identifier {
  const token = tokens.next();
  if (token.kind === 'backtick' && startsWithDot(tokens.peek(), token)) return parseBackQuotedPrefix(tokens, token);
  if (isQuotedKey(token)) return resolve('attribute', token.value, token);
  if (token.kind === 'lparen') {
    throw new SearchFilterError(`Parentheses are not supported at character ${token.start}`, token.start);
  }
  if (token.kind !== 'word' || KEYWORDS.some((k) => isKeyword(token, k))) {
    throw new SearchFilterError(
      `Expected an identifier (e.g. metrics.loss, params.lr, tags.team, run_name) at character ${token.start}, found ${describeToken(token)}`,
      token.start,
    );
  }

  // As MLflow: the first dot separates the prefix, later dots belong to the key (`tags.mlflow.user`).
  const dot = token.text.indexOf('.');
  if (dot === -1) return resolve('attribute', token.text, token);
  const prefix = token.text.slice(0, dot);
  const kind = PREFIXES.get(prefix);
  if (!kind) {
    throw new SearchFilterError(
      `Unknown entity type "${prefix}" at character ${token.start}; expected metrics., params., tags., attributes. or datasets.`,
      token.start,
    );
  }
  return parseKey(tokens, kind, prefix, token, token.text.slice(dot + 1), token.end);
}

/**
 * The key after `<prefix>.`: the rest of the word, or a quoted key right after the dot (`keyStart`, the offset
 * just past the dot).
 */
function parseKey(
  tokens: Tokenizer,
  kind: EntityKind,
  prefix: string,
  first: Token,
  rest: string,
  keyStart: number,
): Identifier {
  if (rest !== '') return resolve(kind, rest, first);
  const quoted = tokens.peek();
  if (!isQuotedKey(quoted) || quoted.start !== keyStart) {
    throw new SearchFilterError(
      `Expected a key after "${prefix}." at character ${keyStart}, found ${describeToken(quoted)}`,
      keyStart,
    );
  }
  tokens.next();
  return resolve(kind, quoted.value, first, quoted);
}

function startsWithDot(next: Token, previous: Token): boolean {
  return next.kind === 'word' && next.start === previous.end && next.text.startsWith('.');
}

/**
 * A back-quoted entity prefix, `` `metric`.a `` or `` `tags`.source_name ``: MLflow strips the backticks from the
 * entity type (SearchUtils._trim_backticks in mlflow/utils/search_utils.py) and reads the key after the dot.
 */
function parseBackQuotedPrefix(tokens: Tokenizer, quotedPrefix: Token): Identifier {
  const prefix = quotedPrefix.value;
  const kind = PREFIXES.get(prefix);
  if (!kind) {
    throw new SearchFilterError(
      `Unknown entity type "${prefix}" at character ${quotedPrefix.start}; expected metrics., params., tags., attributes. or datasets.`,
      quotedPrefix.start,
    );
  }
  const dotted = tokens.next();
  return parseKey(tokens, kind, prefix, quotedPrefix, dotted.text.slice(1), dotted.end);
}

function resolve(kind: EntityKind, key: string, first: Token, keyToken: Token = first): Identifier {
  const start = first.start;
  if (key === '') throw new SearchFilterError(`Empty key at character ${keyToken.start}`, keyToken.start);
  if (kind === 'attribute') {
    const canonical = canonicalAttribute(key);
    if (!canonical) {
      throw new SearchFilterError(
        `Unknown attribute "${key}" at character ${start}; expected one of ${ATTRIBUTE_NAMES_FOR_MESSAGES}`,
        start,
      );
    }
    return { kind, key: canonical, start };
  }
  if (kind === 'dataset' && !DATASET_FIELDS.has(key)) {
    throw new SearchFilterError(
      `Unknown dataset field "${key}" at character ${start}; expected one of name, digest, context`,
      start,
    );
  }
  return { kind, key, start };
}
