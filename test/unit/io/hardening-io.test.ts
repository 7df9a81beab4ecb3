import { strFromU8, strToU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRuns, ImportError, importRuns } from '../../../src/io';
import { METADATA_FILE_LIMIT } from '../../../src/io/entry-checks';
import { ZipWriter } from '../../../src/io/zip-writer';
import { ownValue, type TrackingClient } from '../../../src/tracking';
import { freshTracking } from '../helpers';
import { RUN_FOLDER, tableCounts, validTree, zipOf } from '../io-helpers';

/** Issue 15 in the import/export layer: items 1, 2, 3, 5, 7 and 8, each refused in words or read exactly. */

async function importError(tracking: TrackingClient, zip: Blob): Promise<ImportError> {
  const before = await tableCounts(tracking);
  const error = await importRuns(tracking, zip).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect(await tableCounts(tracking)).toEqual(before);
  return error as ImportError;
}

const metricLines = (n: number) => Array.from({ length: n }, (_, i) => `${1000 + i} ${i / 2} ${i}\n`).join('');

/** A tabflow export of one registered model with one version, as files to tamper with. */
async function registryFiles(): Promise<Record<string, Uint8Array>> {
  const source = await freshTracking();
  const run = await source.startRun();
  await run.logArtifact('model/model.json', '{}');
  await run.end();
  await source.createRegisteredModel('net');
  await source.createModelVersion('net', run.id, 'model');
  const files = unzipSync(new Uint8Array(await (await exportRuns(source)).arrayBuffer()));
  source.close();
  return files;
}

