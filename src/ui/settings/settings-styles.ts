import { css } from 'lit';
import { cardStyles } from '../primitives/card';
import { narrowTables } from '../primitives/narrow-tables';
import { touchTargets } from '../primitives/touch-targets';

/** Shared look of the Settings sections: a card with a heading, text, buttons and tables. */
export const sectionStyles = css`
  :host { display: block; ${cardStyles} }
  h2 { font-size: var(--tf-font-size-lg); margin: 0 0 8px; }
  p { margin: 6px 0; font-size: var(--tf-font-size); line-height: 1.5; }
  .muted { color: var(--tf-color-text-muted); }
  .ok { color: var(--tf-color-success); }
  .warn { color: var(--tf-color-warning); }
  button { font: inherit; font-size: var(--tf-font-size); padding: 5px 14px; border-radius: 6px; border: 1px solid var(--tf-color-border); background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
  button:hover:not(:disabled) { background: color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
  button:disabled { opacity: 0.6; cursor: default; }
  button.primary { background: var(--tf-color-accent); border-color: var(--tf-color-accent); color: var(--tf-color-on-accent); }
  button.danger { background: var(--tf-color-danger); border-color: var(--tf-color-danger); color: var(--tf-color-on-accent); }
  .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
  table { border-collapse: collapse; width: 100%; margin-top: 8px; font-size: var(--tf-font-size); }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
  meter { width: 100%; height: 16px; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  ${touchTargets}
  ${narrowTables}
`;
