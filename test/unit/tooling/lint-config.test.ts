import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Lints sample sources at paths inside the tree with the project's own eslint.config.js, proving each import
 * boundary is enforced (each sample must be reported) and that code keeping to the rules passes.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return result.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }));
}

/** One import per line, so a report's line says which import it is about. */
async function reportedLines(path: string, imports: string[]): Promise<number[]> {
  const code = imports.map((from, i) => `import * as m${i} from '${from}';\nvoid m${i};`).join('\n');
  const messages = await lint(path, code);
  expect(
    messages.every((m) => m.rule === 'no-restricted-imports'),
    JSON.stringify(messages),
  ).toBe(true);
  return messages.map((m) => (m.line + 1) / 2 - 1);
}

const everyIndex = (list: unknown[]) => list.map((_, i) => i);

describe('eslint.config.js import boundaries', () => {
  it('src/ui never imports src/app, Dexie or tfjs', async () => {
    const imports = ['../app/router', '../../app/tabflow-app', 'dexie', '@tensorflow/tfjs'];
    expect(await reportedLines('src/ui/pages/sample-page.ts', imports)).toEqual(everyIndex(imports));
  });

  it('src/charts never imports src/ui or src/app', async () => {
    const imports = ['../ui/services', '../app/pages'];
    expect(await reportedLines('src/charts/sample-chart.ts', imports)).toEqual(everyIndex(imports));
  });

  it('src/tracking never imports Lit, uPlot, src/ui or tfjs', async () => {
    const imports = [
      'lit',
      'lit/decorators.js',
      '@lit/task',
      'uplot',
      '../ui/services',
      '../../ui/runs-table/csv',
      '@tensorflow/tfjs',
    ];
    expect(await reportedLines('src/tracking/search/sample.ts', imports)).toEqual(everyIndex(imports));
  });

  it('src/io, src/sweep and src/ml never import Lit or Dexie (io and sweep not tfjs either)', async () => {
    expect(await reportedLines('src/io/sample.ts', ['lit', 'dexie', '@tensorflow/tfjs'])).toEqual([0, 1, 2]);
    expect(await reportedLines('src/sweep/sample.ts', ['uplot', 'dexie'])).toEqual([0, 1]);
    expect(await reportedLines('src/ml/sample.ts', ['lit', 'dexie', '../ui/services'])).toEqual([0, 1, 2]);
  });

  it('workers never import Lit, uPlot, src/ui, src/app or Dexie', async () => {
    const imports = ['lit', 'uplot', '../src/ui/compare/history-reader', '../src/app/router', 'dexie'];
    expect(await reportedLines('workers/sample.worker.ts', imports)).toEqual(everyIndex(imports));
  });

  it('DOM-free folders may not touch page globals', async () => {
    const messages = await lint('src/tracking/sample.ts', 'export const title = () => document.title;\n');
    expect(messages).toMatchObject([{ rule: 'no-restricted-globals', line: 1 }]);
  });

  it('passes code that keeps to the directions', async () => {
    expect(
      await reportedLines('src/ui/pages/sample-page.ts', [
        'lit',
        '../../charts/decimate',
        '../../tracking',
        '../services',
      ]),
    ).toEqual([]);
    expect(await reportedLines('src/tracking/sample.ts', ['dexie', './db', '../shared/worker-bridge'])).toEqual([]);
    expect(
      await reportedLines('workers/sample.worker.ts', [
        '@tensorflow/tfjs',
        'comlink',
        '../src/tracking',
        '../src/ml/train',
      ]),
    ).toEqual([]);
    expect(await reportedLines('src/app/sample.ts', ['../ui/services', 'lit', '../tracking'])).toEqual([]);
  });

  it('applies the Lit rules to src/ui', async () => {
    const code =
      'import { html } from \'lit\';\nexport const view = (name: string) => html`<div ${name}="x"></div>`;\n';
    expect(await lint('src/ui/sample-view.ts', code)).toMatchObject([{ rule: 'lit/binding-positions' }]);
  });
});

describe('.prettierrc.json', () => {
  const check = async (path: string, code: string) => {
    const filepath = `${root}${path}`;
    const options = await prettier.resolveConfig(filepath, { editorconfig: false });
    return prettier.check(code, { ...options, filepath });
  };

  it('rejects unformatted code and accepts the project style (single quotes, trailing commas, 120 columns)', async () => {
    expect(await check('src/shared/sample.ts', 'export const a = {b:"x"}\n')).toBe(false);
    const longCall = `export const total = sum(${'first, second, third, fourth, fifth, sixth'}, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);\n`;
    expect(longCall.length).toBeGreaterThan(80);
    expect(await check('src/shared/sample.ts', longCall)).toBe(true);
    expect(await check('src/shared/sample.ts', "export const point = {\n  x: 'a',\n  y: 'b'\n};\n")).toBe(false);
    expect(await check('src/shared/sample.ts', "export const point = {\n  x: 'a',\n  y: 'b',\n};\n")).toBe(true);
  });

  it('leaves the CSS and HTML inside Lit templates as written', async () => {
    const code =
      "import { css, html } from 'lit';\nexport const styles = css`:host{display:block}`;\nexport const view = html`<p   class=\"a\">${'x'}</p>`;\n";
    expect(await check('src/ui/sample-view.ts', code)).toBe(true);
  });
});
