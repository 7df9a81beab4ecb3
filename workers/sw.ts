/// <reference lib="webworker" />
/**
 * tabflow's service worker: serves the whole app from the precache so it works with no network at all. A new
 * version installs in the background and waits; the page asks the user, then posts SKIP_WAITING (see
 * src/app/sw-registration.ts), so an update never reloads a tab with an unsaved form by surprise.
 */
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withSecurityHeaders } from './sw-headers';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
};

// Before the routes: every response the precache serves (the app shell for navigations too) carries the isolation
// and CSP headers, so an installed app is cross-origin isolated and its workers bound by their policy even when
// the host that served the files sent no such headers.
addPlugins([{ handlerWillRespond: async ({ request, response }) => withSecurityHeaders(request, response) }]);
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
