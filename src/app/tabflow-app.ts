import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { openTracking, watchAbandonedRuns } from '../tracking';
import { errorMessage, type AppServices, type PageElement } from '../ui/services';
import { persistStorageOnFirstTraining } from '../ui/settings/persist-on-first-training';
import { isStorageFullError } from '../ui/settings/storage-errors';
import '../ui/settings/storage-full-notice';
import '../ui/update-banner';
import { loadPage, NAV_PAGES } from './pages';
import { TrainingBridge } from './training-bridge';
import { MlflowConnection } from './mlflow-connection';
import { TrainingSession } from './training-session';
import { SweepPool } from './sweep-service';
import { PredictBridge } from './predict-bridge';
import { watchRoute, type Route } from './router';
import { registerServiceWorker } from './sw-registration';
import { installTokens } from '../ui/styles/tokens';
import { isPresentationMode, restoreAppearance, setPresentationMode } from '../ui/styles/appearance';

// Before the first render: the design tokens and the remembered theme, so no load flashes the wrong colours.
installTokens();
restoreAppearance();

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
    header { display: flex; align-items: center; gap: var(--tf-space-5); padding: 0 var(--tf-space-4); min-height: 52px; background: var(--tf-color-surface); color: var(--tf-color-text); border-bottom: 1px solid var(--tf-color-border); position: relative; z-index: 20; }
    .brand { font-weight: 700; font-size: var(--tf-font-size-lg); color: var(--tf-color-text); text-decoration: none; display: flex; align-items: center; gap: var(--tf-space-2); }
    .brand img { width: 24px; height: 24px; }
    .menu-button { display: none; }
    .bar { display: flex; align-items: center; gap: var(--tf-space-2); flex: 1; }
    nav { display: flex; gap: var(--tf-space-1); flex: 1; }
    nav a { color: var(--tf-color-text); text-decoration: none; padding: 6px 12px; border-radius: var(--tf-radius); font-size: var(--tf-font-size); }
    nav a:hover { background: var(--tf-color-surface-2); }
    nav a[aria-current='page'] { background: var(--tf-color-accent); color: var(--tf-color-on-accent); }
    a:focus-visible, button:focus-visible { outline: 2px solid var(--tf-color-focus); outline-offset: 2px; }
    header button { font: inherit; font-size: var(--tf-font-size); padding: 6px 12px; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
    header button[aria-pressed='true'] { background: var(--tf-color-accent); border-color: var(--tf-color-accent); color: var(--tf-color-on-accent); }
    /* Phones and narrow tablets: the links and the presentation toggle fold into a panel under "Menu". */
    @media (max-width: 719px) {
      header { justify-content: space-between; gap: var(--tf-space-2); }
      .menu-button { display: inline-flex; align-items: center; min-height: 44px; }
      .bar { display: none; position: absolute; top: 100%; left: 0; right: 0; flex-direction: column; align-items: stretch; padding: var(--tf-space-2) var(--tf-space-4) var(--tf-space-4); background: var(--tf-color-surface); border-bottom: 1px solid var(--tf-color-border); box-shadow: var(--tf-shadow-2); }
      .bar.open { display: flex; }
      nav { flex-direction: column; }
      nav a, .bar button { min-height: 44px; display: flex; align-items: center; box-sizing: border-box; }
    }
    main { flex: 1; display: flex; flex-direction: column; min-height: 0; min-width: 0; }
    .alerts { position: fixed; bottom: var(--tf-space-4); right: var(--tf-space-4); left: var(--tf-space-4); margin-left: auto; display: flex; flex-direction: column; gap: var(--tf-space-2); max-width: 480px; z-index: 100; }
    .alert { background: color-mix(in srgb, var(--tf-color-danger) 10%, var(--tf-color-surface)); border: 1px solid var(--tf-color-danger); color: var(--tf-color-danger); padding: 10px 12px; border-radius: var(--tf-radius); display: flex; gap: var(--tf-space-2); align-items: flex-start; box-shadow: var(--tf-shadow-1); }
    .alert p { margin: 0; flex: 1; white-space: pre-wrap; word-break: break-word; }
    .alert button { border: 0; background: transparent; font-size: var(--tf-font-size-lg); cursor: pointer; color: inherit; min-width: 32px; min-height: 32px; }
    .status { padding: var(--tf-space-6); color: var(--tf-color-text-muted); }
  `;

  @state() private services: AppServices | null = null;
  @state() private page: PageElement | null = null;
  @state() private pageName = '';
  @state() private errors: { id: number; message: string }[] = [];
  @state() private fatal: string | null = null;
  /** Set when a new version waits: activates it and reloads, once the user presses Reload. */
  @state() private applyUpdate: (() => void) | null = null;
  @state() private storageFull = false;
  /** The header's links are open on a narrow screen (they fold into "Menu" there). */
  @state() private menuOpen = false;
  @state() private presentation = isPresentationMode();
  private stopRouting: (() => void) | null = null;
  private nextErrorId = 1;
  private navigation = 0;

  connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('tabflow-error', (e) => this.showError((e as CustomEvent).detail));
    window.addEventListener('unhandledrejection', (e) => this.showError(e.reason));
    registerServiceWorker({
      onUpdateAvailable: (apply) => (this.applyUpdate = apply),
      onError: (e) => this.showError(e),
    });
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
      // …and later too, the moment another tab training a run is closed or reloaded (its run lock is freed).
      watchAbandonedRuns(tracking);
      // The bridge starts its worker (and loads tfjs, there only) on the first training; the session keeps the
      // training's live state while the person visits other pages.
      this.services = {
        tracking,
        training: new TrainingSession(new TrainingBridge(tracking)),
        predict: new PredictBridge().service,
        // Each pool slot is a bridge of its own, so a sweep's trials train in parallel workers.
        sweeps: new SweepPool(tracking, () => new TrainingBridge(tracking)),
        // Waiting pushes to an MLflow server are retried from here on, whatever page is shown.
        mlflow: await MlflowConnection.open(tracking),
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
    this.menuOpen = false;
    try {
      if (this.pageName !== route.page || !this.page) {
        // The page being left stays on screen until the next one's module has loaded. Inert meanwhile, so a click
        // meant for the new page (both may have an "Import" button) cannot open a dialog that then leaves with it.
        if (this.page) this.page.inert = true;
        const page = await loadPage(route.page);
        if (navigation !== this.navigation) return;
        page.services = this.services!;
        this.page = page;
        this.pageName = route.page;
      }
      this.page.inert = false;
      this.page.route = route;
      if (route.problem) this.showError(new Error(route.problem));
      document.title = `${this.titleOf(route.page)} · tabflow`;
    } catch (error) {
      // A page that failed to load leaves the current one in place, usable again.
      if (this.page) this.page.inert = false;
      this.showError(error);
    }
  }

  private togglePresentation(): void {
    this.presentation = !this.presentation;
    setPresentationMode(this.presentation);
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
      <header @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.menuOpen = false)}>
        <a class="brand" href="#/experiments"><img src="./icon.svg" alt="" />tabflow</a>
        <button class="menu-button" type="button" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="header-bar"
          @click=${() => (this.menuOpen = !this.menuOpen)}>Menu</button>
        <div class="bar ${this.menuOpen ? 'open' : ''}" id="header-bar">
          <nav aria-label="Main" @click=${() => (this.menuOpen = false)}>
            ${NAV_PAGES.map(
              (p) =>
                html`<a href="#/${p.page}" aria-current=${this.pageName === p.page ? 'page' : nothing}>${p.title}</a>`,
            )}
          </nav>
          <button type="button" aria-pressed=${this.presentation ? 'true' : 'false'} @click=${this.togglePresentation}>Presentation mode</button>
        </div>
      </header>
      ${this.applyUpdate ? html`<update-banner @update-reload=${() => this.applyUpdate?.()}></update-banner>` : nothing}
      ${this.storageFull ? html`<storage-full-notice @storage-full-dismiss=${() => (this.storageFull = false)}></storage-full-notice>` : nothing}
      <main>
        ${this.fatal ? html`<p class="status" role="alert">${this.fatal}</p>` : (this.page ?? html`<p class="status">Opening the database…</p>`)}
      </main>
      <div class="alerts" role="alert" aria-live="assertive">
        ${this.errors.map(
          (e) =>
            html`<div class="alert"><p>${e.message}</p><button aria-label="Dismiss" @click=${() => this.dismiss(e.id)}>×</button></div>`,
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
