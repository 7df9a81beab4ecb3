import { describe, expect, it } from 'vitest';
import { parseHash } from '../../../src/app/router';
import { compareHref, hashHref, modelAliasHref } from '../../../src/ui/links';

/** Shared links stay readable: `@`, `,` and `:` are legal in a fragment and mean nothing to the router. */
describe('readable in-app links', () => {
  it('leaves @ , : as written in segments and query values', () => {
    expect(modelAliasHref('m', 'champion')).toBe('#/models/m/@champion');
    expect(compareHref(['a', 'b'])).toBe('#/compare?runs=a,b');
    expect(hashHref('compare', [], { best: 'loss:max' })).toBe('#/compare?best=loss:max');
  });

  it('still escapes what would change the route, including a literal %40 in an id', () => {
    const id = 'a/b?c#d&e=%40';
    const href = hashHref('run', [id], { note: 'x&y=%2C' });
    expect(href).toBe('#/run/a%2Fb%3Fc%23d%26e%3D%2540?note=x%26y%3D%252C');
    expect(parseHash(href)).toMatchObject({ page: 'run', segments: [id] });
    expect(parseHash(href).query.get('note')).toBe('x&y=%2C');
  });
});
