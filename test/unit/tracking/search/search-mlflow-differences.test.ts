/**
 * The five places where tabflow's run search used to differ from MLflow's (issue 19), each checked through the
 * public API: IS NULL / IS NOT NULL, back-quoted entity prefixes, order_by entries with a space at either end,
 * MLflow's 50,000 limit on max_results, and paged searches with a page token.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_RESULTS_LIMIT,
  parseFilter,
  parseOrderBy,
  SearchFilterError,
  ValidationError,
  type TrackingClient,
} from '../../../../src/tracking';
import { freshTracking } from '../../helpers';

async function runsNamed(
  t: TrackingClient,
  names: string[],
  log: (name: string, i: number) => Record<string, string>,
): Promise<void> {
  for (const [i, name] of names.entries()) {
    const run = await t.startRun({ runName: name, startTime: 1_000 + i });
    const tags = log(name, i);
    if (Object.keys(tags).length > 0) await run.setTags(tags);
    await run.logParam('i', i);
    if (i % 2 === 0) await run.logParam('even', 'yes');
    run.logMetric('score', i % 3, 0);
    await run.end();
  }
}

const names = (runs: { info: { runName: string } }[]) => runs.map((r) => r.info.runName);

describe('IS NULL and IS NOT NULL', () => {
  it('test whether a run has a tag or a param, as MLflow does', async () => {
    const t = await freshTracking();
    await runsNamed(t, ['a', 'b', 'c', 'd'], (name): Record<string, string> =>
      name === 'b' || name === 'd' ? { note: `${name} is noted` } : {},
    );
    const search = async (filter: string) => names(await t.searchRuns({ filter, orderBy: ['attributes.run_name'] }));
    expect(await search('tags.note IS NULL')).toEqual(['a', 'c']);
    expect(await search('tags.note IS NOT NULL')).toEqual(['b', 'd']);
    expect(await search('params.even IS NOT NULL')).toEqual(['a', 'c']);
    expect(await search('params.even is null')).toEqual(['b', 'd']);
    expect(await search("params.even IS NULL AND tags.note IS NOT NULL AND params.i = '3'")).toEqual(['d']);
  });

  it('parse to a clause without a value', () => {
    expect(parseFilter('tags.version IS NULL')).toEqual([
      { kind: 'tag', key: 'version', comparator: 'IS NULL', value: null },
    ]);
    expect(parseFilter('params.lr IS NOT NULL')).toEqual([
      { kind: 'param', key: 'lr', comparator: 'IS NOT NULL', value: null },
    ]);
  });

  it.each([
    ['metrics.acc IS NULL', /only supported for tags and params, not for metric "acc"/],
    ['attribute.status IS NOT NULL', /only supported for tags and params, not for attribute "status"/],
    ["attribute.status IS 'RUNNING'", /Expected NULL or NOT NULL after IS at character 20/],
    ['tags.a IS NOT', /Expected NULL after IS NOT at character 13, found end of input/],
    ['foo is null', /Unknown attribute "foo"/],
  ])('refuse %s in words', (filter, message) => {
    expect(() => parseFilter(filter)).toThrow(SearchFilterError);
    expect(() => parseFilter(filter)).toThrow(message);
  });
});

describe('back-quoted entity prefixes', () => {
  it.each([
    ['`metric`.a >= 0.1', { kind: 'metric', key: 'a' }],
    ['`metrics`.`spacey name` > 5', { kind: 'metric', key: 'spacey name' }],
    ["`tags`.source_name = 'a notebook'", { kind: 'tag', key: 'source_name' }],
    ["`params`.model = 'LR'", { kind: 'param', key: 'model' }],
    ["`attributes`.status = 'FINISHED'", { kind: 'attribute', key: 'status' }],
  ])('%s reads the entity inside the backticks', (filter, expected) => {
    expect(parseFilter(filter)[0]).toMatchObject(expected);
  });

  it('finds runs through a back-quoted prefix', async () => {
    const t = await freshTracking();
    await runsNamed(t, ['a', 'b'], (name) => ({ source_name: name === 'a' ? 'a notebook' : 'a script' }));
    expect(names(await t.searchRuns({ filter: "`tags`.source_name = 'a notebook'" }))).toEqual(['a']);
    expect(names(await t.searchRuns({ filter: '`metric`.score >= 1' }))).toEqual(['b']);
  });

  it.each([
    ['`dummy`.A > 0.1', /Unknown entity type "dummy" at character 0/],
    ['`metrics`. > 1', /Expected a key after "metrics." at character 10/],
    ['`metrics.A > 0.1', /Unterminated back-quoted key/],
    ['param`.A > 0.1', /Unknown attribute "param"/],
  ])('refuses %s', (filter, message) => {
    expect(() => parseFilter(filter)).toThrow(message);
  });
});

describe('order_by entries with a space at either end', () => {
  it.each(['params.my_param ', ' params.my_param', 'metrics.acc DESC ', '\tstart_time'])(
    '"%s" is refused, as MLflow refuses it',
    (entry) => {
      expect(() => parseOrderBy([entry])).toThrow(/cannot start or end with a space/);
    },
  );

  it('spaces between the key and the direction, and inside quoted keys, are fine', () => {
    expect(parseOrderBy(['metrics."key1"  desc', 'params."my param " ASC', 'attributes.status   DESC'])).toEqual([
      { kind: 'metric', key: 'key1', ascending: false },
      { kind: 'param', key: 'my param ', ascending: true },
      { kind: 'attribute', key: 'status', ascending: false },
    ]);
  });
});

describe('max_results', () => {
  it(`is refused above MLflow's ${MAX_RESULTS_LIMIT.toLocaleString('en')}, and when not a whole number`, async () => {
    const t = await freshTracking();
    await expect(t.searchRuns({ maxResults: MAX_RESULTS_LIMIT + 1 })).rejects.toThrow(ValidationError);
    await expect(t.searchRuns({ maxResults: MAX_RESULTS_LIMIT + 1 })).rejects.toThrow(/at most 50000/);
    await expect(t.searchRuns({ maxResults: -1 })).rejects.toThrow(/whole number from 0 to 50000/);
    await expect(t.searchRuns({ maxResults: 2.5 })).rejects.toThrow(/whole number/);
    await expect(t.searchRuns({ maxResults: MAX_RESULTS_LIMIT })).resolves.toEqual([]);
  });

  it('limits the runs returned, and searchAllRuns returns every one', async () => {
    const t = await freshTracking();
    await runsNamed(t, ['a', 'b', 'c'], () => ({}));
    expect(names(await t.searchRuns({ maxResults: 2 }))).toEqual(['c', 'b']);
    expect(await t.searchRuns({ maxResults: 0 })).toEqual([]);
    expect(names(await t.searchAllRuns({ orderBy: ['run_name'] }))).toEqual(['a', 'b', 'c']);
  });
});

describe('paged search', () => {
  const all = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6'];

  async function pages(
    t: TrackingClient,
    options: { filter?: string; orderBy?: string[] },
    size: number,
  ): Promise<string[][]> {
    const out: string[][] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.searchRunsPage({ ...options, maxResults: size, pageToken });
      out.push(names(page.runs));
      pageToken = page.nextPageToken;
    } while (pageToken && out.length < 20);
    return out;
  }

  it('returns every matching run once, in the search order, page by page', async () => {
    const t = await freshTracking();
    await runsNamed(t, all, () => ({}));
    expect(await pages(t, {}, 3)).toEqual([['r6', 'r5', 'r4'], ['r3', 'r2', 'r1'], ['r0']]);
    expect(await pages(t, { orderBy: ['metrics.score DESC', 'run_name'] }, 2)).toEqual([
      ['r2', 'r5'],
      ['r1', 'r4'],
      ['r0', 'r3'],
      ['r6'],
    ]);
    expect(await pages(t, { filter: 'metrics.score > 0' }, 4)).toEqual([['r5', 'r4', 'r2', 'r1']]);
    const last = await t.searchRunsPage({ maxResults: 7 });
    expect(last.nextPageToken).toBeUndefined();
  });

  it('keeps its place when runs are started between two pages (MLflow offset tokens would repeat a run)', async () => {
    const t = await freshTracking();
    await runsNamed(t, all, () => ({}));
    const first = await t.searchRunsPage({ maxResults: 3 });
    expect(names(first.runs)).toEqual(['r6', 'r5', 'r4']);
    const newer = await t.startRun({ runName: 'newer', startTime: 5_000 });
    await newer.end();
    const second = await t.searchRunsPage({ maxResults: 3, pageToken: first.nextPageToken });
    expect(names(second.runs)).toEqual(['r3', 'r2', 'r1']);
    const third = await t.searchRunsPage({ maxResults: 3, pageToken: second.nextPageToken });
    expect(names(third.runs)).toEqual(['r0']);
  });

  it('keeps its place when the last run of a page is deleted before the next page', async () => {
    const t = await freshTracking();
    await runsNamed(t, all, () => ({}));
    const first = await t.searchRunsPage({ maxResults: 2 });
    await t.deleteRun(first.runs[1].info.runId);
    const second = await t.searchRunsPage({ maxResults: 2, pageToken: first.nextPageToken });
    expect(names(second.runs)).toEqual(['r4', 'r3']);
  });

  it('a page of 0 runs keeps the position it was asked for', async () => {
    const t = await freshTracking();
    await runsNamed(t, all, () => ({}));
    const empty = await t.searchRunsPage({ maxResults: 0 });
    expect(empty.runs).toEqual([]);
    const next = await t.searchRunsPage({ maxResults: 2, pageToken: empty.nextPageToken });
    expect(names(next.runs)).toEqual(['r6', 'r5']);
  });

  it('refuses a damaged token, or one from another search, in words', async () => {
    const t = await freshTracking();
    await runsNamed(t, all, () => ({}));
    const first = await t.searchRunsPage({ maxResults: 2, filter: "params.even = 'yes'" });
    expect(first.nextPageToken).toBeDefined();
    await expect(t.searchRunsPage({ maxResults: 2, pageToken: 'not base64!' })).rejects.toThrow(/Invalid page token/);
    await expect(t.searchRunsPage({ maxResults: 2, pageToken: btoa('{"offset": 2}') })).rejects.toThrow(
      /Invalid page token/,
    );
    await expect(t.searchRunsPage({ maxResults: 2, pageToken: first.nextPageToken })).rejects.toThrow(
      /belongs to a search with other/,
    );
    await expect(
      t.searchRunsPage({ maxResults: 2, filter: "params.even = 'yes'", pageToken: first.nextPageToken }),
    ).resolves.toMatchObject({
      runs: [expect.anything(), expect.anything()],
    });
  });
});
