import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { openTracking } from '../tracking';
import { errorMessage, type AppServices, type PageElement } from '../ui/services';
import { persistStorageOnFirstTraining } from '../ui/settings/persist-on-first-training';
import { isStorageFullError } from '../ui/settings/storage-errors';
import '../ui/settings/storage-full-notice';
import '../ui/update-banner';
import { loadPage, NAV_PAGES } from './pages';
import { TrainingBridge } from './training-bridge';
import { TrainingSession } from './training-session';
import { SweepPool } from './sweep-service';
import { PredictBridge } from './predict-bridge';
import { watchRoute, type Route } from './router';
import { registerServiceWorker } from './sw-registration';

declare global {
  interface Window {
    /** The console API: `await tabflow.tracking.searchRuns()` in devtools, as with MLflow's Python client. */
    tabflow?: AppServices;
  }
}

/**
 * The composition root: opens the tracking database, builds the services pages receive, routes the hash to a
 * lazily loaded page element and shows every error a page reports, in words.
 */
@customElement('tabflow-app')
export class TabflowApp extends LitElement {
  static styles = css`
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    header { display: flex; align-items: center; gap: 24px; padding: 0 20px; height: 52px; background: #0d1117; color: #fff; }
    .brand { font-weight: 700; font-size: 18px; color: #fff; text-decoration: none; display: flex; align-items: center; gap: 8px; }
    .brand img { width: 24px; height: 24px; }
    nav { display: flex; gap: 4px; }
    nav a { color: #c9d1d9; text-decoration: none; padding: 6px 12px; border-radius: 6px; font-size: 14px; }
    nav a:hover { background: #21262d; color: #fff; }
    nav a[aria-current='page'] { background: #1f6feb; color: #fff; }
    main { flex: 1; display: flex; flex-direction: column; min-height: 0; }
    .alerts { position: fixed; bottom: 16px; right: 16px; display: flex; flex-direction: column; gap: 8px; max-width: 480px; z-index: 100; }
    .alert { background: #ffebe9; border: 1px solid #ff8182; color: #82071e; padding: 10px 12px; border-radius: 6px; display: flex; gap: 8px; align-items: flex-start; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
    .alert p { margin: 0; flex: 1; white-space: pre-wrap; word-break: break-word; }
    .alert button { border: 0; background: transparent; font-size: 16px; cursor: pointer; color: inherit; }
    .status { padding: 40px; color: #57606a; }
  `;

  @state() private services: AppServices | null = null;
  @state() private page: PageElement | null = null;
  @state() private pageName = '';
  @state() private errors: { id: number; message: string }[] = [];
  @state() private fatal: string | null = null;
  /** Set when a new version waits: activates it and reloads, once the user presses Reload. */
  @state() private applyUpdate: (() => void) | null = null;
  @state() private storageFull = false;
  private stopRouting: (() => void) | null = null;
  private nextErrorId = 1;
  private navigation = 0;

  connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('tabflow-error', (e) => this.showError((e as CustomEvent).detail));
    window.addEventListener('unhandledrejection', (e) => this.showError(e.reason));
    registerServiceWorker({ onUpdateAvailable: (apply) => (this.applyUpdate = apply), onError: (e) => this.showError(e) });
    void this.start();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopRouting?.();
  }

  private async start(): Promise<void> {
    try {
      const tracking = await openTracking();
      // Runs whose tab or worker died mid-training are ended as KILLED, keeping everything they logged.
      await tracking.endAbandonedRuns();
      // The bridge starts its worker (and loads tfjs, there only) on the first training; the session keeps the
      // training's live state while the person visits other pages.
      this.services = {
        tracking,
        training: new TrainingSession(new TrainingBridge(tracking)),
        predict: new PredictBridge().service,
        // Each pool slot is a bridge of its own, so a sweep's trials train in parallel workers.
        sweeps: new SweepPool(tracking, () => new TrainingBridge(tracking)),
      };
      window.tabflow = this.services;
      persistStorageOnFirstTraining(tracking);
      this.stopRouting = watchRoute((route) => void this.show(route));
    } catch (error) {
      this.fatal = `tabflow could not open its database: ${errorMessage(error)}. Private windows and some browser settings block IndexedDB.`;
    }
  }

  private async show(route: Route): Promise<void> {
    const navigation = ++this.navigation;
    try {
      if (this.pageName !== route.page || !this.page) {
        const page = await loadPage(route.page);
        if (navigation !== this.navigation) return;
        page.services = this.services!;
        this.page = page;
        this.pageName = route.page;
      }
      this.page.route = route;
      document.title = `${this.titleOf(route.page)} · tabflow`;
    } catch (error) {
      this.showError(error);
    }
  }

  private titleOf(page: string): string {
    return NAV_PAGES.find((p) => p.page === page)?.title ?? page.charAt(0).toUpperCase() + page.slice(1);
  }

  private showError(error: unknown): void {
    if (isStorageFullError(error)) {
      this.storageFull = true;
      return;
    }
    const id = this.nextErrorId++;
    this.errors = [...this.errors, { id, message: errorMessage(error) }];
  }

  private dismiss(id: number): void {
    this.errors = this.errors.filter((e) => e.id !== id);
  }

  render() {
    return html`
      <header>
        <a class="brand" href="#/experiments"><img src="./icon.svg" alt="" />tabflow</a>
        <nav aria-label="Main">
          ${NAV_PAGES.map(
            (p) => html`<a href="#/${p.page}" aria-current=${this.pageName === p.page ? 'page' : nothing}>${p.title}</a>`,
          )}
        </nav>
      </header>
      ${this.applyUpdate ? html`<update-banner @update-reload=${() => this.applyUpdate?.()}></update-banner>` : nothing}
      ${this.storageFull ? html`<storage-full-notice @storage-full-dismiss=${() => (this.storageFull = false)}></storage-full-notice>` : nothing}
      <main>
        ${this.fatal ? html`<p class="status" role="alert">${this.fatal}</p>` : this.page ?? html`<p class="status">Opening the database…</p>`}
      </main>
      <div class="alerts" role="alert" aria-live="assertive">
        ${this.errors.map(
          (e) => html`<div class="alert"><p>${e.message}</p><button aria-label="Dismiss" @click=${() => this.dismiss(e.id)}>×</button></div>`,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tabflow-app': TabflowApp;
  }
}
