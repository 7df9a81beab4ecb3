// A tiny static server on 127.0.0.1 for the benchmark: the app build at /, the bench pages at /bench/.
// Hashed files under assets/ are cached for a year, everything else is revalidated, as a typical static host does.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { securityHeadersFor } from '../scripts/security-headers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** mounts: [{ prefix: '/bench/', dir }, { prefix: '/', dir }] — the first matching prefix serves the request. */
export function serveStatic(mounts, port) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const mount = mounts.find((m) => path.startsWith(m.prefix));
    if (!mount) return void res.writeHead(404).end('not found');
    let file = normalize(join(mount.dir, path.slice(mount.prefix.length)));
    if (!file.startsWith(normalize(mount.dir) + sep) && file !== normalize(mount.dir))
      return void res.writeHead(403).end('forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        // As the app's own servers: cross-origin isolated (threaded wasm), the same CSP for pages and workers.
        ...securityHeadersFor(path),
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': /[/\\]assets[/\\]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}
