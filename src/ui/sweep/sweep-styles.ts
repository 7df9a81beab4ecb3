import { css } from 'lit';

/** The sweep panel's look, matching the Playground's forms. */
export const sweepStyles = css`
  fieldset { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px 12px; margin: 0; display: grid; gap: 8px; background: #fff; min-width: 0; }
  legend { font-weight: 600; font-size: 14px; padding: 0 4px; }
  label { display: grid; gap: 4px; font-size: 13px; color: #57606a; }
  label.inline { display: flex; align-items: center; gap: 6px; color: #1c2128; font-size: 14px; }
  input, select { font: inherit; font-size: 14px; color: #1c2128; padding: 4px 6px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; min-width: 0; }
  button { font: inherit; font-size: 14px; font-weight: 600; padding: 6px 14px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; cursor: pointer; }
  button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
  button.danger { color: #cf222e; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  .row { display: flex; gap: 8px; align-items: end; flex-wrap: wrap; }
  .error { margin: 0; color: #82071e; background: #ffebe9; border: 1px solid #ff8182; border-radius: 6px; padding: 6px 8px; font-size: 13px; }
  .note { margin: 0; font-size: 13px; color: #57606a; }
  a { color: #0969da; }
`;
