/**
 * Pages of a run search, with MLflow's contract (search_runs' max_results and next_page_token): every page is in
 * the search's order, the pages together hold each matching run once, and a bad token is refused in words.
 *
 * MLflow's own token is an offset (SearchUtils.create_page_token in mlflow/utils/search_utils.py), so a run started
 * between two pages shifts the offset and the next page repeats a run. Our token is a keyset cursor instead: the
 * sort values, start time and id of the last run returned. The next page starts after that position in the order,
 * so runs added (or deleted) meanwhile never make a page repeat or skip a run that was there before.
 */
import { ValidationError } from '../errors';
import { compareToCursor, cursorOf, type Cursor, type SortValue } from './sort-runs';
import type { Run } from '../types';
import type { OrderKey } from './types';

/** MLflow's SEARCH_MAX_RESULTS_THRESHOLD (mlflow/store/tracking/__init__.py): larger pages are refused. */
export const MAX_RESULTS_LIMIT = 50_000;

const TOKEN_VERSION = 1;

/** What a token remembers of its search, so that it cannot be used with another one by mistake. */
export interface SearchIdentity {
  experimentIds?: string[];
  filter?: string;
  orderBy?: string[];
  viewType?: string;
}

interface TokenBody {
  v: number;
  /** The search the token belongs to. */
  q: string;
  /** The last run returned: its id, start time and one encoded value per order_by key. */
  id: string;
  t: number;
  k: EncodedValue[];
}

/** JSON has no NaN or undefined: numbers, strings, 'nan' and null (missing) stand for the four kinds. */
type EncodedValue = { n: number } | { s: string } | 'nan' | null;

/** Refuses what MLflow refuses: a count that is not a whole number from 0 to 50,000. */
export function checkMaxResults(maxResults: number): void {
  if (!Number.isInteger(maxResults) || maxResults < 0) {
    throw new ValidationError(
      `Invalid value ${maxResults} for max_results: it must be a whole number from 0 to ${MAX_RESULTS_LIMIT}.`,
    );
  }
  if (maxResults > MAX_RESULTS_LIMIT) {
    throw new ValidationError(
      `Invalid value ${maxResults} for max_results: it must be at most ${MAX_RESULTS_LIMIT}, as in MLflow. Ask for pages (searchRunsPage with pageToken) or use searchAllRuns.`,
    );
  }
}

/**
 * The page of `sorted` (the whole search result, in order) that follows `pageToken`, and the token of the next
 * page when more runs follow.
 */
export function pageOf(
  sorted: Run[],
  keys: OrderKey[],
  identity: SearchIdentity,
  maxResults: number,
  pageToken: string | undefined,
): { runs: Run[]; nextPageToken?: string } {
  checkMaxResults(maxResults);
  const query = identify(identity);
  const cursor = pageToken ? decodeToken(pageToken, query) : undefined;
  const start = cursor ? firstAfter(sorted, keys, cursor) : 0;
  const runs = sorted.slice(start, start + maxResults);
  if (start + runs.length >= sorted.length) return { runs };
  const last = runs.at(-1);
  // A page of 0 runs keeps the position it was asked for, as MLflow's offset token does.
  const nextCursor = last ? cursorOf(last, keys) : cursor;
  return { runs, nextPageToken: nextCursor ? encodeToken(nextCursor, query) : encodeStart(query) };
}

/** Binary search: `sorted` is in the order the comparator defines, so the runs after the cursor are a suffix. */
function firstAfter(sorted: Run[], keys: OrderKey[], cursor: Cursor): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareToCursor(sorted[mid], keys, cursor) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function identify({ experimentIds, filter, orderBy, viewType }: SearchIdentity): string {
  const ids = experimentIds ? [...new Set(experimentIds)].sort() : null;
  return JSON.stringify([ids, filter?.trim() ?? '', orderBy ?? [], viewType ?? 'ACTIVE_ONLY']);
}

function encodeValue(value: SortValue): EncodedValue {
  if (value === undefined) return null;
  if (typeof value === 'string') return { s: value };
  return Number.isNaN(value) ? 'nan' : { n: value };
}

function decodeValue(value: EncodedValue): SortValue {
  if (value === null) return undefined;
  if (value === 'nan') return NaN;
  if (typeof value === 'object' && typeof (value as { s?: unknown }).s === 'string') return (value as { s: string }).s;
  if (typeof value === 'object' && typeof (value as { n?: unknown }).n === 'number') return (value as { n: number }).n;
  throw new TypeError('not a sort value');
}

function encodeToken(cursor: Cursor, query: string): string {
  const body: TokenBody = {
    v: TOKEN_VERSION,
    q: query,
    id: cursor.runId,
    t: cursor.startTime,
    k: cursor.values.map(encodeValue),
  };
  return toBase64Url(JSON.stringify(body));
}

/** A token for "from the beginning": only a page of 0 runs at the start produces one. */
function encodeStart(query: string): string {
  return toBase64Url(JSON.stringify({ v: TOKEN_VERSION, q: query, start: true }));
}

function decodeToken(token: string, query: string): Cursor | undefined {
  let body: Partial<TokenBody> & { start?: boolean };
  try {
    body = JSON.parse(fromBase64Url(token)) as typeof body;
  } catch {
    throw invalidToken('it is not a token this search returned');
  }
  if (typeof body !== 'object' || body === null || body.v !== TOKEN_VERSION)
    throw invalidToken('it is not a token this search returned');
  if (body.q !== query) {
    throw invalidToken(
      'it belongs to a search with other experiments, filter, order or view; start again without a page token',
    );
  }
  if (body.start === true) return undefined;
  if (typeof body.id !== 'string' || typeof body.t !== 'number' || !Array.isArray(body.k)) {
    throw invalidToken('it is not a token this search returned');
  }
  try {
    return { runId: body.id, startTime: body.t, values: body.k.map(decodeValue) };
  } catch {
    throw invalidToken('it is not a token this search returned');
  }
}

function invalidToken(why: string): ValidationError {
  return new ValidationError(`Invalid page token: ${why}.`);
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(token: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new TypeError('not base64url');
  const binary = atob(token.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}
