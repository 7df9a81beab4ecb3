import { css } from 'lit';
import { touchTargets } from '../primitives/touch-targets';

/** The look shared by the Playground's forms: labelled fields in a grid, problems in red under them. */
export const formStyles = css`
  fieldset { border: 1px solid var(--tf-color-border); border-radius: 8px; padding: 10px 12px 12px; margin: 0; display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); background: var(--tf-color-surface); }
  legend { font-weight: 600; font-size: var(--tf-font-size); padding: 0 4px; }
  label { display: grid; gap: 4px; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
  label.wide { grid-column: 1 / -1; }
  input, select { font: inherit; font-size: var(--tf-font-size); color: var(--tf-color-text); padding: 4px 6px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); min-width: 0; }
  input[aria-invalid='true'] { border-color: var(--tf-color-danger); background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); }
  .checks { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 4px 14px; border: 0; padding: 0; }
  .checks label { display: flex; align-items: center; gap: 4px; color: var(--tf-color-text); font-size: var(--tf-font-size); }
  .problems { grid-column: 1 / -1; margin: 0; padding: 6px 8px 6px 24px; color: var(--tf-color-danger); background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); border: 1px solid var(--tf-color-danger); border-radius: 6px; font-size: var(--tf-font-size); }
  .note { grid-column: 1 / -1; margin: 0; font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
  ${touchTargets}
`;

/** A number typed into a field; an empty or unreadable field is NaN, which validation reports in words. */
export function numberOf(event: Event): number {
  const text = (event.target as HTMLInputElement).value.trim();
  return text === '' ? NaN : Number(text);
}
