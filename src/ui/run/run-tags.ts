import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage, type AppServices } from '../services';
import { NOTE_TAG } from './run-note';
import { runSectionStyles } from './run-styles';

/** MLflow reserves `mlflow.*` tags for itself; tabflow's own bookkeeping tags are read-only the same way. */
export const isSystemTag = (key: string) => key.startsWith('mlflow.') || key.startsWith('tabflow.');

/**
 * The run's tags: user tags can be added, changed and deleted, system tags are shown read-only. The note tag is edited
 * in the Description section instead.
 */
@customElement('run-tags')
export class RunTags extends LitElement {
  static styles = [
    runSectionStyles,
    css`
      td.value { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: var(--tf-font-size-sm); max-width: 520px; }
      .clip { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
      .system { display: inline-block; white-space: nowrap; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); border: 1px solid var(--tf-color-border); border-radius: 10px; padding: 0 6px; margin-left: 6px; }
      td.actions { width: 1%; white-space: nowrap; }
      form { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; margin-top: 12px; }
      form label { display: flex; flex-direction: column; gap: 2px; font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); }
      .edit { display: flex; gap: 6px; }
      .edit input { flex: 1; min-width: 160px; }
    `,
  ];

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @property({ attribute: false }) tags: Record<string, string> = {};
  @state() private editingKey: string | null = null;
  @state() private error = '';

  private async save(key: string, value: string): Promise<boolean> {
    this.error = '';
    try {
      if (!key.trim()) throw new Error('A tag needs a name.');
      if (isSystemTag(key))
        throw new Error(`Tags starting with “mlflow.” or “tabflow.” are set by the system and cannot be edited.`);
      const run = await this.services.tracking.resumeRun(this.runId);
      await run.setTag(key.trim(), value);
      return true;
    } catch (error) {
      this.error = `Could not save tag “${key}”: ${errorMessage(error)}`;
      return false;
    }
  }

  private async deleteTag(key: string): Promise<void> {
    this.error = '';
    try {
      await this.services.tracking.deleteTag(this.runId, key);
    } catch (error) {
      this.error = `Could not delete tag “${key}”: ${errorMessage(error)}`;
    }
  }

  private async submitEdit(e: SubmitEvent, key: string): Promise<void> {
    e.preventDefault();
    const value = new FormData(e.target as HTMLFormElement).get('value')?.toString() ?? '';
    if (await this.save(key, value)) this.editingKey = null;
  }

  private async submitNew(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    if (await this.save(data.get('key')?.toString() ?? '', data.get('value')?.toString() ?? '')) form.reset();
  }

  private row(key: string, value: string) {
    const system = isSystemTag(key);
    if (this.editingKey === key) {
      return html`<tr><td>${key}</td><td colspan="2">
        <form class="edit" @submit=${(e: SubmitEvent) => this.submitEdit(e, key)} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.editingKey = null)}>
          <input name="value" aria-label=${`Value of tag ${key}`} .value=${value} autofocus />
          <button class="primary" type="submit">Save</button>
          <button type="button" @click=${() => (this.editingKey = null)}>Cancel</button>
        </form>
      </td></tr>`;
    }
    return html`<tr>
      <td>${key}${system ? html`<span class="system" title="Set by the system; read-only">system</span>` : nothing}</td>
      <td class="value" title=${value}><span class="clip">${value}</span></td>
      <td class="actions">${
        system
          ? nothing
          : html`<button aria-label=${`Edit tag ${key}`} @click=${() => ((this.editingKey = key), (this.error = ''))}>Edit</button>
            <button aria-label=${`Delete tag ${key}`} @click=${() => this.deleteTag(key)}>Delete</button>`
      }</td>
    </tr>`;
  }

  render() {
    const entries = Object.entries(this.tags)
      .filter(([k]) => k !== NOTE_TAG)
      .sort(([a], [b]) => Number(isSystemTag(a)) - Number(isSystemTag(b)) || (a < b ? -1 : a > b ? 1 : 0));
    return html`<h2>Tags <span class="count">${entries.length}</span></h2>
      ${
        entries.length === 0
          ? html`<p class="empty">No tags.</p>`
          : html`<table aria-label="Tags">
            <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${entries.map(([k, v]) => this.row(k, v))}</tbody>
          </table>`
      }
      <form @submit=${this.submitNew} aria-label="Add a tag">
        <label>Tag name<input name="key" required maxlength="250" autocomplete="off" /></label>
        <label>Tag value<input name="value" maxlength="8000" autocomplete="off" /></label>
        <button type="submit">Add tag</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-tags': RunTags;
  }
}
