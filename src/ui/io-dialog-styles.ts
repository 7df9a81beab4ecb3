import { css } from 'lit';

/** Shared look of <export-dialog> and <import-dialog>: a trigger button and a native modal <dialog>. */
export const ioDialogStyles = css`
  :host { display: inline-block; }
  button { font: inherit; font-size: 14px; padding: 5px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #fff; color: #24292f; cursor: pointer; }
  button:hover:not(:disabled) { background: #f3f4f6; }
  button:disabled { color: #8c959f; cursor: default; }
  button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
  button.primary:hover:not(:disabled) { background: #1a7f37; }
  button.primary:disabled { background: #94d3a2; color: #fff; }
  dialog { border: 1px solid #d0d7de; border-radius: 10px; padding: 20px 24px; width: min(520px, 92vw); box-shadow: 0 12px 32px rgba(0, 0, 0, 0.2); color: #1c2128; }
  dialog::backdrop { background: rgba(27, 31, 36, 0.45); }
  h2 { font-size: 18px; margin: 0 0 12px; }
  p { margin: 8px 0; font-size: 14px; line-height: 1.45; }
  progress { width: 100%; height: 14px; }
  .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
  .error { background: #ffebe9; border: 1px solid #ff8182; color: #82071e; padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; word-break: break-word; }
  .done { background: #dafbe1; border: 1px solid #4ac26b; color: #116329; padding: 8px 10px; border-radius: 6px; }
  .muted { color: #57606a; font-size: 13px; }
`;
