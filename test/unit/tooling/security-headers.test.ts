import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CSP, WORKER_CSP, securityHeadersFor } from '../../../scripts/security-headers.mjs';

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );

describe('security headers', () => {
  it("index.html's fallback <meta> policy is the document policy the servers send", () => {
    const html = readFileSync(new URL('../../../index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(DOCUMENT_CSP);
  });

  it('workers may connect only to their own origin, blob: and data:; pages also to a configured server', () => {
    expect(directives(WORKER_CSP).get('connect-src')).toBe("'self' blob: data:");
    expect(directives(DOCUMENT_CSP).get('connect-src')).toBe("'self' blob: data: http: https:");
    // Everything else is the same for both.
    const rest = (policy: string) => [...directives(policy)].filter(([name]) => name !== 'connect-src');
    expect(rest(WORKER_CSP)).toEqual(rest(DOCUMENT_CSP));
  });

  it('pages get the document policy, every other file the worker policy, all of them cross-origin isolation', () => {
    for (const path of ['/', '/index.html', '/sub/dir/', '/bench/index.html'])
      expect(securityHeadersFor(path)['Content-Security-Policy'], path).toBe(DOCUMENT_CSP);
    for (const path of ['/assets/train.worker-abc.js', '/sw.js', '/assets/x.wasm', '/icon.svg'])
      expect(securityHeadersFor(path)['Content-Security-Policy'], path).toBe(WORKER_CSP);
    for (const path of ['/', '/sw.js']) {
      expect(securityHeadersFor(path)).toMatchObject({
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      });
    }
  });
});
