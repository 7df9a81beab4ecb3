import { css } from 'lit';

/** The look shared by the Playground's forms: labelled fields in a grid, problems in red under them. */
export const formStyles = css`
  fieldset { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px 12px; margin: 0; display: grid; gap: 10px; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); background: #fff; }
  legend { font-weight: 600; font-size: 14px; padding: 0 4px; }
  label { display: grid; gap: 4px; font-size: 13px; color: #57606a; }
  label.wide { grid-column: 1 / -1; }
  input, select { font: inherit; font-size: 14px; color: #1c2128; padding: 4px 6px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; min-width: 0; }
  input[aria-invalid='true'] { border-color: #cf222e; background: #fff5f5; }
  .checks { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 4px 14px; border: 0; padding: 0; }
  .checks label { display: flex; align-items: center; gap: 4px; color: #1c2128; font-size: 14px; }
  .problems { grid-column: 1 / -1; margin: 0; padding: 6px 8px 6px 24px; color: #82071e; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; font-size: 13px; }
  .note { grid-column: 1 / -1; margin: 0; font-size: 13px; color: #57606a; }
`;

/** A number typed into a field; an empty or unreadable field is NaN, which validation reports in words. */
export function numberOf(event: Event): number {
  const text = (event.target as HTMLInputElement).value.trim();
  return text === '' ? NaN : Number(text);
}