describe('import hardening', () => {
  let tracking: TrackingClient;
  beforeEach(async () => {
    tracking = await freshTracking();
  });
  afterEach(() => tracking.close());

  it('item 1: params, tags, metrics, experiment tags and aliases named __proto__ or constructor are all imported', async () => {
    const files = await registryFiles();
    const model = 'mlruns/models/net';
    const tree: Record<string, Uint8Array | string> = { ...validTree() };
    for (const [path, data] of Object.entries(files)) if (path.startsWith(model)) tree[path] = data;
    Object.assign(tree, {
      [`${RUN_FOLDER}/params/__proto__`]: 'p',
      [`${RUN_FOLDER}/params/constructor`]: 'c',
      [`${RUN_FOLDER}/tags/__proto__`]: 't',
      [`${RUN_FOLDER}/metrics/__proto__`]: metricLines(13),
      [`${RUN_FOLDER}/metrics/toString`]: metricLines(2),
      'mlruns/123/tags/__proto__': 'e',
      [`${model}/aliases/__proto__`]: '1',
      [`${model}/tags/constructor`]: 'm',
    });
    const summary = await importRuns(tracking, zipOf(tree));
    expect(summary.metricPoints).toBe(2 + 13 + 2);
    const { data, info } = await tracking.getRun(RUN_FOLDER.split('/').pop()!);
    expect(ownValue(data.params, '__proto__')).toBe('p');
    expect(ownValue(data.params, 'constructor')).toBe('c');
    expect(ownValue(data.tags, '__proto__')).toBe('t');
    expect(ownValue(data.metrics, '__proto__')?.count).toBe(13);
    expect(ownValue(data.metrics, 'toString')?.count).toBe(2);
    expect(ownValue((await tracking.getExperiment(info.experimentId)).tags, '__proto__')).toBe('e');
    const registered = await tracking.getRegisteredModel('net');
    expect(ownValue(registered.aliases, '__proto__')).toBe(1);
    expect(ownValue(registered.tags, 'constructor')).toBe('m');
  });

  it('item 1: registry tags and aliases named after Object.prototype members survive export → import', async () => {
    const source = await freshTracking();
    const run = await source.startRun();
    await run.logArtifact('model/model.json', '{}');
    await run.end();
    await source.createRegisteredModel('net', {
      tags: Object.fromEntries([
        ['__proto__', 'p'],
        ['constructor', 'c'],
      ]),
    });
    await source.createModelVersion('net', run.id, 'model', { tags: Object.fromEntries([['toString', 't']]) });
    await source.setRegisteredModelAlias('net', '__proto__', 1);
    await source.setRegisteredModelAlias('net', 'valueOf', 1);
    await importRuns(tracking, await exportRuns(source));
    source.close();
    const model = await tracking.getRegisteredModel('net');
    expect(Object.entries(model.tags).sort()).toEqual([
      ['__proto__', 'p'],
      ['constructor', 'c'],
    ]);
    expect(Object.entries(model.aliases).sort()).toEqual([
      ['__proto__', 1],
      ['valueOf', 1],
    ]);
    const version = await tracking.getModelVersionByAlias('net', '__proto__');
    expect(version.aliases).toEqual(['__proto__', 'valueOf']);
    expect(Object.entries(version.tags)).toEqual([['toString', 't']]);
  });

  it('item 5: run ids PyYAML writes unquoted (e0000…, 12e4567…) are read as the strings they are', async () => {
    const ids = [
      'e0000000000000000000000000000000',
      '12e45670000000000000000000000000',
      '1e100000000000000000000000000000',
    ];
    const tree: Record<string, string> = {
      'mlruns/123/meta.yaml': validTree()['mlruns/123/meta.yaml'].replace('name: tiny', 'name: 1e5'),
    };
    for (const id of ids) {
      tree[`mlruns/123/${id}/meta.yaml`] =
        `artifact_uri: file:///x\nend_time: 5\nexperiment_id: '123'\nlifecycle_stage: active\nrun_id: ${id}\nrun_name: n\nrun_uuid: ${id}\nstart_time: 2\nstatus: 3\ntags: []\nuser_id: y\n`;
    }
    const summary = await importRuns(tracking, zipOf(tree));
    expect(summary.runs).toBe(3);
    for (const id of ids)
      expect((await tracking.getRun(id)).info).toMatchObject({ runId: id, runName: 'n', userId: 'y', endTime: 5 });
    expect(await tracking.getExperimentByName('1e5')).not.toBeNull();
  });

  it('item 7: a zip that names the same file twice is refused, naming it, and nothing is written', async () => {
    const zip = new ZipWriter();
    for (const [path, text] of Object.entries(validTree())) zip.add(path, text);
    zip.add('mlruns/123/meta.yaml', validTree()['mlruns/123/meta.yaml'].replace('name: tiny', 'name: other'));
    const error = await importError(tracking, await zip.finish());
    expect(error.message).toBe(
      "The import holds two files named 'mlruns/123/meta.yaml', so it is ambiguous which one to use. Remove one of them from the zip and import again.",
    );
  });

  it.each([
    ['a meta.yaml', 'mlruns/123/meta.yaml', (text: string) => `${text}# ${'x'.repeat(METADATA_FILE_LIMIT)}\n`],
    ['a 2-million-line meta.yaml', `${RUN_FOLDER}/meta.yaml`, (text: string) => text + 'a: 1\n'.repeat(2_000_000)],
    ['a param', `${RUN_FOLDER}/params/lr`, () => 'x'.repeat(METADATA_FILE_LIMIT + 1)],
  ])('item 8: %s over the metadata cap is refused before it is parsed', async (_, path, grow) => {
    const tree = validTree();
    tree[path] = grow(tree[path]);
    const error = await importError(tracking, zipOf(tree));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.file).toBe(path);
    expect(error.message).toMatch(/may hold at most 64 KiB, and MLflow's own are a few kB/);
  });

  it.each(['50%zz?x=1', 'abc', '<b>1</b>', '0123456789ABCDEF0123456789ABCDEF'])(
    'item 2: experiment id %j is refused',
    async (id) => {
      const tree: Record<string, string> = {};
      for (const [path, text] of Object.entries(validTree()))
        tree[path.replace('mlruns/123/', `mlruns/${id}/`)] = text.replace(/'123'/g, `'${id}'`);
      const error = await importError(tracking, zipOf(tree));
      expect(error.message).toContain("MLflow's experiment ids are digits or 32 hex characters");
    },
  );

  it('item 2: digit and 32-hex experiment ids are accepted', async () => {
    const id = '0123456789abcdef0123456789abcdef';
    const tree: Record<string, string> = {};
    for (const [path, text] of Object.entries(validTree()))
      tree[path.replace('mlruns/123/', `mlruns/${id}/`)] = text.replace(/'123'/g, `'${id}'`);
    expect((await importRuns(tracking, zipOf(tree))).runs).toBe(1);
    expect((await tracking.getExperimentByName('tiny'))?.experimentId).toBe(id);
  });

  it.each([
    [
      'an alias in meta.yaml named latest',
      (f: Record<string, Uint8Array>) =>
        yamlEdit(f, 'meta.yaml', (t) => t.replace(/aliases: .*/, 'aliases:\n  latest: 1')),
      "'latest' alias name (case insensitive) is reserved",
    ],
    [
      'an alias in meta.yaml that is markup',
      (f: Record<string, Uint8Array>) =>
        yamlEdit(f, 'meta.yaml', (t) => t.replace(/aliases: .*/, "aliases:\n  '<img src=x>': 1")),
      'Invalid alias name',
    ],
    [
      'an alias file named v2',
      (f: Record<string, Uint8Array>) => (f['mlruns/models/net/aliases/v2'] = strToU8('1')),
      "Version alias name 'v2' is reserved",
    ],
    [
      'a model tag with an invalid name',
      (f: Record<string, Uint8Array>) => (f['mlruns/models/net/tags/a<b>'] = strToU8('x')),
      'Invalid tag name',
    ],
    [
      'a version tag over 5,000 characters',
      (f: Record<string, Uint8Array>) => (f['mlruns/models/net/version-1/tags/t'] = strToU8('x'.repeat(5001))),
      'the limit is 5000',
    ],
  ])('item 3: registry data with %s is refused as the API would', async (_, tamper, message) => {
    const files = await registryFiles();
    tamper(files);
    const error = await importError(tracking, zipOf(files));
    expect(error.message).toContain(message);
  });
});

function yamlEdit(files: Record<string, Uint8Array>, name: string, edit: (text: string) => string): void {
  const path = `mlruns/models/net/${name}`;
  files[path] = strToU8(edit(strFromU8(files[path])));
}
