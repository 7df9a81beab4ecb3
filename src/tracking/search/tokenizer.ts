/**
 * Lazy tokenizer shared by the filter and order_by parsers. Lazy so that the first error reported is the
 * leftmost one: an unterminated quote late in the string must not hide a bad comparator earlier on.
 */
import { SearchFilterError } from '../errors';

export type TokenKind =
  | 'word' // identifier, keyword (AND, LIKE, ASC, ...) or anything else made of word characters
  | 'number'
  | 'string' // '...' or "..."
  | 'backtick' // `...`, only ever a quoted key
  | 'op' // = != < <= > >=
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'other' // any other single character; the parser reports it as unexpected
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token, quotes included; '' at end of input. */
  text: string;
  /** Content of a quoted token (the outer quotes removed, the rest as written), the text otherwise. */
  value: string;
  /** Which quote opened a 'string' or 'backtick' token. */
  quote?: string;
  /** 0-based offsets into the source: [start, end). */
  start: number;
  end: number;
}

/**
 * Characters of an unquoted word. Wider than MLflow's (sqlparse) so that common metric names such as
 * `metrics.val-loss` or `metrics.train/acc` need no quoting; '+' and '-' also make exponents like 1e+5 words.
 */
const WORD_CHAR = /[\p{L}\p{N}_.\-+/]/u;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'];
const PUNCTUATION: Partial<Record<string, TokenKind>> = { '(': 'lparen', ')': 'rparen', ',': 'comma' };
const QUOTE_NAMES: Record<string, string> = {
  "'": 'single-quoted string',
  '"': 'double-quoted string',
  '`': 'back-quoted key',
};

export class Tokenizer {
  private pos = 0;
  private lookahead: Token | undefined;

  constructor(readonly source: string) {}

  peek(): Token {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  private scan(): Token {
    const src = this.source;
    while (this.pos < src.length && /\s/.test(src[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= src.length) return { kind: 'eof', text: '', value: '', start, end: start };

    const ch = src[start];
    if (ch === "'" || ch === '"' || ch === '`') return this.scanQuoted(ch);
    const punctuationKind = PUNCTUATION[ch];
    if (punctuationKind) return this.take(punctuationKind, start + 1);
    const op = OPERATORS.find((o) => src.startsWith(o, start));
    if (op) return this.take('op', start + op.length);

    let end = start;
    while (end < src.length && WORD_CHAR.test(src[end])) end++;
    if (end > start) return this.take(NUMBER.test(src.slice(start, end)) ? 'number' : 'word', end);
    // One code point, so that an emoji is reported whole rather than as half a surrogate pair.
    return this.take('other', start + String.fromCodePoint(src.codePointAt(start)!).length);
  }

  private take(kind: TokenKind, end: number): Token {
    const start = this.pos;
    this.pos = end;
    const text = this.source.slice(start, end);
    return { kind, text, value: text, start, end };
  }

  /**
   * Quoted text as MLflow's SQL tokenizer (sqlparse) reads it: a doubled quote ('it''s') or, in strings, a
   * backslash before the quote ('it\'s') does not end the quotes — and, as in MLflow, stays in the value as
   * written: MLflow strips only the outer quotes (SearchUtils._strip_quotes), so `'it''s'` means the text it''s.
   * A value with a single quote in it is written in double quotes: "it's".
   */
  private scanQuoted(quote: string): Token {
    const src = this.source;
    const start = this.pos;
    for (let i = start + 1; i < src.length; i++) {
      const ch = src[i];
      if (ch === '\\' && quote !== '`' && src[i + 1] === quote) {
        i++;
      } else if (ch === quote) {
        if (src[i + 1] === quote) {
          i++;
          continue;
        }
        this.pos = i + 1;
        return {
          kind: quote === '`' ? 'backtick' : 'string',
          text: src.slice(start, this.pos),
          value: src.slice(start + 1, i),
          quote,
          start,
          end: this.pos,
        };
      }
    }
    throw new SearchFilterError(`Unterminated ${QUOTE_NAMES[quote]} starting at character ${start}`, start);
  }
}

/** True for a word token equal to `keyword`, ignoring case (SQL keywords are case-insensitive). */
export function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === 'word' && token.text.toUpperCase() === keyword;
}

/** How a token is quoted in "found ..." error messages. */
export function describeToken(token: Token): string {
  return token.kind === 'eof' ? 'end of input' : `"${token.text}"`;
}
