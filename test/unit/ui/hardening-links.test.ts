import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHash } from '../../../src/app/router';
import { compareHref, experimentHref, hashHref, modelAliasHref, modelHref, runHref } from '../../../src/ui/links';

/** Issue 15, item 2: every id and name survives a link, and no hash makes the router throw. */

const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });

describe('in-app links', () => {
  it('hashHref and parseHash round-trip any segments and query (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,10}$/),
        fc.array(anyText, { maxLength: 3 }),
        fc.dictionary(anyText, anyText, { maxKeys: 3 }),
        (page, segments, query) => {
          const route = parseHash(hashHref(page, segments, query));
          expect(route.page).toBe(page);
          expect(route.segments).toEqual(segments);
          expect(Object.fromEntries(route.query)).toEqual(query);
          expect(route.problem).toBeUndefined();
        },
      ),
    );
  });

  it('parseHash never throws, whatever the hash (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (hash) => {
        expect(() => parseHash(`#/${hash}`)).not.toThrow();
      }),
    );
  });

  it('a hostile experiment id stays one path segment and comes back whole', () => {
    const id = '50%zz?x=1&y=#/run/a';
    const href = experimentHref(id);
    expect(href).toBe('#/experiments/50%25zz%3Fx%3D1%26y%3D%23%2Frun%2Fa');
    expect(parseHash(href)).toMatchObject({ page: 'experiments', segments: [id] });
  });

  it('a malformed escape opens the route as written and says the link is damaged', () => {
    const route = parseHash('#/experiments/50%zz/ok%20id');
    expect(route.page).toBe('experiments');
    expect(route.segments).toEqual(['50%zz', 'ok id']);
    expect(route.problem).toContain("This link is damaged: '50%zz' is not valid percent-encoding");
  });

  it('names the run, compare and model pages with encoded ids', () => {
    expect(runHref('abc')).toBe('#/run/abc');
    expect(parseHash(compareHref(['a', 'b'])).query.get('runs')).toBe('a,b');
    expect(parseHash(modelHref('my/model?', 3)).segments).toEqual(['my/model?', '3']);
    expect(parseHash(modelAliasHref('m', 'champion')).segments).toEqual(['m', '@champion']);
  });
});
