/**
 * Parser for MLflow's search_runs filter: `<identifier> <comparator> <value> [AND ...]`.
 * Every error is a SearchFilterError whose `position` is the 0-based offset of the offending token; messages
 * quote the same 0-based number ("at character N"), so the two always agree.
 */
import { SearchFilterError } from '../errors';
import { ATTRIBUTES } from './attributes';
import { parseIdentifier, type Identifier } from './identifier';
import { describeToken, isKeyword, Tokenizer, type Token } from './tokenizer';
import type { Clause, Comparator } from './types';

const NUMERIC_COMPARATORS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const LIST_COMPARATORS: readonly Comparator[] = ['IN', 'NOT IN'];
/** Presence tests, which take no value; MLflow allows them on tags and params only (mlflow/utils/search_utils.py). */
const NULL_COMPARATORS: readonly Comparator[] = ['IS NULL', 'IS NOT NULL'];
const ALL_COMPARATORS = '=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL, IS NOT NULL';

export function parseFilter(filter: string | undefined): Clause[] {
  if (filter === undefined || filter.trim() === '') return [];
  const tokens = new Tokenizer(filter);
  const clauses: Clause[] = [];
  for (;;) {
    clauses.push(parseClause(tokens));
    const next = tokens.next();
    if (next.kind === 'eof') return clauses;
    if (isKeyword(next, 'AND')) continue;
    if (isKeyword(next, 'OR')) {
      throw new SearchFilterError(`OR is not supported, only AND, at character ${next.start}`, next.start);
    }
    throw new SearchFilterError(
      `Expected AND or end of filter at character ${next.start}, found ${describeToken(next)}`,
      next.start,
    );
  }
}

function parseClause(tokens: Tokenizer): Clause {
  const id = parseIdentifier(tokens);
  const comparatorToken = tokens.peek();
  const comparator = parseComparator(tokens);
  checkComparator(id, comparator, comparatorToken);
  if (NULL_COMPARATORS.includes(comparator)) return { kind: id.kind, key: id.key, comparator, value: null };
  return { kind: id.kind, key: id.key, comparator, value: parseValue(tokens, id, comparator) };
}

function parseComparator(tokens: Tokenizer): Comparator {
  const token = tokens.next();
  if (token.kind === 'op') return token.text as Comparator;
  for (const keyword of ['LIKE', 'ILIKE', 'IN'] as const) if (isKeyword(token, keyword)) return keyword;
  if (isKeyword(token, 'NOT')) {
    const inToken = tokens.next();
    if (isKeyword(inToken, 'IN')) return 'NOT IN';
    throw new SearchFilterError(
      `Expected IN after NOT at character ${inToken.start}, found ${describeToken(inToken)}`,
      inToken.start,
    );
  }
  if (isKeyword(token, 'IS')) return parseNullTest(tokens);
  throw new SearchFilterError(
    `Expected a comparator (${ALL_COMPARATORS}) at character ${token.start}, found ${describeToken(token)}`,
    token.start,
  );
}

/** `IS NULL` or `IS NOT NULL`, the IS already read. */
function parseNullTest(tokens: Tokenizer): Comparator {
  let token = tokens.next();
  const negated = isKeyword(token, 'NOT');
  if (negated) token = tokens.next();
  if (isKeyword(token, 'NULL')) return negated ? 'IS NOT NULL' : 'IS NULL';
  throw new SearchFilterError(
    `Expected ${negated ? 'NULL after IS NOT' : 'NULL or NOT NULL after IS'} at character ${token.start}, found ${describeToken(token)}`,
    token.start,
  );
}

function isNumeric(id: Identifier): boolean {
  return id.kind === 'metric' || (id.kind === 'attribute' && ATTRIBUTES.get(id.key)!.numeric);
}

/** MLflow's per-kind comparator sets (SearchUtils.VALID_*_COMPARATORS). */
function allowedComparators(id: Identifier): readonly Comparator[] {
  if (isNumeric(id)) return NUMERIC_COMPARATORS;
  if (id.kind === 'param' || id.kind === 'tag') return [...STRING_COMPARATORS, ...NULL_COMPARATORS];
  // MLflow accepts a list only for run_id among attributes ("Only the 'run_id' attribute supports ...").
  if (id.kind === 'dataset' || (id.kind === 'attribute' && id.key === 'run_id')) {
    return [...STRING_COMPARATORS, ...LIST_COMPARATORS];
  }
  return STRING_COMPARATORS;
}

function describeIdentifier(id: Identifier): string {
  const noun = { metric: 'metric', param: 'param', tag: 'tag', attribute: 'attribute', dataset: 'dataset field' }[
    id.kind
  ];
  return `${noun} "${id.key}"`;
}

function checkComparator(id: Identifier, comparator: Comparator, token: Token): void {
  const allowed = allowedComparators(id);
  if (allowed.includes(comparator)) return;
  if (NULL_COMPARATORS.includes(comparator)) {
    throw new SearchFilterError(
      `IS NULL / IS NOT NULL is only supported for tags and params, not for ${describeIdentifier(id)} (character ${token.start})`,
      token.start,
    );
  }
  throw new SearchFilterError(
    `Comparator ${comparator} is not supported for ${describeIdentifier(id)} at character ${token.start}; expected one of ${allowed.join(', ')}`,
    token.start,
  );
}

function parseValue(tokens: Tokenizer, id: Identifier, comparator: Comparator): Clause['value'] {
  if (LIST_COMPARATORS.includes(comparator)) return parseStringList(tokens, comparator);
  const token = tokens.next();
  if (isNumeric(id)) {
    if (token.kind === 'number') return Number(token.text);
    throw new SearchFilterError(
      `Expected a number for ${describeIdentifier(id)} at character ${token.start}, found ${describeToken(token)}`,
      token.start,
    );
  }
  if (token.kind === 'string') return token.value;
  throw new SearchFilterError(
    `Expected a quoted string for ${describeIdentifier(id)} at character ${token.start}, found ${describeToken(token)}`,
    token.start,
  );
}

/** `('a', 'b', ...)`: at least one quoted string, comma-separated, no trailing comma. */
function parseStringList(tokens: Tokenizer, comparator: Comparator): string[] {
  const open = tokens.next();
  if (open.kind !== 'lparen') {
    throw new SearchFilterError(
      `Expected a parenthesised list of quoted strings after ${comparator} at character ${open.start}, found ${describeToken(open)}`,
      open.start,
    );
  }
  const values: string[] = [];
  for (;;) {
    const item = tokens.next();
    if (item.kind !== 'string') {
      throw new SearchFilterError(
        `Expected a quoted string at character ${item.start}, found ${describeToken(item)}`,
        item.start,
      );
    }
    values.push(item.value);
    const separator = tokens.next();
    if (separator.kind === 'rparen') return values;
    if (separator.kind !== 'comma') {
      throw new SearchFilterError(
        `Expected "," or ")" at character ${separator.start}, found ${describeToken(separator)}`,
        separator.start,
      );
    }
  }
}
