import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { touchTargets } from '../primitives/touch-targets';
import { listViews, type NamedView, type SavedView } from './saved-views';

/**
 * "Save view" (asks for a name) and the "Views" list of an experiment's saved views. Stores nothing itself: the
 * page writes the tag and applies a view.
 *
 * @fires save-view - detail: the name typed
 * @fires open-view - detail: the SavedView to apply
 */
@customElement('saved-views-bar')
export class SavedViewsBar extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: flex; flex-wrap: wrap; align-items: center; gap: var(--tf-space-2); font-size: var(--tf-font-size); }
    button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
    form { display: flex; gap: var(--tf-space-2); align-items: center; }
    input { font: inherit; padding: 4px 8px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); color: var(--tf-color-text); }
    ul { display: flex; flex-wrap: wrap; gap: var(--tf-space-1) var(--tf-space-2); list-style: none; margin: 0; padding: 0; align-items: center; }
    .label { color: var(--tf-color-text-muted); }
    .view { border-radius: 16px; padding: 2px 10px; }
    .view[aria-disabled='true'] { color: var(--tf-color-text-muted); text-decoration: line-through; cursor: not-allowed; }
    .error { color: var(--tf-color-danger); margin: 0; flex-basis: 100%; }
  `,
  ];

  /** The experiment's tags (views are the `tabflow.view.*` ones). */
  @property({ attribute: false }) tags: Readonly<Record<string, string>> = {};
  /** List only the views that hold Compare's chart settings (on the Compare page, where only those apply). */
  @property({ type: Boolean }) chartsOnly = false;
  /** Shown under the bar: why the last save failed. */
  @property() error = '';
  @state() private naming = false;
  @state() private name = '';

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private save(e: SubmitEvent): void {
    e.preventDefault();
    this.emit('save-view', this.name);
    this.naming = false;
    this.name = '';
  }

  private viewButton(entry: NamedView) {
    return html`<li><button class="view" aria-disabled=${entry.view ? 'false' : 'true'} title=${entry.problem || `Open the view “${entry.name}”`}
      @click=${() => entry.view && this.emit('open-view', entry.view satisfies SavedView)}>${entry.name}</button></li>`;
  }

  render() {
    const views = listViews(this.tags).filter((v) => !this.chartsOnly || !v.view || v.view.charts);
    return html`
      ${
        this.naming
          ? html`<form aria-label="Save view" @submit=${this.save}>
            <input aria-label="View name" required .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.naming = false)} />
            <button type="submit">Save</button>
            <button type="button" @click=${() => (this.naming = false)}>Cancel</button>
          </form>`
          : html`<button @click=${() => (this.naming = true)}>Save view</button>`
      }
      ${views.length ? html`<span class="label" aria-hidden="true">Views:</span><ul aria-label="Views">${views.map((v) => this.viewButton(v))}</ul>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'saved-views-bar': SavedViewsBar;
  }
}
