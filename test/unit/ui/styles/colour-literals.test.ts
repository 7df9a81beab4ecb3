import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Colours come from the design tokens (src/ui/styles/tokens.ts), so both themes and presentation mode reach every
 * component. A raw colour anywhere else fails this test with its file and line.
 */
const ROOT = join(__dirname, '../../../..');

/** Files allowed to spell colours, and why. */
const ALLOWED: Record<string, string> = {
  'src/ui/styles/tokens.ts': 'the tokens themselves',
  'src/charts/run-colors.ts': "the charts' per-run palette (data colours, the same in every theme)",
  'src/ml/boundary-palette.ts': 'decision-boundary pictures: a data palette shared with the PNGs runs store',
  'src/ml/boundary-scene.ts': 'draws the PNG a run stores, which must look the same in every theme',
  'src/ui/images/digit-draw.ts': "a drawing canvas whose ink is read back as the model's input pixels",
};

const HEX = /(?<![\w&/])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b/g;
const FUNCTION = /\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(/g;
const NAMED =
  /(?:color|background|border|fill|stroke|outline|shadow)[\w-]*\s*[:=]\s*["']?[^;"'\n]*\b(?:white|black|red|green|blue|gr[ae]y|orange|yellow|purple|silver|navy)\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|css|html)$/.test(name) ? [path] : [];
  });
}

/** `file:line: text` for every colour literal in `text`. */
function findColourLiterals(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const pattern of [HEX, FUNCTION, NAMED]) {
      for (const match of line.matchAll(pattern)) found.push(`${file}:${i + 1}: ${match[0]}`);
    }
  });
  return found;
}

describe('colour literals', () => {
  it('appear only in the token file and the data palettes', () => {
    const found = sourceFiles(join(ROOT, 'src'))
      .map((path) => relative(ROOT, path).split('\\').join('/'))
      .filter((file) => !(file in ALLOWED))
      .flatMap((file) => findColourLiterals(file, readFileSync(join(ROOT, file), 'utf8')));
    const indexStyle = /<style>([\s\S]*?)<\/style>/.exec(readFileSync(join(ROOT, 'index.html'), 'utf8'))?.[1] ?? '';
    found.push(...findColourLiterals('index.html <style>', indexStyle));
    expect(found, `Use a --tf-color-* token (src/ui/styles/tokens.ts) instead of:\n${found.join('\n')}`).toEqual([]);
  });

  it('are found in each spelling, with file and line', () => {
    const text = [
      'a { color: #1c2128; }',
      "ctx.fillStyle = 'rgba(0, 0, 0, .2)';",
      'b { background: white; }',
      'href="#/models"',
    ].join('\n');
    expect(findColourLiterals('x.ts', text)).toEqual(['x.ts:1: #1c2128', 'x.ts:2: rgba(', 'x.ts:3: background: white']);
  });
});
