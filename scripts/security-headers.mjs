// The response headers every tabflow file is served with, defined once: the Vite dev/preview plugin
// (scripts/vite-headers-plugin.ts), the service worker (workers/sw.ts) and the benchmark's static server all use
// these, so an installed offline app gets exactly what the server sends. Plain JavaScript (with a .d.mts beside
// it) so Node scripts import it without a build step.

/** Directives shared by documents and workers: only this origin's own code, WebAssembly compiled but no eval. */
const COMMON_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // tfjs-wasm's threads are Emscripten pthread workers created from a blob: URL inside the training worker.
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: data:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/**
 * The page's policy. connect-src is wider than a worker's because the MLflow server client runs on the page and
 * talks to a server only when the person has configured one; nothing else on the page sends a request.
 */
export const DOCUMENT_CSP = [...COMMON_DIRECTIVES, "connect-src 'self' blob: data: http: https:"].join('; ');

/**
 * Every worker's policy: workers parse untrusted zips and stored models, so none of them may reach the network —
 * only this origin's files (the tfjs .wasm) and the blob:/data: URLs the app makes itself.
 */
export const WORKER_CSP = [...COMMON_DIRECTIVES, "connect-src 'self' blob: data:"].join('; ');

/**
 * Cross-origin isolation (crossOriginIsolated = true) so tfjs-wasm can share memory between threads. Every file
 * tabflow loads is its own origin's, so require-corp costs nothing; the MLflow client's CORS requests are unaffected.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** True for a path that is served as a page: a folder (its index.html) or an .html file. */
export function isDocumentPath(pathname) {
  return pathname.endsWith('/') || pathname.endsWith('.html');
}

/**
 * The headers for one file. A browser applies a Content-Security-Policy header only to documents and workers, so
 * every non-page file carries the worker policy: it takes effect exactly when that file is a worker's script, which
 * the server cannot always tell (a module worker's script is an ordinary .js file).
 */
export function securityHeadersFor(pathname) {
  return {
    ...ISOLATION_HEADERS,
    'Content-Security-Policy': isDocumentPath(pathname) ? DOCUMENT_CSP : WORKER_CSP,
  };
}
