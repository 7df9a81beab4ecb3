/**
 * A hash router: `#/<page>/<id>?<query>`. Hashes work from a file, offline and behind any static server, and a
 * shared link opens the same view (the Playground keeps its whole config in the query).
 */
export interface Route {
  page: string;
  /** Path segments after the page name, decoded. */
  segments: string[];
  query: URLSearchParams;
  /** Set when part of the link could not be decoded: what to tell the person. The route still opens. */
  problem?: string;
}

export const DEFAULT_PAGE = 'experiments';

/** decodeURIComponent that never throws: a malformed escape (`%zz`) keeps its raw text and is reported. */
function decodeSegment(segment: string, problems: string[]): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    problems.push(segment);
    return segment;
  }
}

/** Never throws, whatever the hash: links are typed, pasted and shared (build them with ui/links.ts's hashHref). */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const problems: string[] = [];
  const [page, ...segments] = path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeSegment(s, problems));
  const route: Route = { page: page || DEFAULT_PAGE, segments, query };
  if (problems.length > 0) {
    route.problem = `This link is damaged: '${problems.join("', '")}' is not valid percent-encoding (a '%' must be followed by two hex digits). It was opened as written; links tabflow makes are always encoded, so copy the link again from the page it came from.`;
  }
  return route;
}

/** Calls `onChange` with the current route now and on every hash change; returns the unsubscribe function. */
export function watchRoute(onChange: (route: Route) => void): () => void {
  const handler = () => onChange(parseHash(location.hash));
  window.addEventListener('hashchange', handler);
  handler();
  return () => window.removeEventListener('hashchange', handler);
}
