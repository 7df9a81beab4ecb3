import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Column } from './columns';
import { touchTargets } from '../primitives/touch-targets';
import { OutsideClickController } from '../primitives/outside-click';

/**
 * A "Columns" button opening a checklist of the table's optional columns. It stores nothing itself: the page
 * remembers the choice per experiment.
 *
 * @fires hidden-columns-change - detail: the new Set of hidden column ids
 */
@customElement('column-chooser')
export class ColumnChooser extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { position: relative; display: inline-block; }
    .panel { position: absolute; right: 0; top: calc(100% + 4px); z-index: 10; width: 280px; max-height: 360px; overflow: auto; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 8px; box-shadow: var(--tf-shadow-2); padding: 8px; }
    .actions { display: flex; gap: 8px; padding: 4px 4px 8px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); margin-bottom: 4px; }
    h3 { font-size: var(--tf-font-size-sm); text-transform: uppercase; color: var(--tf-color-text-muted); margin: 8px 4px 4px; }
    label { display: flex; gap: 8px; align-items: center; padding: 3px 4px; font-size: var(--tf-font-size); border-radius: 4px; overflow-wrap: anywhere; }
    label:hover { background: var(--tf-color-surface-2); }
    button { font: inherit; font-size: var(--tf-font-size); padding: 5px 12px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); cursor: pointer; }
    .actions button { padding: 2px 8px; font-size: var(--tf-font-size-sm); }
    .empty { color: var(--tf-color-text-muted); font-size: var(--tf-font-size); padding: 4px; margin: 0; }
  `,
  ];

  @property({ attribute: false }) columns: Column[] = [];
  @property({ attribute: false }) hiddenIds: ReadonlySet<string> = new Set();
  @state() private open = false;

  // Closes the menu on a click elsewhere on the page.
  protected readonly outsideClick = new OutsideClickController(this, () => (this.open = false));

  private change(hidden: Set<string>): void {
    this.dispatchEvent(new CustomEvent('hidden-columns-change', { detail: hidden, bubbles: true, composed: true }));
  }

  private toggle(id: string, shown: boolean): void {
    const hidden = new Set(this.hiddenIds);
    if (shown) hidden.delete(id);
    else hidden.add(id);
    this.change(hidden);
  }

  private group(title: string, columns: Column[]) {
    if (columns.length === 0) return null;
    return html`<h3>${title}</h3>
      ${columns.map(
        (c) =>
          html`<label><input type="checkbox" .checked=${!this.hiddenIds.has(c.id)} @change=${(e: Event) => this.toggle(c.id, (e.target as HTMLInputElement).checked)} />${c.label}</label>`,
      )}`;
  }

  render() {
    const shownCount = this.columns.filter((c) => !this.hiddenIds.has(c.id)).length;
    return html`<button aria-expanded=${this.open ? 'true' : 'false'} aria-controls="columns-panel" @click=${() => (this.open = !this.open)}>
        Columns (${shownCount}/${this.columns.length})
      </button>
      ${
        this.open
          ? html`<div class="panel" id="columns-panel" role="group" aria-label="Choose columns" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.open = false)}>
            <div class="actions">
              <button @click=${() => this.change(new Set())}>Show all</button>
              <button @click=${() => this.change(new Set(this.columns.map((c) => c.id)))}>Hide all</button>
            </div>
            ${this.columns.length === 0 ? html`<p class="empty">No columns to choose from.</p>` : null}
            ${this.group(
              'Run',
              this.columns.filter((c) => c.kind === 'attribute'),
            )}
            ${this.group(
              'Params',
              this.columns.filter((c) => c.kind === 'param'),
            )}
            ${this.group(
              'Metrics',
              this.columns.filter((c) => c.kind === 'metric'),
            )}
          </div>`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'column-chooser': ColumnChooser;
  }
}
