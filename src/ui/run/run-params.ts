import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { runSectionStyles } from './run-styles';

/** The run's params (immutable once logged, as in MLflow), in key order. */
@customElement('run-params')
export class RunParams extends LitElement {
  static styles = runSectionStyles;

  @property({ attribute: false }) params: Record<string, string> = {};

  render() {
    const entries = Object.entries(this.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return html`<h2>Parameters <span class="count">${entries.length}</span></h2>
      ${
        entries.length === 0
          ? html`<p class="empty">No params logged.</p>`
          : html`<table aria-label="Parameters">
            <thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
            <tbody>${entries.map(([k, v]) => html`<tr><td>${k}</td><td class="mono">${v}</td></tr>`)}</tbody>
          </table>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-params': RunParams;
  }
}
