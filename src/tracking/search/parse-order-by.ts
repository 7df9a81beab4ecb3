/**
 * Parser for MLflow's order_by entries: `<identifier> [ASC|DESC]`, ascending by default. Errors are
 * SearchFilterErrors whose `position` is 0-based within the offending entry; the message names the entry.
 */
import { SearchFilterError } from '../errors';
import { parseIdentifier } from './identifier';
import { describeToken, isKeyword, Tokenizer } from './tokenizer';
import type { OrderKey } from './types';

export function parseOrderBy(orderBy: string[] | undefined): OrderKey[] {
  return (orderBy ?? []).map((entry, index) => {
    try {
      return parseEntry(entry);
    } catch (error) {
      if (!(error instanceof SearchFilterError)) throw error;
      throw new SearchFilterError(`Invalid order_by[${index}] "${entry}": ${error.message}`, error.position);
    }
  });
}

function parseEntry(entry: string): OrderKey {
  // MLflow parses an order_by entry as one SQL identifier; a space before or after it makes a second token,
  // which MLflow refuses ("Could not be parsed"), so we refuse it too rather than trim it away.
  const padding = /^\s|\s$/.exec(entry);
  if (padding) {
    const at = padding.index === 0 ? 0 : entry.length - 1;
    throw new SearchFilterError(
      `Remove the space at character ${at}: an order_by entry cannot start or end with a space`,
      at,
    );
  }
  const tokens = new Tokenizer(entry);
  const id = parseIdentifier(tokens);
  if (id.kind === 'dataset') {
    throw new SearchFilterError(`Runs cannot be ordered by a dataset field (character ${id.start})`, id.start);
  }
  let next = tokens.next();
  let ascending = true;
  if (isKeyword(next, 'ASC') || isKeyword(next, 'DESC')) {
    ascending = isKeyword(next, 'ASC');
    next = tokens.next();
  } else if (next.kind !== 'eof') {
    throw new SearchFilterError(
      `Expected ASC, DESC or end of order_by at character ${next.start}, found ${describeToken(next)}`,
      next.start,
    );
  }
  if (next.kind !== 'eof') {
    throw new SearchFilterError(
      `Expected end of order_by at character ${next.start}, found ${describeToken(next)}`,
      next.start,
    );
  }
  return { kind: id.kind, key: id.key, ascending };
}
