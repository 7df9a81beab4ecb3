import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../export-dialog';
import '../mlflow/mlflow-push';
import { errorMessage, type AppServices } from '../services';
import { touchTargets } from '../primitives/touch-targets';
import { compareHref } from '../links';

/**
 * What to do with the selected runs: Compare, Delete (soft, after a confirmation) or Restore in the deleted
 * view, and Export (a zip in MLflow's layout, through <export-dialog>). Buttons stay present and disabled until enough runs are selected, so people find them.
 *
 * @fires selection-cleared - after the selected runs were deleted or restored
 */
@customElement('run-actions')
export class RunActions extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; font-size: var(--tf-font-size); }
    .count { color: var(--tf-color-text-muted); min-width: 90px; }
    button { font: inherit; padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); color: var(--tf-color-text); cursor: pointer; }
    button:hover:not(:disabled) { background: color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
    button:disabled { color: var(--tf-color-text-muted); cursor: default; }
    button.danger:not(:disabled) { color: var(--tf-color-danger); }
    .confirm { display: flex; gap: 8px; align-items: center; background: color-mix(in srgb, var(--tf-color-warning) 14%, var(--tf-color-surface)); border: 1px solid var(--tf-color-warning); border-radius: 6px; padding: 4px 8px; }
    .confirm button.danger { background: var(--tf-color-danger); color: var(--tf-color-on-accent); border-color: var(--tf-color-danger); }
    .error { color: var(--tf-color-danger); margin: 0; }
  `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property({ attribute: false }) selected: ReadonlySet<string> = new Set();
  /** The table lists deleted runs: offer Restore instead of Delete. */
  @property({ type: Boolean }) showDeleted = false;
  @state() private confirming = false;
  @state() private busy = false;
  @state() private error = '';

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('selected') || changed.has('showDeleted')) this.confirming = false;
  }

  private compare(): void {
    location.hash = compareHref(this.selected);
  }

  private async apply(action: (runId: string) => Promise<void>, verb: string): Promise<void> {
    this.busy = true;
    this.error = '';
    const ids = [...this.selected];
    let done = 0;
    try {
      for (const id of ids) {
        await action(id);
        done++;
      }
      this.dispatchEvent(new CustomEvent('selection-cleared', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = `Could not ${verb} every run (${done} of ${ids.length} done): ${errorMessage(error)}`;
    } finally {
      this.busy = false;
      this.confirming = false;
    }
  }

  render() {
    const count = this.selected.size;
    const tracking = this.services.tracking;
    return html`
      <span class="count" aria-live="polite">${count === 0 ? 'No runs selected' : `${count} selected`}</span>
      <button ?disabled=${count < 2} title="Select two or more runs to compare them" @click=${this.compare}>Compare</button>
      ${
        this.showDeleted
          ? html`<button ?disabled=${count === 0 || this.busy} @click=${() => this.apply((id) => tracking.restoreRun(id), 'restore')}>Restore</button>`
          : html`<button class="danger" ?disabled=${count === 0 || this.busy} @click=${() => (this.confirming = true)}>Delete</button>`
      }
      <export-dialog .services=${this.services} .runIds=${[...this.selected]} label="Export" ?disabled=${count === 0}></export-dialog>
      <mlflow-push .services=${this.services} .runIds=${[...this.selected]} ?disabled=${count === 0 || this.showDeleted}></mlflow-push>
      ${
        this.confirming
          ? html`<div class="confirm" role="group" aria-label="Confirm deleting runs">
            <span>Delete ${count} run${count === 1 ? '' : 's'}? They can be restored from “Show deleted runs”.</span>
            <button class="danger" ?disabled=${this.busy} @click=${() => this.apply((id) => tracking.deleteRun(id), 'delete')}>Delete ${count} run${count === 1 ? '' : 's'}</button>
            <button @click=${() => (this.confirming = false)}>Cancel</button>
          </div>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-actions': RunActions;
  }
}
