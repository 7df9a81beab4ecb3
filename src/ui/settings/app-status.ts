import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { sectionStyles } from './settings-styles';

/** Set at build time from package.json (or TABFLOW_VERSION) by vite.config.ts. */
declare const __TABFLOW_VERSION__: string;

/** Which version of tabflow this is, and whether the service worker is serving it offline yet. */
@customElement('app-status')
export class AppStatus extends LitElement {
  static styles = sectionStyles;

  @state() private offlineReady = Boolean(navigator.serviceWorker?.controller);

  private readonly onControllerChange = () => {
    this.offlineReady = Boolean(navigator.serviceWorker?.controller);
  };

  connectedCallback(): void {
    super.connectedCallback();
    navigator.serviceWorker?.addEventListener('controllerchange', this.onControllerChange);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.serviceWorker?.removeEventListener('controllerchange', this.onControllerChange);
  }

  render() {
    return html`
      <h2>About this copy</h2>
      <p>tabflow version ${__TABFLOW_VERSION__}</p>
      ${
        this.offlineReady
          ? html`<p class="ok">Ready to work offline: the app is stored in this browser and needs no network.</p>`
          : html`<p class="muted">Not yet available offline: the app is still being stored (or this is a development build).</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-status': AppStatus;
  }
}
