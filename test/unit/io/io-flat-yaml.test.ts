import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFlatYaml } from '../../../src/io/flat-yaml';
import { parseYamlMapping, toYaml } from '../../../src/io/meta-yaml';

/** What the general parser makes of a text, or that it refuses it. */
function full(text: string): unknown {
  try {
    return { value: parseYamlMapping(text, 'meta.yaml') };
  } catch {
    return 'refused';
  }
}

/** Pieces that make YAML mean something else: quotes, comments, indicators, nesting, line breaks of YAML 1.1. */
const TRICKY = [
  ': ',
  ' #',
  '#',
  "'",
  "''",
  '"',
  '-',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  '[]',
  '{}',
  ',',
  '&a',
  '*a',
  '!!str ',
  '|',
  '>',
  '%',
  '@',
  '`',
  ' ',
  '  ',
  '\t',
  '\r',
  '\n',
  '\n  ',
  '\u0085',
  '\u2028',
  '\ufeff',
  '~',
  'null',
  'Null',
  'NULL',
  'true',
  'y',
  'n',
  '1e3',
  '0x1F',
  '.inf',
  '.nan',
  '0123',
  '12e4567',
  'file:///C:/x',
  'é',
  '💡',
  'a',
  'key',
  '__proto__',
  '<<',
];
const fragment = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 6 }));
const scalarText = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join(''));

describe('readFlatYaml', () => {
  it('reads what the general parser reads, for anything tabflow or MLflow writes', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/),
          fc.oneof(
            scalarText,
            fc.constant(null),
            fc.integer().map(String),
            fc.constant(null).map(() => []),
          ),
          { maxKeys: 8 },
        ),
        (data) => {
          const text = toYaml(data);
          const flat = readFlatYaml(text);
          if (flat !== null) {
            taken += 1;
            expect({ value: flat }).toEqual(full(text));
          }
        },
      ),
      { numRuns: 2000 },
    );
    // The fast path must actually take most of what toYaml writes, or this test would prove nothing.
    expect(taken).toBeGreaterThan(1000);
  });

  it('never reads a text differently from the general parser: it gives the same mapping or leaves it to it', () => {
    const line = fc
      .tuple(
        fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), scalarText),
        fc.constantFrom(': ', ':', ' : ', ':  '),
        scalarText,
      )
      .map(([key, colon, value]) => `${key}${colon}${value}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.boolean(), (lines, newline) => {
        const text = lines.join('\n') + (newline ? '\n' : '');
        const flat = readFlatYaml(text);
        if (flat !== null) expect({ value: flat }).toEqual(full(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the meta.yaml files MLflow writes, and leaves nested or commented ones to the general parser', () => {
    const run =
      "artifact_uri: file:///C:/mlruns/1/abc/artifacts\nend_time: 1748096818445\nentry_point_name: ''\nexperiment_id: '370669430888648421'\n" +
      'lifecycle_stage: active\nrun_id: 1c0417ce914b446091744d2bf7b5cf6f\nrun_name: knn_12495e24\nsource_type: 4\nstatus: 3\ntags: []\nuser_id: danie\ndeleted_time: null\n';
    expect({ value: readFlatYaml(run) }).toEqual(full(run));
    expect(readFlatYaml(run)).toMatchObject({
      experiment_id: '370669430888648421',
      end_time: '1748096818445',
      tags: [],
    });
    expect(readFlatYaml("name: it''s\n")).toEqual({ name: "it''s" });
    expect(readFlatYaml("name: 'it''s'\n")).toEqual({ name: "it's" });
    for (const text of [
      'tags:\n  a: 1\n',
      'name: x # note\n',
      'name: "x"\n',
      'a: 1\na: 2\n',
      '',
      'name: *x\n',
      '- a\n',
    ])
      expect(readFlatYaml(text)).toBeNull();
  });
});
