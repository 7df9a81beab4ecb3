import { describe, expect, it } from 'vitest';
import { DARK_TOKENS, LIGHT_TOKENS, SHARED_TOKENS, tokenCss } from '../../../../src/ui/styles/tokens';

// The names other components already use (the project's design-token contract).
const COLOURS = [
  'bg',
  'surface',
  'surface-2',
  'text',
  'text-muted',
  'border',
  'accent',
  'on-accent',
  'danger',
  'success',
  'warning',
  'focus',
];
const SHARED = [
  ...[1, 2, 3, 4, 5, 6].map((n) => `--tf-space-${n}`),
  '--tf-radius-sm',
  '--tf-radius',
  '--tf-radius-lg',
  '--tf-font-size-sm',
  '--tf-font-size',
  '--tf-font-size-lg',
  '--tf-font-size-xl',
  '--tf-font-mono',
];

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('design tokens', () => {
  it('define every contract name, colours in both themes', () => {
    for (const name of COLOURS.map((c) => `--tf-color-${c}`).concat('--tf-shadow-1', '--tf-shadow-2')) {
      expect(LIGHT_TOKENS, name).toHaveProperty([name]);
      expect(DARK_TOKENS, name).toHaveProperty([name]);
    }
    for (const name of SHARED) expect(SHARED_TOKENS, name).toHaveProperty([name]);
  });

  it.each([
    ['light', LIGHT_TOKENS],
    ['dark', DARK_TOKENS],
  ] as const)('reach 4.5:1 text contrast in the %s theme', (_theme, t) => {
    for (const ground of ['--tf-color-bg', '--tf-color-surface', '--tf-color-surface-2'] as const) {
      for (const ink of [
        '--tf-color-text',
        '--tf-color-text-muted',
        '--tf-color-accent',
        '--tf-color-danger',
        '--tf-color-success',
        '--tf-color-warning',
      ] as const) {
        expect(contrast(t[ink], t[ground]), `${ink} on ${ground}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    for (const fill of ['--tf-color-accent', '--tf-color-danger', '--tf-color-success'] as const) {
      expect(contrast(t['--tf-color-on-accent'], t[fill]), `on-accent on ${fill}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('switch to dark by system preference unless the page chose light, and by choice', () => {
    const text = tokenCss();
    expect(text).toContain('@media (prefers-color-scheme: dark) {\n:root:not([data-theme="light"]) {');
    expect(text).toContain(':root[data-theme="dark"] {');
    expect(text).toContain(':root[data-presentation] {');
  });
});
