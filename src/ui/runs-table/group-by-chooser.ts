import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { touchTargets } from '../primitives/touch-targets';
import { groupKeyLabel } from './grouping';
import { OutsideClickController } from '../primitives/outside-click';

/**
 * "Group by": a button opening a checklist of the keys runs can be grouped by (params, tags, parent run). Keys
 * apply in the order they were ticked. It stores nothing: the page owns the choice (and puts it in the URL).
 *
 * @fires group-by-change - detail: the new list of group keys
 */
@customElement('group-by-chooser')
export class GroupByChooser extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { position: relative; display: inline-block; }
    .panel { position: absolute; left: 0; top: calc(100% + 4px); z-index: 10; width: 260px; max-height: 360px; overflow: auto; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); box-shadow: var(--tf-shadow-2); padding: var(--tf-space-2); }
    label { display: flex; gap: var(--tf-space-2); align-items: center; padding: 3px 4px; font-size: var(--tf-font-size-sm); border-radius: var(--tf-radius-sm); overflow-wrap: anywhere; }
    label:hover { background: var(--tf-color-surface-2); }
    button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
    button.active { border-color: var(--tf-color-accent); }
    .empty { color: var(--tf-color-text-muted); font-size: var(--tf-font-size-sm); padding: 4px; margin: 0; }
    .clear { margin-top: var(--tf-space-2); }
  `,
  ];

  /** Keys offered (see groupOptions). */
  @property({ attribute: false }) options: readonly string[] = [];
  /** Keys in use, in order. */
  @property({ attribute: false }) value: readonly string[] = [];
  @state() private open = false;

  // Closes the menu on a click elsewhere on the page.
  protected readonly outsideClick = new OutsideClickController(this, () => (this.open = false));

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
      ${
        this.open
          ? html`<div class="panel" id="group-panel" role="group" aria-label="Group by" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.open = false)}>
            ${options.length === 0 ? html`<p class="empty">These runs have no params or tags to group by.</p>` : nothing}
            ${options.map(
              (key) => html`<label><input type="checkbox" .checked=${this.value.includes(key)}
                @change=${(e: Event) => this.toggle(key, (e.target as HTMLInputElement).checked)} />${groupKeyLabel(key)}</label>`,
            )}
            ${this.value.length ? html`<button class="clear" @click=${() => this.change([])}>No grouping</button>` : nothing}
          </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'group-by-chooser': GroupByChooser;
  }
}
