import { css } from 'lit';
import { touchTargets } from './primitives/touch-targets';
import { buttonStyles, fieldStyles } from './primitives/controls';
import { modalDialogStyles } from './primitives/modal-dialog';

/**
 * Shared look of <export-dialog> and <import-dialog>: the modal of src/ui/primitives/modal-dialog.ts, their
 * trigger button, progress and outcome messages.
 */
export const ioDialogStyles = css`
  :host { display: inline-block; }
  ${buttonStyles}
  ${fieldStyles}
  ${modalDialogStyles}
  p { margin: var(--tf-space-2) 0; font-size: var(--tf-font-size); line-height: 1.45; }
  progress { width: 100%; height: 14px; }
  .error { background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); border: 1px solid var(--tf-color-danger); color: var(--tf-color-danger); padding: var(--tf-space-2) 10px; border-radius: var(--tf-radius); white-space: pre-wrap; word-break: break-word; }
  .done { background: color-mix(in srgb, var(--tf-color-success) 12%, var(--tf-color-surface)); border: 1px solid var(--tf-color-success); color: var(--tf-color-success); padding: var(--tf-space-2) 10px; border-radius: var(--tf-radius); }
  .muted { color: var(--tf-color-text-muted); font-size: var(--tf-font-size); }
  ${touchTargets}
`;
