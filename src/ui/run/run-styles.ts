import { css } from 'lit';

/** The look shared by the run page's sections: a white card with a heading, compact tables, plain buttons. */
export const runSectionStyles = css`
  :host { display: block; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; min-width: 0; }
  h2 { font-size: 16px; margin: 0 0 12px; display: flex; align-items: center; gap: 8px; }
  h2 .count { font-weight: 400; color: #57606a; font-size: 13px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #eaeef2; vertical-align: top; overflow-wrap: anywhere; }
  th { color: #57606a; font-weight: 600; background: #f6f8fa; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  button { font: inherit; font-size: 13px; padding: 4px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; color: #24292f; cursor: pointer; }
  button:hover:not(:disabled) { background: #eaeef2; }
  button.primary { background: #1f883d; color: #fff; border-color: #1a7f37; }
  input, textarea { font: inherit; font-size: 13px; padding: 5px 8px; border: 1px solid #d0d7de; border-radius: 6px; box-sizing: border-box; }
  .empty { color: #57606a; font-size: 13px; margin: 0; }
  .error { color: #cf222e; font-size: 13px; margin: 6px 0 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
`;
