import { css } from 'lit';

/**
 * The one look of buttons and form fields: a plain button, `.primary` (the page's main action, accent) and
 * `.danger` (destructive, filled red), the same focus ring, and fields in the theme's colours. Included in a
 * component's styles before its own rules, which may still adjust spacing.
 */
export const buttonStyles = css`
  button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
  button:hover:not(:disabled) { background: color-mix(in srgb, var(--tf-color-border) 55%, var(--tf-color-surface-2)); }
  button:disabled { opacity: 0.55; cursor: default; }
  button:focus-visible { outline: 2px solid var(--tf-color-focus); outline-offset: 2px; }
  button.primary { background: var(--tf-color-accent); border-color: var(--tf-color-accent); color: var(--tf-color-on-accent); }
  button.primary:hover:not(:disabled) { background: color-mix(in srgb, var(--tf-color-accent) 88%, var(--tf-color-text)); }
  button.danger { background: var(--tf-color-danger); border-color: var(--tf-color-danger); color: var(--tf-color-on-accent); }
`;

export const fieldStyles = css`
  input, select, textarea { font: inherit; font-size: var(--tf-font-size); color: var(--tf-color-text); padding: 4px 8px; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); background: var(--tf-color-surface); box-sizing: border-box; }
  input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid var(--tf-color-focus); outline-offset: 1px; }
  input[aria-invalid='true'] { border-color: var(--tf-color-danger); }
`;
