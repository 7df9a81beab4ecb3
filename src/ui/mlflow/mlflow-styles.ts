import { css } from 'lit';
import { touchTargets } from '../primitives/touch-targets';

/** Shared look of the MLflow push, pull and outbox elements: compact panels that sit in toolbars and dialogs. */
export const mlflowStyles = css`
  :host { font-size: var(--tf-font-size); color: var(--tf-color-text); }
  button { font: inherit; padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm, 6px); background: var(--tf-color-surface); color: var(--tf-color-text); cursor: pointer; }
  button:hover:not(:disabled) { background: var(--tf-color-surface-2); }
  button:disabled { color: var(--tf-color-text-muted); cursor: default; }
  button.primary { background: var(--tf-color-accent); border-color: var(--tf-color-accent); color: var(--tf-color-on-accent); }
  .panel { display: flex; flex-direction: column; gap: var(--tf-space-2); margin-top: var(--tf-space-2); padding: var(--tf-space-2) var(--tf-space-3); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); background: var(--tf-color-surface); }
  .row { display: flex; flex-wrap: wrap; gap: var(--tf-space-2); align-items: center; }
  progress { width: 100%; height: 12px; }
  ul { margin: 0; padding-left: var(--tf-space-5); }
  li { margin: var(--tf-space-1) 0; line-height: 1.4; overflow-wrap: anywhere; }
  .error { color: var(--tf-color-danger); margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .ok { color: var(--tf-color-success); }
  .warn { color: var(--tf-color-warning); }
  .muted { color: var(--tf-color-text-muted); }
  h3 { font-size: var(--tf-font-size); margin: 0; }
  ${touchTargets}
`;
