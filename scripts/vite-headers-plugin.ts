import type { Connect, Plugin } from 'vite';
import { securityHeadersFor } from './security-headers.mjs';

/** Sets tabflow's isolation and Content-Security-Policy headers on everything a Vite server sends. */
const setSecurityHeaders: Connect.NextHandleFunction = (req, res, next) => {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  for (const [name, value] of Object.entries(securityHeadersFor(pathname))) res.setHeader(name, value);
  next();
};

/**
 * `vite dev` and `vite preview` serve every page and worker script with the same headers a deployment and the
 * service worker use (scripts/security-headers.mjs), so what is tested is what runs installed.
 */
export function securityHeadersPlugin(): Plugin {
  return {
    name: 'tabflow-security-headers',
    configureServer(server) {
      server.middlewares.use(setSecurityHeaders);
    },
    configurePreviewServer(server) {
      server.middlewares.use(setSecurityHeaders);
    },
  };
}
