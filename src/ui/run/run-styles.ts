import { css } from 'lit';
import { cardStyles } from '../primitives/card';
import { narrowTables } from '../primitives/narrow-tables';
import { touchTargets } from '../primitives/touch-targets';
import { buttonStyles, fieldStyles } from '../primitives/controls';

/** The look shared by the run page's sections: a white card with a heading, compact tables, plain buttons. */
export const runSectionStyles = css`
  :host { display: block; ${cardStyles} min-width: 0; }
  h2 { font-size: var(--tf-font-size-lg); margin: 0 0 12px; display: flex; align-items: center; gap: 8px; }
  h2 .count { font-weight: 400; color: var(--tf-color-text-muted); font-size: var(--tf-font-size); }
  table { border-collapse: collapse; width: 100%; font-size: var(--tf-font-size); }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); vertical-align: top; overflow-wrap: anywhere; }
  th { color: var(--tf-color-text-muted); font-weight: 600; background: var(--tf-color-surface-2); }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  ${buttonStyles}
  ${fieldStyles}
  .empty { color: var(--tf-color-text-muted); font-size: var(--tf-font-size); margin: 0; }
  .error { color: var(--tf-color-danger); font-size: var(--tf-font-size); margin: 6px 0 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: var(--tf-font-size-sm); }
  ${touchTargets}
  ${narrowTables}
`;
