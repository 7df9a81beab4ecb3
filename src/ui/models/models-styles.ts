import { css } from 'lit';

/** Shared look of the Models page's parts. */
export const modelsStyles = css`
  h1 { font-size: 20px; margin: 0 0 12px; }
  h2 { font-size: 16px; margin: 20px 0 8px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #eaeef2; font-size: 14px; vertical-align: top; }
  th { color: #57606a; font-weight: 600; }
  a { color: #0969da; }
  .empty, .note { color: #57606a; }
  .error { color: #cf222e; margin: 4px 0; white-space: pre-wrap; }
  .chip { display: inline-flex; align-items: center; gap: 2px; background: #ddf4ff; color: #0550ae; border-radius: 12px; padding: 1px 4px 1px 8px; font-size: 12px; margin: 0 4px 2px 0; }
  .chip button { border: 0; background: transparent; cursor: pointer; color: inherit; font-size: 13px; padding: 0 4px; }
  .tag { display: inline-block; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: 0 6px; font-size: 12px; margin: 0 4px 2px 0; }
  button.small, form button { font: inherit; font-size: 13px; padding: 3px 10px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; cursor: pointer; }
  button.danger { color: #cf222e; }
  form.inline { display: flex; gap: 6px; align-items: end; flex-wrap: wrap; margin: 8px 0; }
  form.inline label { display: flex; flex-direction: column; font-size: 12px; color: #57606a; gap: 2px; }
  input, select, textarea { font: inherit; font-size: 14px; padding: 4px 6px; border: 1px solid #d0d7de; border-radius: 6px; }
  .description { white-space: pre-wrap; margin: 4px 0 8px; }
`;
