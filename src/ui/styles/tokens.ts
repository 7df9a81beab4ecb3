/**
 * The design tokens: every colour, space, radius, type size and shadow the components use, as CSS custom
 * properties on :root (they inherit into every shadow root). This is the only file with raw colour literals
 * besides the charts' run palette; a unit test (test/unit/design-colour-literals.test.ts) keeps it that way.
 *
 * Themes: light by default; dark when the system prefers it, unless <html data-theme="light|dark"> (Settings →
 * Theme) overrides it. <html data-presentation> (the header's "Presentation mode") enlarges type and raises
 * contrast for projectors, in either theme.
 */

export type TokenMap = Readonly<Record<`--tf-${string}`, string>>;

/** Everything that does not change with the theme. */
export const SHARED_TOKENS: TokenMap = {
  '--tf-space-1': '4px',
  '--tf-space-2': '8px',
  '--tf-space-3': '12px',
  '--tf-space-4': '16px',
  '--tf-space-5': '24px',
  '--tf-space-6': '32px',
  '--tf-radius-sm': '4px',
  '--tf-radius': '6px',
  '--tf-radius-lg': '8px',
  '--tf-font-size-sm': '12px',
  '--tf-font-size': '14px',
  '--tf-font-size-lg': '16px',
  '--tf-font-size-xl': '20px',
  '--tf-font-mono': "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, monospace",
};

// Contrast: text, muted text, accent, danger, success and warning each reach 4.5:1 on bg, surface and surface-2;
// on-accent reaches 4.5:1 on accent, danger and success (buttons fill with those).
export const LIGHT_TOKENS: TokenMap = {
  '--tf-color-bg': '#f6f8fa',
  '--tf-color-surface': '#ffffff',
  '--tf-color-surface-2': '#f0f3f6',
  '--tf-color-text': '#1c2128',
  '--tf-color-text-muted': '#57606a',
  '--tf-color-border': '#d0d7de',
  '--tf-color-accent': '#0860ca',
  '--tf-color-on-accent': '#ffffff',
  '--tf-color-danger': '#c11f2a',
  '--tf-color-success': '#116329',
  '--tf-color-warning': '#875a00',
  '--tf-color-focus': '#0860ca',
  '--tf-shadow-1': '0 1px 3px rgba(31, 35, 40, 0.12)',
  '--tf-shadow-2': '0 8px 24px rgba(66, 74, 83, 0.2)',
};

export const DARK_TOKENS: TokenMap = {
  '--tf-color-bg': '#0d1117',
  '--tf-color-surface': '#161b22',
  '--tf-color-surface-2': '#21262d',
  '--tf-color-text': '#e6edf3',
  '--tf-color-text-muted': '#9da7b3',
  '--tf-color-border': '#3d444d',
  '--tf-color-accent': '#58a6ff',
  '--tf-color-on-accent': '#0d1117',
  '--tf-color-danger': '#ff7b72',
  '--tf-color-success': '#3fb950',
  '--tf-color-warning': '#d29922',
  '--tf-color-focus': '#58a6ff',
  '--tf-shadow-1': '0 1px 3px rgba(1, 4, 9, 0.6)',
  '--tf-shadow-2': '0 8px 24px rgba(1, 4, 9, 0.75)',
};

/** Presentation mode: type a projector's back row can read. */
export const PRESENTATION_TOKENS: TokenMap = {
  '--tf-font-size-sm': '15px',
  '--tf-font-size': '18px',
  '--tf-font-size-lg': '21px',
  '--tf-font-size-xl': '26px',
};

/** Presentation mode's higher contrast: muted text and borders move towards the text colour. */
export const PRESENTATION_LIGHT_TOKENS: TokenMap = {
  '--tf-color-text': '#000000',
  '--tf-color-text-muted': '#32383f',
  '--tf-color-border': '#6e7781',
};

export const PRESENTATION_DARK_TOKENS: TokenMap = {
  '--tf-color-text': '#ffffff',
  '--tf-color-text-muted': '#d1d7e0',
  '--tf-color-border': '#8b949e',
};

function block(selector: string, tokens: TokenMap, extra = ''): string {
  const lines = Object.entries(tokens).map(([name, value]) => `  ${name}: ${value};`);
  return `${selector} {\n${lines.join('\n')}${extra ? `\n  ${extra}` : ''}\n}`;
}

const DARK_OVERRIDDEN = ':root[data-theme="dark"]';
const DARK_BY_SYSTEM = ':root:not([data-theme="light"])';

/** The whole token sheet as CSS text: light, dark (by system or by choice), presentation. */
export function tokenCss(): string {
  return [
    block(':root', { ...SHARED_TOKENS, ...LIGHT_TOKENS }, 'color-scheme: light;'),
    `@media (prefers-color-scheme: dark) {\n${block(DARK_BY_SYSTEM, DARK_TOKENS, 'color-scheme: dark;')}\n}`,
    block(DARK_OVERRIDDEN, DARK_TOKENS, 'color-scheme: dark;'),
    block(':root[data-presentation]', { ...PRESENTATION_TOKENS, ...PRESENTATION_LIGHT_TOKENS }),
    `@media (prefers-color-scheme: dark) {\n${block(`${DARK_BY_SYSTEM}[data-presentation]`, PRESENTATION_DARK_TOKENS)}\n}`,
    block(`${DARK_OVERRIDDEN}[data-presentation]`, PRESENTATION_DARK_TOKENS),
    BASE_CSS,
  ].join('\n');
}

/** The document's own look, which index.html's inline style only approximates until this sheet arrives. */
const BASE_CSS = `
html, body {
  margin: 0;
  min-height: 100%;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  font-size: var(--tf-font-size);
  color: var(--tf-color-text);
  background: var(--tf-color-bg);
}
`;

let adopted: CSSStyleSheet | null = null;

/** Adopts the token sheet into the document, once. */
export function installTokens(doc: Document = document): void {
  if (adopted) return;
  adopted = new CSSStyleSheet();
  adopted.replaceSync(tokenCss());
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, adopted];
}
