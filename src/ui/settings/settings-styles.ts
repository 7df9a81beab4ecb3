import { css } from 'lit';

/** Shared look of the Settings sections: a card with a heading, text, buttons and tables. */
export const sectionStyles = css`
  :host { display: block; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; }
  h2 { font-size: 16px; margin: 0 0 8px; }
  p { margin: 6px 0; font-size: 14px; line-height: 1.5; }
  .muted { color: #57606a; }
  .ok { color: #1a7f37; }
  .warn { color: #9a6700; }
  button { font: inherit; font-size: 14px; padding: 5px 14px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; color: #1c2128; cursor: pointer; }
  button:hover:not(:disabled) { background: #eaeef2; }
  button:disabled { opacity: 0.6; cursor: default; }
  button.primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
  button.danger { background: #cf222e; border-color: #cf222e; color: #fff; }
  .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
  table { border-collapse: collapse; width: 100%; margin-top: 8px; font-size: 14px; }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #eaeef2; }
  meter { width: 100%; height: 16px; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;
