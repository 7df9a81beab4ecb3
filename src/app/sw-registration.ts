import { Workbox } from 'workbox-window';
import { errorMessage } from '../shared/errors';

export interface ServiceWorkerCallbacks {
  /** A new version is ready; call `apply` when the user chooses to reload into it. */
  onUpdateAvailable: (apply: () => void) => void;
  /** Registration failed: the app still works, but not offline. */
  onError: (error: unknown) => void;
}

/** How often an open tab asks whether a new version was published (a classroom laptop stays open all day). */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Registers workers/sw.ts (built to sw.js next to index.html) in production builds. Updates are never applied
 * silently: the waiting worker only takes over after the user presses Reload, which posts SKIP_WAITING and
 * reloads once the new worker controls the page, so no half-filled form is lost by surprise.
 */
export function registerServiceWorker(callbacks: ServiceWorkerCallbacks): void {
  // The dev server serves modules straight from source; a precaching worker there would serve stale code.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const workbox = new Workbox('./sw.js');
  // Without a controller this is the first install, whose worker claims the tab at once: nothing to reload.
  let controlled = navigator.serviceWorker.controller !== null;
  let reloadRequested = false;

  workbox.addEventListener('waiting', () => {
    callbacks.onUpdateAvailable(() => {
      reloadRequested = true;
      workbox.messageSkipWaiting();
    });
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    if (reloadRequested) {
      window.location.reload();
      return;
    }
    // Another tab's Reload activated the new version; this tab's old code may miss chunks it has not loaded yet.
    callbacks.onUpdateAvailable(() => window.location.reload());
  });

  workbox.register().then(
    () => {
      const check = () => void workbox.update().catch(() => {});
      setInterval(check, UPDATE_CHECK_INTERVAL_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
    },
    (error: unknown) => {
      // Already installed: registering again only re-checks sw.js for an update, which fails while offline.
      if (navigator.serviceWorker.controller) return;
      callbacks.onError(
        new Error(`Offline mode is unavailable: the service worker could not be registered (${errorMessage(error)}).`),
      );
    },
  );
}
