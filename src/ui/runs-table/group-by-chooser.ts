import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { groupKeyLabel } from './grouping';

/**
 * "Group by": a button opening a checklist of the keys runs can be grouped by (params, tags, parent run). Keys
 * apply in the order they were ticked. It stores nothing: the page owns the choice (and puts it in the URL).
 *
 * @fires group-by-change - detail: the new list of group keys
 */
@customElement('group-by-chooser')
export class GroupByChooser extends LitElement {
  static styles = css`
    :host { position: relative; display: inline-block; }
    .panel { position: absolute; left: 0; top: calc(100% + 4px); z-index: 10; width: 260px; max-height: 360px; overflow: auto; background: var(--tf-color-surface, #fff); border: 1px solid var(--tf-color-border, #d0d7de); border-radius: var(--tf-radius, 8px); box-shadow: var(--tf-shadow-2, 0 8px 24px rgba(0,0,0,.2)); padding: var(--tf-space-2, 8px); }
    label { display: flex; gap: var(--tf-space-2, 8px); align-items: center; padding: 3px 4px; font-size: var(--tf-font-size-sm, 13px); border-radius: var(--tf-radius-sm, 4px); overflow-wrap: anywhere; }
    label:hover { background: var(--tf-color-surface-2, #f6f8fa); }
    button { font: inherit; font-size: var(--tf-font-size-sm, 13px); padding: 5px 12px; border: 1px solid var(--tf-color-border, #d0d7de); border-radius: var(--tf-radius, 6px); background: var(--tf-color-surface, #fff); color: var(--tf-color-text, #24292f); cursor: pointer; }
    button.active { border-color: var(--tf-color-accent, #0969da); }
    .empty { color: var(--tf-color-text-muted, #57606a); font-size: var(--tf-font-size-sm, 13px); padding: 4px; margin: 0; }
    .clear { margin-top: var(--tf-space-2, 8px); }
  `;

  /** Keys offered (see groupOptions). */
  @property({ attribute: false }) options: readonly string[] = [];
  /** Keys in use, in order. */
  @property({ attribute: false }) value: readonly string[] = [];
  @state() private open = false;

  private readonly closeOnOutsideClick = (e: MouseEvent) => {
    if (!e.composedPath().includes(this)) this.open = false;
  };

  connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.closeOnOutsideClick);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.closeOnOutsideClick);
  }

  private change(next: string[]): void {
    this.dispatchEvent(new CustomEvent('group-by-change', { detail: next, bubbles: true, composed: true }));
  }

  private toggle(key: string, on: boolean): void {
    this.change(on ? [...this.value.filter((k) => k !== key), key] : this.value.filter((k) => k !== key));
  }

  render() {
    const summary = this.value.length ? `: ${this.value.map(groupKeyLabel).join(', ')}` : '';
    // Keys in use stay listed even when the runs shown no longer have them, so they can be unticked.
    const options = [...new Set([...this.options, ...this.value])];
    return html`<button class=${this.value.length ? 'active' : ''} aria-expanded=${this.open ? 'true' : 'false'} aria-controls="group-panel"
        aria-label=${`Group by${summary}`} @click=${() => (this.open = !this.open)}>Group by${summary}</button>
      ${this.open
        ? html`<div class="panel" id="group-panel" role="group" aria-label="Group by" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.open = false)}>
            ${options.length === 0 ? html`<p class="empty">These runs have no params or tags to group by.</p>` : nothing}
            ${options.map(
              (key) => html`<label><input type="checkbox" .checked=${this.value.includes(key)}
                @change=${(e: Event) => this.toggle(key, (e.target as HTMLInputElement).checked)} />${groupKeyLabel(key)}</label>`,
            )}
            ${this.value.length ? html`<button class="clear" @click=${() => this.change([])}>No grouping</button>` : nothing}
          </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'group-by-chooser': GroupByChooser;
  }
}
