import { css } from 'lit';
import { touchTargets } from './primitives/touch-targets';
import { buttonStyles, fieldStyles } from './primitives/controls';

/** Shared look of <export-dialog> and <import-dialog>: a trigger button and a native modal <dialog>. */
export const ioDialogStyles = css`
  :host { display: inline-block; }
  ${buttonStyles}
  ${fieldStyles}
  dialog { border: 1px solid var(--tf-color-border); border-radius: 10px; padding: 20px 24px; width: min(520px, 92vw); box-shadow: var(--tf-shadow-2); color: var(--tf-color-text); background: var(--tf-color-surface); }
  dialog::backdrop { background: color-mix(in srgb, var(--tf-color-bg) 70%, transparent); }
  h2 { font-size: var(--tf-font-size-xl); margin: 0 0 12px; }
  p { margin: 8px 0; font-size: var(--tf-font-size); line-height: 1.45; }
  progress { width: 100%; height: 14px; }
  .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
  .error { background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); border: 1px solid var(--tf-color-danger); color: var(--tf-color-danger); padding: 8px 10px; border-radius: 6px; white-space: pre-wrap; word-break: break-word; }
  .done { background: color-mix(in srgb, var(--tf-color-success) 12%, var(--tf-color-surface)); border: 1px solid var(--tf-color-success); color: var(--tf-color-success); padding: 8px 10px; border-radius: 6px; }
  .muted { color: var(--tf-color-text-muted); font-size: var(--tf-font-size); }
  ${touchTargets}
`;
