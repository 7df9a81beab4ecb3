import type { TrackingClient } from '../tracking';

/**
 * What the composition root (src/app) hands to every page. Pages reach data and workers only through these, so
 * the UI never imports Dexie, tfjs or the app module.
 */
export interface AppServices {
  tracking: TrackingClient;
}

/** The contract of a page element: `<name>-page` in src/ui/pages/<name>-page.ts, given services and its route. */
export interface PageElement extends HTMLElement {
  services: AppServices;
  route: PageRoute;
}

export interface PageRoute {
  page: string;
  segments: string[];
  query: URLSearchParams;
}

/** Bubbles an error up to the app, which shows it in words in the page (role="alert"). */
export function reportError(from: HTMLElement, error: unknown): void {
  from.dispatchEvent(new CustomEvent('tabflow-error', { detail: error, bubbles: true, composed: true }));
}

/** A readable one-line message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
