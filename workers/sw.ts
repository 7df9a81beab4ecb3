/// <reference lib="webworker" />
/**
 * tabflow's service worker: serves the whole app from the precache so it works with no network at all. A new
 * version installs in the background and waits; the page asks the user, then posts SKIP_WAITING (see
 * src/app/sw-registration.ts), so an update never reloads a tab with an unsaved form by surprise.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes over the open tab at once, so the first visit already works offline. Later versions
// wait in 'installed' until the user presses Reload (skipWaiting below), and only then claim the tabs.
clientsClaim();

// Every navigation (#/routes live in the hash, but a bookmarked ?query or a reload offline) gets the app shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
