import { securityHeadersFor } from '../scripts/security-headers.mjs';

/**
 * A copy of `response` with tabflow's isolation and Content-Security-Policy headers (scripts/security-headers.mjs)
 * added. Headers of a cached Response are immutable, hence the copy; the body is streamed, not read.
 */
export function withSecurityHeaders(request: Request, response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeadersFor(new URL(request.url).pathname)))
    headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
