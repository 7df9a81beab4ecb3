import { css } from 'lit';
import { touchTargets } from '../primitives/touch-targets';
import { buttonStyles } from '../primitives/controls';

/** The sweep panel's look, matching the Playground's forms. */
export const sweepStyles = css`
  fieldset { border: 1px solid var(--tf-color-border); border-radius: 8px; padding: 10px 12px 12px; margin: 0; display: grid; gap: 8px; background: var(--tf-color-surface); min-width: 0; }
  legend { font-weight: 600; font-size: var(--tf-font-size); padding: 0 4px; }
  label { display: grid; gap: 4px; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
  label.inline { display: flex; align-items: center; gap: 6px; color: var(--tf-color-text); font-size: var(--tf-font-size); }
  /* A long label wraps beside its box; the box keeps its size instead of shrinking to fit the text. */
  label.inline input { flex: none; }
  input, select { font: inherit; font-size: var(--tf-font-size); color: var(--tf-color-text); padding: 4px 6px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); min-width: 0; }
  ${buttonStyles}
  .row { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; }
  .error { margin: 0; color: var(--tf-color-danger); background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); border: 1px solid var(--tf-color-danger); border-radius: 6px; padding: 6px 8px; font-size: var(--tf-font-size); }
  .note { margin: 0; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
  a { color: var(--tf-color-accent); }
  ${touchTargets}
`;
