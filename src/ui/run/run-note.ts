import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { errorMessage, type AppServices } from '../services';
import { renderMarkdown } from './markdown';
import { runSectionStyles } from './run-styles';

/** MLflow keeps a run's description as markdown in this tag. */
export const NOTE_TAG = 'mlflow.note.content';

/**
 * The run's description: markdown rendered through renderMarkdown (raw HTML shown as text, output sanitized),
 * editable in a textarea.
 */
@customElement('run-note')
export class RunNote extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      .note { font-size: var(--tf-font-size); line-height: 1.5; overflow-wrap: anywhere; }
      .note :first-child { margin-top: 0; }
      .note :last-child { margin-bottom: 0; }
      .note pre { background: var(--tf-color-surface-2); padding: 8px; border-radius: 6px; overflow: auto; }
      textarea { width: 100%; min-height: 140px; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
      .row { display: flex; gap: 8px; margin-top: 8px; }
      h2 button { margin-left: auto; }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @property() note = '';
  @state() private editing = false;
  @state() private error = '';

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const text = new FormData(e.target as HTMLFormElement).get('note')?.toString() ?? '';
    try {
      await (await this.services.tracking.resumeRun(this.runId)).setTag(NOTE_TAG, text);
      this.editing = false;
      this.error = '';
    } catch (error) {
      this.error = `Could not save the description: ${errorMessage(error)}`;
    }
  }

  render() {
    return html`<h2>Description${this.editing ? nothing : html`<button @click=${() => (this.editing = true)}>${this.note ? 'Edit description' : 'Add description'}</button>`}</h2>
      ${
        this.editing
          ? html`<form @submit=${this.save}>
            <textarea name="note" aria-label="Description (markdown)" .value=${this.note}></textarea>
            <div class="row"><button class="primary" type="submit">Save description</button><button type="button" @click=${() => ((this.editing = false), (this.error = ''))}>Cancel</button></div>
          </form>`
          : this.note
            ? html`<div class="note" data-testid="run-note">${unsafeHTML(renderMarkdown(this.note))}</div>`
            : html`<p class="empty">No description. Notes are markdown and travel with the run in exports.</p>`
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-note': RunNote;
  }
}
