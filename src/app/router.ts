/**
 * A hash router: `#/<page>/<id>?<query>`. Hashes work from a file, offline and behind any static server, and a
 * shared link opens the same view (the Playground keeps its whole config in the query).
 */
export interface Route {
  page: string;
  /** Path segments after the page name, decoded. */
  segments: string[];
  query: URLSearchParams;
}

export const DEFAULT_PAGE = 'experiments';

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const [page, ...segments] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: page || DEFAULT_PAGE, segments, query };
}

export function routeHref(page: string, segments: string[] = [], query?: URLSearchParams | Record<string, string>): string {
  const path = [page, ...segments].map(encodeURIComponent).join('/');
  const q = query ? new URLSearchParams(query).toString() : '';
  return `#/${path}${q ? `?${q}` : ''}`;
}

/** Calls `onChange` with the current route now and on every hash change; returns the unsubscribe function. */
export function watchRoute(onChange: (route: Route) => void): () => void {
  const handler = () => onChange(parseHash(location.hash));
  window.addEventListener('hashchange', handler);
  handler();
  return () => window.removeEventListener('hashchange', handler);
}
