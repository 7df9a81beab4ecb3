import { css } from 'lit';
import { narrowTables } from '../primitives/narrow-tables';
import { touchTargets } from '../primitives/touch-targets';
import { buttonStyles, fieldStyles } from '../primitives/controls';

/** Shared look of the Models page's parts. */
export const modelsStyles = css`
  h1 { font-size: var(--tf-font-size-xl); margin: 0 0 12px; }
  h2 { font-size: var(--tf-font-size-lg); margin: 20px 0 8px; }
  table { border-collapse: collapse; width: 100%; background: var(--tf-color-surface); }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); font-size: var(--tf-font-size); vertical-align: top; }
  th { color: var(--tf-color-text-muted); font-weight: 600; }
  /* Links look as on the other pages: plain in tables and headings, underlined only inside running text. */
  a { color: var(--tf-color-accent); text-decoration: none; }
  a:hover, a:focus-visible, p a { text-decoration: underline; text-underline-offset: 2px; }
  .empty, .note { color: var(--tf-color-text-muted); }
  .error { color: var(--tf-color-danger); margin: 4px 0; white-space: pre-wrap; }
  .chip { display: inline-flex; align-items: center; gap: 2px; background: color-mix(in srgb, var(--tf-color-accent) 12%, var(--tf-color-surface)); color: var(--tf-color-accent); border-radius: 12px; padding: 1px 4px 1px 8px; font-size: var(--tf-font-size-sm); margin: 0 4px 2px 0; }
  .chip button { border: 0; background: transparent; cursor: pointer; color: inherit; font-size: var(--tf-font-size); padding: 0 4px; }
  .tag { display: inline-block; background: var(--tf-color-surface-2); border: 1px solid var(--tf-color-border); border-radius: 4px; padding: 0 6px; font-size: var(--tf-font-size-sm); margin: 0 4px 2px 0; }
  ${buttonStyles}
  ${fieldStyles}
  form.inline { display: flex; gap: 6px; align-items: end; flex-wrap: wrap; margin: 8px 0; }
  form.inline label { display: flex; flex-direction: column; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); gap: 2px; }
  .description { white-space: pre-wrap; margin: 4px 0 8px; }
  ${touchTargets}
  ${narrowTables}
`;
