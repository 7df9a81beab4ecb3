import { css, html, nothing, type TemplateResult } from 'lit';

export interface ModalDialogOptions {
  /** Unique within the rendering component's shadow root; the heading's id is derived from it. */
  id: string;
  heading: string;
  body: TemplateResult | typeof nothing;
  /**
   * Escape or the Cancel button. The owner closes the dialog (`dialog.close()`) or keeps it open, say while work
   * that cannot be interrupted is still being saved.
   */
  onCancel: () => void;
  /** A confirmation: the dialog draws Cancel and this button; without it the body brings its own buttons. */
  confirm?: { label: string; onConfirm: () => void; danger?: boolean; disabled?: boolean; cancelLabel?: string };
}

/**
 * The one modal of the app: a native `<dialog>` for the owner to open with `showModal()`, so the browser traps
 * focus and makes the page behind it inert; named by its heading; Escape asks `onCancel` instead of closing on
 * its own. A template (rendered into the owner's shadow root) rather than an element, because a slotted body
 * would not be inside the dialog in the DOM: `aria-labelledby` ids and scoped queries such as
 * `getByRole('dialog').getByLabel(…)` stop at a shadow root. Style it with `modalDialogStyles` after `buttonStyles`.
 */
export function modalDialog({ id, heading, body, onCancel, confirm }: ModalDialogOptions): TemplateResult {
  const titleId = `${id}-title`;
  const escape = (e: Event) => {
    // The browser would close the dialog itself; the owner decides instead.
    e.preventDefault();
    onCancel();
  };
  return html`<dialog id=${id} class="modal" aria-labelledby=${titleId} @cancel=${escape}>
    <h2 id=${titleId}>${heading}</h2>
    ${body}
    ${
      confirm
        ? html`<div class="actions">
          <button type="button" @click=${onCancel}>${confirm.cancelLabel ?? 'Cancel'}</button>
          <button type="button" class=${confirm.danger ? 'danger' : 'primary'} ?disabled=${confirm.disabled ?? false} @click=${confirm.onConfirm}>${confirm.label}</button>
        </div>`
        : nothing
    }
  </dialog>`;
}

export const modalDialogStyles = css`
  dialog.modal { border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-lg); padding: var(--tf-space-4) var(--tf-space-5); width: min(520px, 92vw); box-sizing: border-box; box-shadow: var(--tf-shadow-2); color: var(--tf-color-text); background: var(--tf-color-surface); }
  dialog.modal::backdrop { background: color-mix(in srgb, var(--tf-color-bg) 70%, transparent); }
  dialog.modal > h2 { font-size: var(--tf-font-size-xl); margin: 0 0 var(--tf-space-3); }
  dialog.modal .actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: var(--tf-space-2); margin-top: var(--tf-space-4); }
`;
