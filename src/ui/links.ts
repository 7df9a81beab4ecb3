/**
 * The one builder of in-app links (`#/<page>/<segment>…?<query>`). Every segment is percent-encoded, because
 * ids and names can come from someone else's zip or server: an experiment id such as `50%zz?x=1` must land on
 * its own page, not break the router or smuggle a query. The router (src/app/router.ts) decodes what this encodes.
 * `@`, `,` and `:` are left as they are: RFC 3986 allows them in a fragment and neither the router nor
 * URLSearchParams gives them a meaning, so shared links stay readable (`#/models/m/@champion`, `?runs=a,b`).
 */
const FRAGMENT_SAFE: Readonly<Record<string, string>> = { '%40': '@', '%2C': ',', '%3A': ':' };

/** Every `%` in encoded text starts an escape (a literal `%` is `%25`), so a match is always a whole escape. */
const readable = (encoded: string): string => encoded.replace(/%40|%2C|%3A/g, (escape) => FRAGMENT_SAFE[escape]);

export function hashHref(
  page: string,
  segments: readonly (string | number)[] = [],
  query?: URLSearchParams | Record<string, string>,
): string {
  const path = [page, ...segments].map((s) => readable(encodeURIComponent(String(s)))).join('/');
  const q = query ? readable(new URLSearchParams(query).toString()) : '';
  return `#/${path}${q ? `?${q}` : ''}`;
}

export const experimentHref = (experimentId: string, query?: URLSearchParams | Record<string, string>): string =>
  hashHref('experiments', [experimentId], query);

export const runHref = (runId: string): string => hashHref('run', [runId]);

/** Run ids never hold a comma, so the Compare page's list is one query value. */
export const compareHref = (runIds: Iterable<string>): string =>
  hashHref('compare', [], { runs: [...runIds].join(',') });

export const modelHref = (name: string, version?: number | string): string =>
  hashHref('models', version === undefined ? [name] : [name, version]);

export const modelAliasHref = (name: string, alias: string): string => hashHref('models', [name, `@${alias}`]);
