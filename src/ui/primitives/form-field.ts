import { css, html, nothing, type TemplateResult } from 'lit';

/** What the control of a field must carry so the label, hint and error belong to it. */
export interface FieldWiring {
  id: string;
  /** The hint's and the error's ids, for `aria-describedby`; `nothing` when there are neither. */
  describedBy: string | typeof nothing;
  invalid: 'true' | 'false';
}

export interface FormFieldOptions {
  /** Unique within the rendering component's shadow root. */
  id: string;
  label: string;
  hint?: string;
  /** When set, the control is marked invalid and the message is read with it. */
  error?: string | null;
  control: (wiring: FieldWiring) => TemplateResult;
}

/**
 * A form field: its label, the control, a hint under it and an error in words. A template (rendered into the
 * caller's shadow root) rather than an element, because `for` and `aria-describedby` resolve ids only inside
 * one shadow root: a wrapper element would cut the label and messages off from a slotted control.
 *
 *   ${formField({ id: 'name', label: 'Model name', hint: '…', error: this.nameError,
 *     control: (w) => html`<input id=${w.id} aria-describedby=${w.describedBy} aria-invalid=${w.invalid} />` })}
 */
export function formField({ id, label, hint, error, control }: FormFieldOptions): TemplateResult {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${control({ id, describedBy: describedBy || nothing, invalid: error ? 'true' : 'false' })}
    ${hint ? html`<span class="hint" id=${hintId}>${hint}</span>` : nothing}
    ${error ? html`<span class="field-error" id=${errorId} role="alert">${error}</span>` : nothing}
  </div>`;
}

/** The look of `formField`; include after `fieldStyles` in the component's styles. */
export const formFieldStyles = css`
  .field { display: grid; gap: var(--tf-space-1); min-width: 0; }
  .field label { font-size: var(--tf-font-size); color: var(--tf-color-text); font-weight: 600; }
  .field .hint { font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
  .field .field-error { font-size: var(--tf-font-size-sm); color: var(--tf-color-danger); }
  .field textarea[aria-invalid='true'] { border-color: var(--tf-color-danger); }
`;
