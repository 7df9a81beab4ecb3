import { css } from 'lit';
import { cardStyles } from '../primitives/card';
import { narrowTables } from '../primitives/narrow-tables';
import { touchTargets } from '../primitives/touch-targets';
import { buttonStyles, fieldStyles } from '../primitives/controls';

/** Shared look of the Settings sections: a card with a heading, text, buttons and tables. */
export const sectionStyles = css`
  :host { display: block; ${cardStyles} }
  h2 { font-size: var(--tf-font-size-lg); margin: 0 0 8px; }
  p { margin: 6px 0; font-size: var(--tf-font-size); line-height: 1.5; }
  .muted { color: var(--tf-color-text-muted); }
  .ok { color: var(--tf-color-success); }
  .warn { color: var(--tf-color-warning); }
  ${buttonStyles}
  ${fieldStyles}
  .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
  table { border-collapse: collapse; width: 100%; margin-top: 8px; font-size: var(--tf-font-size); }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
  meter { width: 100%; height: 16px; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  ${touchTargets}
  ${narrowTables}
`;
